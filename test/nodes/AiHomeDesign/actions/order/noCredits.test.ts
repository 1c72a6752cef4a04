import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { AiHomeDesign } from '../../../../../nodes/AiHomeDesign/AiHomeDesign.node';
import { executeContext } from '../../../../support/n8n-context/execute';
import { FakeHttp } from '../../../../support/http/fake-http';
import { useVirtualClock } from '../../../../support/time/package-clock';

const ORDER_ID = '6878b6d52ecd619eab1f886d';

let http: FakeHttp;
beforeEach(() => {
	http = new FakeHttp(useVirtualClock().now);
});
afterEach(() => jest.restoreAllMocks());

const photo = {
	data: Buffer.from('photo').toString('base64'),
	mimeType: 'image/jpeg',
	fileName: 'room.jpg',
};

async function run(params: IDataObject) {
	const items: INodeExecutionData[] = [{ json: {}, binary: { data: photo, mask: photo } }];
	const context = executeContext({ http, params, items });
	const [output] = await new AiHomeDesign().execute.call(context);
	return output;
}

const orderCreate: IDataObject = {
	resource: 'order',
	operation: 'create',
	images: { image: [{ source: 'binary', binaryPropertyName: 'data', role: 'primary_angle' }] },
};

describe('an upload answered with no assets (no credits left)', () => {
	beforeEach(() => {
		http.on(/^POST \/order$/, {
			status: 201,
			body: { data: { order_id: ORDER_ID, assets: [] }, message: 'ok' },
		});
	});

	it("tells the user to check the plan's credits, not that the API changed", async () => {
		const promise = run(orderCreate);
		await expect(promise).rejects.toBeInstanceOf(NodeOperationError);
		const error = (await promise.catch((e: unknown) => e)) as NodeOperationError;
		expect(error.message).toMatch(/stored none of the 1 photo/);
		expect(error.description).toMatch(/credits/);
		expect(`${error.message} ${error.description}`).not.toMatch(/unexpected shape|changed its API/);
	});

	it('starts no process when Run Tool on Image got no asset back', async () => {
		await expect(
			run({
				resource: 'process',
				operation: 'runTool',
				inputBinaryField: 'data',
				tool: 'tool-item-removal',
				waitOptions: {},
				resultFiles: 'none',
				options: {},
			}),
		).rejects.toThrow(/stored none/);
		expect(http.callsTo(/^POST \/process$/)).toHaveLength(0);
	});
});

it('says which photos were not stored when only some came back', async () => {
	http.on(/^POST \/order$/, {
		status: 201,
		body: { data: { order_id: ORDER_ID, assets: [{ id: '6878b6882ecd619eab1f886c' }] } },
	});
	const promise = run({
		...orderCreate,
		images: {
			image: [
				{ source: 'binary', binaryPropertyName: 'data', role: 'primary_angle' },
				{ source: 'binary', binaryPropertyName: 'mask', role: 'mask' },
			],
		},
	});
	await expect(promise).rejects.toThrow(/stored only 1 of the 2 photos/);
});
