/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test infrastructure, never shipped */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';

import packageJson from '../../../package.json';
import { resources } from '../../../nodes/AiHomeDesign/actions/router';
import { AiHomeDesign } from '../../../nodes/AiHomeDesign/AiHomeDesign.node';
import { AiHomeDesignTrigger } from '../../../nodes/AiHomeDesign/AiHomeDesignTrigger.node';
import { REPO_ROOT } from '../../support/repo';

const { properties } = new AiHomeDesign().description;
const optionValues = (property: INodeProperties | undefined) =>
	((property?.options ?? []) as INodePropertyOptions[]).map((option) => String(option.value));

const resourceValues = optionValues(properties.find((p) => p.name === 'resource'));
const operationsOf = (resource: string) =>
	optionValues(
		properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
		),
	);
const executeFor = (resource: string, operation: string): unknown =>
	(resources as Record<string, Record<string, unknown>>)[resource]?.[operation];

describe('the action node description', () => {
	it('offers every resource the router runs, and no other', () => {
		expect([...resourceValues].sort()).toEqual(Object.keys(resources).sort());
	});

	const pairs = resourceValues.flatMap((resource) =>
		operationsOf(resource).map((operation) => [resource, operation]),
	);

	it('has an Operation dropdown for every resource', () => {
		for (const resource of resourceValues) expect(operationsOf(resource).length).toBeGreaterThan(0);
		expect(pairs.length).toBeGreaterThanOrEqual(11);
	});

	it.each(pairs)('%s → %s has an execute', (resource, operation) => {
		expect(typeof executeFor(resource, operation)).toBe('function');
	});

	it('has an Operation option for every execute the router knows', () => {
		for (const [resource, operations] of Object.entries(resources)) {
			expect([...operationsOf(resource)].sort()).toEqual(Object.keys(operations).sort());
		}
	});
});

/** Every codex file, wherever it sits under nodes/. */
function codexFiles(folder = path.join(REPO_ROOT, 'nodes')): string[] {
	return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(folder, entry.name);
		if (entry.isDirectory()) return codexFiles(full);
		return entry.name.endsWith('.node.json') ? [full] : [];
	});
}

// The codex file `X.node.json` belongs to the node class X in `X.node.ts` beside it.
const nodeClasses: Record<string, INodeType> = {
	AiHomeDesign: new AiHomeDesign(),
	AiHomeDesignTrigger: new AiHomeDesignTrigger(),
};

describe('codex files (how the editor files the nodes)', () => {
	const files = codexFiles();

	it('exist for every node the package declares', () => {
		const declared = packageJson.n8n.nodes.map((dist) =>
			path.join(REPO_ROOT, dist.replace(/^dist\//, '').replace(/\.js$/, '.json')),
		);
		expect(files.sort()).toEqual(declared.sort());
	});

	it.each(files.map((file) => [path.relative(REPO_ROOT, file), file]))(
		'%s names its node and has categories',
		(_relative, file) => {
			const codex = JSON.parse(readFileSync(file, 'utf8')) as {
				node?: string;
				categories?: string[];
			};
			const node = nodeClasses[path.basename(file, '.node.json')];
			expect(node).toBeDefined();
			expect(codex.node).toBe(`${packageJson.name}.${node.description.name}`);
			expect(codex.categories?.length).toBeGreaterThan(0);
		},
	);
});
