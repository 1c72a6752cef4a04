import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { TOOL_DEFINITIONS, toolDefinition } from '../../../../nodes/AiHomeDesign/domain/tools';
import {
	getInputSlots,
	getTools,
	getTriggerTools,
	NEW_TOOL_SUMMARY,
} from '../../../../nodes/AiHomeDesign/methods/loadOptions';
import { FakeHttp } from '../../../support/http/fake-http';
import { loadOptionsContext } from '../../../support/n8n-context/load-options';

function loadContext(http: FakeHttp, tool: string, noCredential = false): ILoadOptionsFunctions {
	return loadOptionsContext({ http, noCredential, current: { tool } });
}

it('getTools offers the active tools of the live catalog, by name', async () => {
	const http = new FakeHttp();
	http.on(/^GET \/api\/tools$/, {
		body: {
			data: [
				{ id: 2, name: 'Virtual Staging', slug: 'tool-virtual-staging', isActive: true },
				{ id: 1, name: 'Day to Dusk', slug: 'tool-day-to-dusk', isActive: true },
				{ id: 3, name: 'Retired Tool', slug: 'tool-retired', isActive: false },
				{ id: 4, name: 'Garden Staging', slug: 'tool-garden-staging', isActive: true },
			],
		},
	});
	const options = await getTools.call(loadContext(http, ''));
	expect(options.map((o) => o.value)).toEqual([
		'tool-day-to-dusk',
		'tool-garden-staging',
		'tool-virtual-staging',
	]);
	// Beneath each, what it does; a tool newer than the node says how to use it.
	expect(options.map((o) => o.description)).toEqual([
		toolDefinition('tool-day-to-dusk').summary,
		NEW_TOOL_SUMMARY,
		toolDefinition('tool-virtual-staging').summary,
	]);
});

describe('getTools, the Tool list of a node just added', () => {
	it('offers the tools this package knows before a credential is attached, without asking the platform', async () => {
		const http = new FakeHttp();
		const options = await getTools.call(loadContext(http, '', true));
		expect(options).toHaveLength(TOOL_DEFINITIONS.length);
		expect(options).toContainEqual(
			expect.objectContaining({ name: 'Virtual Staging', value: 'tool-virtual-staging' }),
		);
		expect(options.map((o) => o.name)).toEqual(
			[...options.map((o) => o.name)].sort((a, b) => a.localeCompare(b)),
		);
		expect(http.calls).toHaveLength(0);
	});

	it('offers the live catalog once the credential is attached', async () => {
		const http = new FakeHttp();
		http.on(/^GET \/api\/tools$/, {
			body: { data: [{ id: 9, name: 'Brand New Tool', slug: 'tool-brand-new', isActive: true }] },
		});
		const options = await getTools.call(loadContext(http, ''));
		expect(options.map((o) => o.value)).toEqual(['tool-brand-new']);
	});

	it('with a credential, a catalog that cannot be read is an error (the Base URL may be wrong)', async () => {
		const http = new FakeHttp();
		http.on(/^GET \/api\/tools$/, { status: 404, body: 'Not Found' });
		await expect(getTools.call(loadContext(http, ''))).rejects.toThrow(
			/tool catalog was not found \(404\)/,
		);
	});
});

it('getInputSlots offers the slots of the chosen tool', async () => {
	const http = new FakeHttp();
	expect(
		(await getInputSlots.call(loadContext(http, 'tool-item-removal-mask'))).map((o) => o.value),
	).toEqual(['tool-item-removal-mask-input-image', 'tool-item-removal-mask-input-mask']);
	expect(
		(await getInputSlots.call(loadContext(http, 'tool-brand-new'))).map((o) => o.value),
	).toEqual(['tool-brand-new-input-image']);
});

describe("getTriggerTools, the trigger's Tools filter", () => {
	function triggerLoadContext(http: FakeHttp, withCredential = true): ILoadOptionsFunctions {
		return loadOptionsContext({ http, noCredential: !withCredential });
	}

	it('offers the live catalog when it can be read', async () => {
		const http = new FakeHttp();
		http.on(/^GET \/api\/tools$/, {
			body: { data: [{ id: 1, name: 'Day to Dusk', slug: 'tool-day-to-dusk', isActive: true }] },
		});
		expect(await getTriggerTools.call(triggerLoadContext(http))).toEqual([
			{
				name: 'Day to Dusk',
				value: 'tool-day-to-dusk',
				description: toolDefinition('tool-day-to-dusk').summary,
			},
		]);
	});

	it('falls back to the known tools without a credential (the trigger needs one only to verify)', async () => {
		const options = await getTriggerTools.call(triggerLoadContext(new FakeHttp(), false));
		expect(options).toHaveLength(TOOL_DEFINITIONS.length);
		expect(options).toContainEqual({
			name: 'Virtual Staging',
			value: 'tool-virtual-staging',
			description: 'Furnishes an empty room in the chosen style',
		});
		// In words: no API slug beneath any tool.
		expect(options.every((o) => o.description && !/tool-/.test(o.description))).toBe(true);
		expect(options.map((o) => o.name)).toEqual(
			[...options.map((o) => o.name)].sort((a, b) => a.localeCompare(b)),
		);
	});

	it('falls back to the known tools when the catalog is down', async () => {
		const http = new FakeHttp();
		http.on(/^GET \/api\/tools$/, { status: 404, body: 'not here' });
		expect(await getTriggerTools.call(triggerLoadContext(http))).toHaveLength(
			TOOL_DEFINITIONS.length,
		);
	});
});
