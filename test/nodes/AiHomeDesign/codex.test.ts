/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test infrastructure, never shipped */
// How the nodes are found in n8n's node panel (issue 15): its search matches the display name and
// the codex aliases, and shows one entry for both nodes with the trigger's description.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { AiHomeDesign } from '../../../nodes/AiHomeDesign/AiHomeDesign.node';
import { AiHomeDesignTrigger } from '../../../nodes/AiHomeDesign/AiHomeDesignTrigger.node';
import { REPO_ROOT } from '../../support/repo';

const codexOf = (file: string) =>
	JSON.parse(readFileSync(path.join(REPO_ROOT, 'nodes/AiHomeDesign', file), 'utf8')) as {
		alias?: string[];
	};

/** n8n's editor keeps a search result when every character typed appears in order (case aside). */
const matches = (typed: string, text: string) => {
	let at = 0;
	for (const c of text.toLowerCase()) if (c === typed[at]?.toLowerCase()) at++;
	return at === typed.length;
};

const SEARCHES = [
	'home design',
	'aihomedesign',
	'virtual staging',
	'staging',
	'real estate',
	'declutter',
	'item removal',
	'day to dusk',
	'interior design',
];

describe.each(['AiHomeDesign.node.json', 'AiHomeDesignTrigger.node.json'])('%s', (file) => {
	const aliases = codexOf(file).alias ?? [];

	it.each(SEARCHES)('has the alias "%s"', (search) => {
		expect(aliases).toContain(search);
	});

	it('is found by "home design", which the display name alone does not match', () => {
		expect(matches('home design', 'AI HomeDesign')).toBe(false);
		expect(aliases.some((alias) => matches('home design', alias))).toBe(true);
	});
});

it('both nodes carry the same aliases (n8n merges them into one search entry)', () => {
	expect(codexOf('AiHomeDesignTrigger.node.json').alias).toEqual(
		codexOf('AiHomeDesign.node.json').alias,
	);
});

it("the trigger's description, which the merged search entry shows, says what the package does", () => {
	const { description } = new AiHomeDesignTrigger().description;
	expect(description).toMatch(
		/^Virtual staging, decluttering and photo enhancement for real estate/,
	);
	expect(description).toMatch(/starts a workflow when a process finishes/);
	expect(new AiHomeDesign().description.description).toMatch(/^Virtual staging/);
});
