import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { router } from '../../../../nodes/AiHomeDesign/actions/router';
import { executeContext } from '../../../support/n8n-context/execute';
import { FakeHttp } from '../../../support/http/fake-http';
import { FakeProcesses } from '../../../support/http/fake-processes';
import { useVirtualClock, type VirtualClock } from '../../../support/time/package-clock';

const PROJECT_ID = '69a6aa03a374700bff4a1328';
const ORDER_ID = '6878b6d52ecd619eab1f886d';

let time: VirtualClock;
let http: FakeHttp;
let platform: FakeProcesses;

beforeEach(() => {
	time = useVirtualClock();
	http = new FakeHttp(time.now);
	platform = new FakeProcesses(http, time.now);
	http.on(/^GET \/project\/(\w+)$/, (_call, match) => ({
		body: { data: { id: match[1], address: '1 Maple Street' } },
	}));
	http.on(/^GET \/project$/, {
		body: {
			data: [1, 2, 3].map((n) => ({ id: String(n).padStart(24, '0'), address: `${n} Elm Road` })),
		},
	});
	http.on(/^GET \/order\/(\w+)$/, (_call, match) => ({
		body: { data: { id: match[1], assets: [], processes: [] } },
	}));
	http.on(/^GET \/api\/tools$/, {
		body: { data: [{ id: 1, name: 'Day to Dusk', slug: 'tool-day-to-dusk', isActive: true }] },
	});
});
afterEach(() => jest.restoreAllMocks());

/** Runs the router over one input item per parameter set. */
async function route(perItem: IDataObject[], continueOnFail = false) {
	const items: INodeExecutionData[] = perItem.map(() => ({ json: {} }));
	const context = executeContext({
		http,
		params: (itemIndex) => perItem[itemIndex],
		items,
		continueOnFail,
	});
	const [output] = await router.call(context);
	return output;
}

const getProject = { resource: 'project', operation: 'get', projectId: PROJECT_ID };
const waitFor = (processId: string): IDataObject => ({
	resource: 'process',
	operation: 'waitForCompletion',
	processId,
	waitOptions: {},
	resultFiles: 'none',
});

describe('dispatch', () => {
	it("runs each item's own resource and operation", async () => {
		const output = await route([
			getProject,
			{ resource: 'order', operation: 'get', orderId: ORDER_ID },
			{ resource: 'tool', operation: 'getAll', activeOnly: true },
		]);
		expect(output.map((item) => item.json.id)).toEqual([PROJECT_ID, ORDER_ID, 1]);
		expect(http.calls.map((call) => `${call.method} ${call.path}`)).toEqual([
			`GET /project/${PROJECT_ID}`,
			`GET /order/${ORDER_ID}`,
			'GET /api/tools',
		]);
	});

	it.each([
		['an unknown resource', { resource: 'invoice', operation: 'get' }, '"get" of "invoice"'],
		['an unknown operation', { resource: 'project', operation: 'delete' }, '"delete" of "project"'],
		['a name every object has', { resource: 'project', operation: 'toString' }, '"toString"'],
	])('%s is a clear error on that item, and nothing is sent', async (_what, params, named) => {
		const failure = route([getProject, params]);
		await expect(failure).rejects.toThrow(NodeOperationError);
		await expect(failure).rejects.toThrow(`The operation ${named}`);
		await expect(failure).rejects.toThrow(/is not supported/);
		await expect(failure).rejects.toMatchObject({ context: { itemIndex: 1 } });
		expect(http.calls).toHaveLength(1);
	});
});

describe('Continue On Fail', () => {
	it('turns each failure into an error item paired with its input, and keeps the other items', async () => {
		const output = await route(
			[
				getProject,
				{ resource: 'project', operation: 'delete' },
				{ ...getProject, projectId: 'not-an-id' },
			],
			true,
		);
		expect(output).toEqual([
			{ json: expect.objectContaining({ id: PROJECT_ID }), pairedItem: { item: 0 } },
			{
				json: { error: 'The operation "delete" of "project" is not supported' },
				pairedItem: { item: 1 },
			},
			{
				json: { error: 'Project ID "not-an-id" is not a valid ID' },
				pairedItem: { item: 2 },
			},
		]);
	});
});

describe('pairedItem', () => {
	it('is on every output item, several per input and after the shared wait too', async () => {
		const slow = platform.add({ durationMs: 40_000 });
		const failed = platform.add({ durationMs: 20_000, outcome: 'failed' });
		const quick = platform.add({ durationMs: 10_000 });
		const output = await route(
			[
				waitFor(slow.id),
				{ resource: 'project', operation: 'getAll', returnAll: true, filters: {} },
				waitFor(failed.id),
				waitFor(quick.id),
			],
			true,
		);
		expect(output.map((item) => item.pairedItem)).toEqual(
			[0, 1, 1, 1, 2, 3].map((item) => ({ item })),
		);
		expect(output[0].json).toMatchObject({ process_id: slow.id, status: 'done' });
		expect(output[4].json).toMatchObject({ process_id: failed.id, status: 'failed' });
		expect(output[4].json.error).toContain('failed on AI HomeDesign');
		expect(output[5].json).toMatchObject({ process_id: quick.id, status: 'done' });
		// One wait for all three: as long as the slowest, not the sum.
		expect(time.elapsed()).toBeLessThan(40_000 + 5_000 + 1);
	});
});
