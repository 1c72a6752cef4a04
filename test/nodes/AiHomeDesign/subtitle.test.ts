import type { INodePropertyOptions } from 'n8n-workflow';

import { AiHomeDesign } from '../../../nodes/AiHomeDesign/AiHomeDesign.node';

const { subtitle, properties } = new AiHomeDesign().description;

/** The subtitle's words per "resource:operation", read out of its expression. */
const words = JSON.parse(/^=\{\{ (\{.*?\})\[/.exec(subtitle ?? '')![1]) as Record<string, string>;

const operationDropdowns = properties.filter((property) => property.name === 'operation');
const pairs = operationDropdowns.flatMap((property) =>
	(property.displayOptions?.show?.resource as string[]).flatMap((resource) =>
		(property.options as INodePropertyOptions[]).map(
			(option) => `${resource}:${String(option.value)}`,
		),
	),
);

describe('the canvas subtitle', () => {
	it('has words for every operation of every resource, and for no other', () => {
		expect(Object.keys(words).sort()).toEqual([...pairs].sort());
	});

	it('reads as the operation, e.g. "Run Tool on Image", not "runTool: process"', () => {
		expect(words['process:runTool']).toBe('Run Tool on Image');
		for (const text of Object.values(words)) expect(text).toMatch(/^[A-Z][a-z]+( [A-Za-z]+)*$/);
	});
});

describe('the Process operations', () => {
	const process = operationDropdowns.find((p) =>
		p.displayOptions?.show?.resource?.includes('process'),
	)!;

	it('list Run Tool on Image first, as the default', () => {
		expect((process.options as INodePropertyOptions[])[0].value).toBe('runTool');
		expect(process.default).toBe('runTool');
	});
});
