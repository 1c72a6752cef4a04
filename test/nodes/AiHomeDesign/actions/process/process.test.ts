import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { AiHomeDesign } from '../../../../../nodes/AiHomeDesign/AiHomeDesign.node';
import { executeContext } from '../../../../support/n8n-context/execute';
import { FakeHttp } from '../../../../support/http/fake-http';
import { FakeProcesses } from '../../../../support/http/fake-processes';
import { useVirtualClock, type VirtualClock } from '../../../../support/time/package-clock';

const ORDER_ID = '6878b6d52ecd619eab1f886d';
const ASSET_ID = '6878b6882ecd619eab1f886c';

let time: VirtualClock;
let http: FakeHttp;
let platform: FakeProcesses;

beforeEach(() => {
	time = useVirtualClock();
	http = new FakeHttp(time.now);
	platform = new FakeProcesses(http, time.now);
	http.on(/^GET \/.*\.jpg$/, (call) => ({
		body: Buffer.from(`jpeg bytes of ${call.path}`),
		headers: { 'content-type': 'image/jpeg' },
	}));
});
afterEach(() => jest.restoreAllMocks());

const staging: IDataObject = {
	resource: 'process',
	operation: 'create',
	orderId: ORDER_ID,
	tool: 'tool-virtual-staging',
	assetMap: { inputs: [{ slot: 'tool-virtual-staging-input-image', assetId: ASSET_ID }] },
	space: 'living-room',
	style: 'modern',
	waitForCompletion: true,
	waitOptions: {},
	resultFiles: 'none',
};

async function run(
	params: IDataObject | ((i: number) => IDataObject),
	options: { items?: number; continueOnFail?: boolean } = {},
) {
	const items: INodeExecutionData[] = Array.from({ length: options.items ?? 1 }, () => ({
		json: {},
	}));
	const context = executeContext({ http, params, items, continueOnFail: options.continueOnFail });
	const [output] = await new AiHomeDesign().execute.call(context);
	return output;
}

describe('Process → Create', () => {
	it('sends the tool, asset map and widgets grouped per widget, then waits and outputs the results', async () => {
		const [item] = await run(staging);
		const [post] = http.callsTo(/^POST \/process$/);
		expect(post.body).toEqual({
			order_id: ORDER_ID,
			tool: 'tool-virtual-staging',
			asset_map: { 'tool-virtual-staging-input-image': ASSET_ID },
			widgets: [
				{
					slug: 'widget-space-tool-virtual-staging',
					item_slugs: ['item-living-room-widget-space-tool-virtual-staging'],
				},
				{
					slug: 'widget-style-tool-virtual-staging',
					item_slugs: ['item-modern-widget-style-tool-virtual-staging'],
				},
			],
		});
		const processId = item.json.process_id as string;
		expect(item.json).toMatchObject({
			status: 'done',
			tool: 'tool-virtual-staging',
			order_id: ORDER_ID,
		});
		expect(item.json.final_assets).toEqual([
			expect.objectContaining({
				src: `https://cdn.aihomedesign.test/${processId}.jpg`,
				thumbnail: `https://cdn.aihomedesign.test/${processId}_thumb.jpg`,
			}),
		]);
		expect(item.pairedItem).toEqual({ item: 0 });
		// Created a moment ago: the first status check waits one interval.
		const created = platform.processes.get(processId)!;
		expect(created.polls[0] - created.createdAt).toBe(5000);
		expect(platform.tooFastPolls).toBe(0);
	});

	it('without waiting, outputs the new process id at once', async () => {
		const [item] = await run({ ...staging, waitForCompletion: false });
		expect(item.json).toMatchObject({ status: 'pending', tool: 'tool-virtual-staging' });
		expect(http.callsTo(/^GET/)).toHaveLength(0);
	});

	it('refuses a missing required setting before sending anything', async () => {
		const promise = run({ ...staging, style: '' });
		await expect(promise).rejects.toThrow(/Virtual Staging needs a value for: Style/);
		await expect(promise).rejects.toBeInstanceOf(NodeOperationError);
		expect(http.calls).toHaveLength(0);
	});

	it('refuses two values for a single-choice setting (from an expression), naming them in words', async () => {
		await expect(run({ ...staging, style: 'modern, farmhouse' })).rejects.toThrow(
			'Virtual Staging takes one Style, got 2: Modern, Farmhouse',
		);
	});

	it('sends raw widgets JSON as given', async () => {
		const widgets = [
			{
				slug: 'widget-material-tool-floor-change',
				item_slugs: ['item-marble-widget-material-tool-floor-change'],
			},
		];
		await run({
			...staging,
			widgetsInput: 'json',
			widgetsJson: JSON.stringify(widgets),
			waitForCompletion: false,
		});
		expect((http.callsTo(/^POST/)[0].body as IDataObject).widgets).toEqual(widgets);
	});

	it('refuses an order id that is not an id', async () => {
		await expect(run({ ...staging, orderId: 'my order' })).rejects.toThrow(
			/Order ID "my order" is not a valid ID/,
		);
	});

	it('waits for 20 items together: total time follows the slowest process, not the sum', async () => {
		platform.durations = Array.from({ length: 20 }, (_, i) => 15_000 + ((i * 7) % 20) * 5_000); // 15 s … 110 s
		const output = await run(staging, { items: 20 });
		expect(output).toHaveLength(20);
		expect(output.map((item) => item.pairedItem)).toEqual(
			Array.from({ length: 20 }, (_, item) => ({ item })),
		);
		expect(output.every((item) => item.json.status === 'done')).toBe(true);
		const slowest = Math.max(...platform.durations);
		expect(time.elapsed()).toBeGreaterThanOrEqual(slowest);
		expect(time.elapsed()).toBeLessThanOrEqual(slowest + 5000);
		const minimumPolls = platform.durations.reduce((sum, d) => sum + Math.ceil(d / 5000), 0);
		expect(http.callsTo(/^GET \/process/)).toHaveLength(minimumPolls);
		expect(platform.tooFastPolls).toBe(0);
	});
});

describe('Process → Wait for Completion', () => {
	const waitFor = (processId: string, extra: IDataObject = {}) => ({
		resource: 'process',
		operation: 'waitForCompletion',
		processId,
		waitOptions: {},
		resultFiles: 'none',
		...extra,
	});

	it('a failed process is an error naming it', async () => {
		const failed = platform.add({ durationMs: 10_000, outcome: 'failed' });
		await expect(run(waitFor(failed.id))).rejects.toThrow(
			`Process ${failed.id} failed on AI HomeDesign`,
		);
	});

	it('with Continue On Fail, a failed process is an item with its status and id', async () => {
		const failed = platform.add({ durationMs: 10_000, outcome: 'failed' });
		const [item] = await run(waitFor(failed.id), { continueOnFail: true });
		expect(item.json).toMatchObject({
			process_id: failed.id,
			status: 'failed',
			error: expect.stringMatching(/failed/),
		});
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('a timeout is an error that carries the process id to pick it up later', async () => {
		const slow = platform.add({ durationMs: Infinity });
		const promise = run(waitFor(slow.id, { waitOptions: { timeout: 60 } }));
		await expect(promise).rejects.toThrow(`Process ${slow.id} was still processing after 60 s`);
		expect(time.elapsed()).toBe(60_000);
	});

	it('with Continue On Fail, a timeout is an item flagged timed_out', async () => {
		const slow = platform.add({ durationMs: Infinity });
		const [item] = await run(waitFor(slow.id, { waitOptions: { timeout: 30 } }), {
			continueOnFail: true,
		});
		expect(item.json).toMatchObject({ process_id: slow.id, status: 'processing', timed_out: true });
	});

	it('with Continue On Fail, one bad item does not stop the others', async () => {
		const good = platform.add({ durationMs: 10_000 });
		const output = await run((i) => waitFor(i === 0 ? 'not-an-id' : good.id), {
			items: 2,
			continueOnFail: true,
		});
		expect(output[0].json.error).toMatch(/not a valid ID/);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(output[1].json).toMatchObject({ process_id: good.id, status: 'done' });
		expect(output[1].pairedItem).toEqual({ item: 1 });
	});

	it('downloads the result images as binary when asked', async () => {
		const done = platform.add({ durationMs: 0 });
		const [item] = await run(
			waitFor(done.id, { resultFiles: 'full', binaryPropertyName: 'staged' }),
		);
		const file = item.binary!.staged;
		expect(file.mimeType).toBe('image/jpeg');
		expect(file.fileName).toBe(`virtual-staging-${done.id}-1.jpg`);
		expect(Buffer.from(file.data, 'base64').toString()).toBe(`jpeg bytes of /${done.id}.jpg`);
		// No API key goes to the CDN.
		expect(http.callsTo(/\.jpg$/)[0].authenticated).toBe(false);
	});
});

describe('Process → Get', () => {
	it("outputs a running process's status without waiting", async () => {
		const running = platform.add({ durationMs: 60_000 });
		const [item] = await run({
			resource: 'process',
			operation: 'get',
			processId: running.id,
			resultFiles: 'none',
		});
		expect(item.json).toMatchObject({
			process_id: running.id,
			status: 'processing',
			final_assets: [],
		});
		expect(http.calls).toHaveLength(1);
	});

	it('an unknown process is a 404 error that says to check the id', async () => {
		await expect(
			run({
				resource: 'process',
				operation: 'get',
				processId: '0123456789abcdef01234567',
				resultFiles: 'none',
			}),
		).rejects.toThrow(/Process 0123456789abcdef01234567 was not found/);
	});
});
