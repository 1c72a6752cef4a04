import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { AiHomeDesign } from '../../../../../nodes/AiHomeDesign/AiHomeDesign.node';
import { description as createDescription } from '../../../../../nodes/AiHomeDesign/actions/process/create.operation';
import { executeContext } from '../../../../support/n8n-context/execute';
import { FakeHttp } from '../../../../support/http/fake-http';
import { FakeProcesses } from '../../../../support/http/fake-processes';
import { useVirtualClock, type VirtualClock } from '../../../../support/time/package-clock';

const ORDER_ID = '6878b6d52ecd619eab1f886d';
const PHOTO_ID = '6878b6882ecd619eab1f886c';
const MASK_ID = '6878b6882ecd619eab1f8870';
/** The group id of the docs' mask example: neither the order's id nor a process id. */
const GROUP_ID = '694002f74da0895282fbdb85';

let time: VirtualClock;
let http: FakeHttp;
let platform: FakeProcesses;

beforeEach(() => {
	time = useVirtualClock();
	http = new FakeHttp(time.now);
	// Registered before the fake platform's own route, so it answers first: an automatic removal
	// creates a group and names it in its answer, as the docs say tools that create a group do.
	http.on(/^POST \/process$/, (call) => {
		const body = call.body as { order_id: string; tool: string; process_group_id?: string };
		const process = platform.add({ tool: body.tool, order_id: body.order_id, durationMs: 30_000 });
		const group =
			body.tool === 'tool-item-removal' ? GROUP_ID : (body.process_group_id ?? undefined);
		return {
			status: 201,
			body: {
				data: { process_ids: [process.id], ...(group ? { process_group_id: group } : {}) },
				message: 'ok',
			},
		};
	});
	platform = new FakeProcesses(http, time.now);
	http.on(/^POST \/order$/, {
		status: 201,
		body: { data: { order_id: ORDER_ID, assets: [{ id: PHOTO_ID }] } },
	});
	http.on(/^GET .*\.jpg$/, {
		body: Buffer.from('jpeg'),
		headers: { 'content-type': 'image/jpeg' },
	});
});
afterEach(() => jest.restoreAllMocks());

const autoRemoval: IDataObject = {
	resource: 'process',
	operation: 'create',
	orderId: ORDER_ID,
	tool: 'tool-item-removal',
	assetMap: { inputs: [{ slot: 'tool-item-removal-input-image', assetId: PHOTO_ID }] },
	waitForCompletion: true,
	waitOptions: {},
	resultFiles: 'none',
};

const maskRefinement: IDataObject = {
	...autoRemoval,
	tool: 'tool-item-removal-mask',
	assetMap: {
		inputs: [
			{ slot: 'tool-item-removal-mask-input-image', assetId: PHOTO_ID },
			{ slot: 'tool-item-removal-mask-input-mask', assetId: MASK_ID },
		],
	},
	processGroupId: GROUP_ID,
};

async function run(
	params: IDataObject,
	items: INodeExecutionData[] = [{ json: {} }],
	continueOnFail = false,
) {
	const context = executeContext({ http, params, items, continueOnFail });
	const [output] = await new AiHomeDesign().execute.call(context);
	return output;
}

describe('refining an automatic item removal with a mask', () => {
	it('outputs the group id of an automatic removal at once when not waiting', async () => {
		const [item] = await run({ ...autoRemoval, waitForCompletion: false });
		expect(item.json).toMatchObject({ status: 'pending', process_group_id: GROUP_ID });
	});

	it('outputs the group id of an automatic removal once it is done', async () => {
		const [item] = await run(autoRemoval);
		expect(item.json).toMatchObject({ status: 'done', process_group_id: GROUP_ID });
	});

	it('keeps the group id on the item of a removal that timed out', async () => {
		platform.durations = [Infinity];
		const [item] = await run({ ...autoRemoval, waitOptions: { timeout: 20 } }, undefined, true);
		expect(item.json).toMatchObject({ timed_out: true, process_group_id: GROUP_ID });
	});

	it('outputs the group id when Run Tool on Image does the automatic removal', async () => {
		const [item] = await run(
			{
				resource: 'process',
				operation: 'runTool',
				inputBinaryField: 'data',
				tool: 'tool-item-removal',
				waitOptions: {},
				resultFiles: 'none',
				options: {},
			},
			[
				{
					json: {},
					binary: {
						data: { data: Buffer.from('photo').toString('base64'), mimeType: 'image/jpeg' },
					},
				},
			],
		);
		expect(item.json).toMatchObject({ status: 'done', process_group_id: GROUP_ID });
	});

	it('gives a process without a group a null group id, so mappings do not break', async () => {
		const [item] = await run({
			...autoRemoval,
			tool: 'tool-virtual-staging',
			assetMap: { inputs: [{ slot: 'tool-virtual-staging-input-image', assetId: PHOTO_ID }] },
			space: 'living-room',
			style: 'modern',
		});
		expect(item.json.process_group_id).toBeNull();
	});

	it('sends the group id of the automatic removal with the mask removal', async () => {
		const [first] = await run({ ...autoRemoval, waitForCompletion: false });
		const [refined] = await run({
			...maskRefinement,
			processGroupId: first.json.process_group_id,
			waitForCompletion: false,
		});
		const posts = http.callsTo(/^POST \/process$/);
		expect(posts[1].body).toMatchObject({
			tool: 'tool-item-removal-mask',
			process_group_id: GROUP_ID,
			asset_map: {
				'tool-item-removal-mask-input-image': PHOTO_ID,
				'tool-item-removal-mask-input-mask': MASK_ID,
			},
		});
		expect(refined.json.process_group_id).toBe(GROUP_ID);
	});

	it('refuses a group id that is not an id before sending anything', async () => {
		await expect(run({ ...maskRefinement, processGroupId: 'group 1' })).rejects.toThrow(
			/Process Group ID "group 1" is not a valid ID/,
		);
		expect(http.callsTo(/^POST/)).toHaveLength(0);
	});

	it("says in the field's help that the group id comes from the automatic removal's output, not a process id", () => {
		const field = createDescription.find((p) => p.name === 'processGroupId')!;
		expect(field.description).toMatch(/process_group_id/);
		expect(field.description).toMatch(/AI Item Removal/);
		expect(field.description).toMatch(/not .*process ID/i);
	});
});
