import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { AiHomeDesign } from '../../../../../nodes/AiHomeDesign/AiHomeDesign.node';
import { executeContext } from '../../../../support/n8n-context/execute';
import { FakeHttp } from '../../../../support/http/fake-http';
import { useVirtualClock, type VirtualClock } from '../../../../support/time/package-clock';

const PROCESS_ID = '69a6bb11a374700bff4a1333';
const ORDER_ID = '6878b6d52ecd619eab1f886d';
const ASSET_ID = '6878b6882ecd619eab1f886c';

let time: VirtualClock;
let http: FakeHttp;

/** Like the platform (and the simulator): a GET with width/height hands out resized result URLs. */
function sized(url: string, qs: IDataObject | undefined): string {
	const params = ['width', 'height']
		.filter((k) => qs?.[k] !== undefined)
		.map((k) => `${k}=${String(qs![k])}`);
	return params.length ? `${url}?${params.join('&')}` : url;
}

beforeEach(() => {
	time = useVirtualClock();
	http = new FakeHttp(time.now);
	http.on(/^GET \/process\/\w+$/, (call) => ({
		body: {
			data: {
				status: 'done',
				final_assets: [
					{
						asset_id: '69a6cc22a374700bff4a1400',
						temp_src: sized('https://cdn.aihomedesign.test/r.jpg', call.options.qs),
						temp_thumbnail_src: 'https://cdn.aihomedesign.test/r_thumb.jpg',
					},
				],
			},
		},
	}));
	http.on(/^POST \/process$/, { status: 201, body: { data: { process_ids: [PROCESS_ID] } } });
	http.on(/^GET \/r\.jpg$/, (call) => ({
		body: Buffer.from(`jpeg at ${call.url}`),
		headers: { 'content-type': 'image/jpeg' },
	}));
});
afterEach(() => jest.restoreAllMocks());

async function run(params: IDataObject, items: INodeExecutionData[] = [{ json: {} }]) {
	const context = executeContext({
		http,
		params: { processId: PROCESS_ID, waitOptions: {}, resultFiles: 'none', ...params },
		items,
	});
	const [output] = await new AiHomeDesign().execute.call(context);
	return output;
}

const get = { resource: 'process', operation: 'get' };
const statusRequests = () => http.callsTo(/^GET \/process\//);

describe('results at a chosen size', () => {
	it('asks for the original size unless told otherwise', async () => {
		const [item] = await run(get);
		expect(statusRequests()[0].options.qs ?? {}).toEqual({});
		expect((item.json.final_assets as IDataObject[])[0].src).toBe(
			'https://cdn.aihomedesign.test/r.jpg',
		);
	});

	it('gets 1080 px wide results for social posts, as URLs', async () => {
		const [item] = await run({ ...get, resultSize: 'social' });
		expect(statusRequests()[0].options.qs).toEqual({ width: 1080 });
		expect((item.json.final_assets as IDataObject[])[0].src).toBe(
			'https://cdn.aihomedesign.test/r.jpg?width=1080',
		);
	});

	it('downloads the file at the chosen custom size', async () => {
		const [item] = await run({
			...get,
			resultSize: 'custom',
			resultWidth: 1200,
			resultHeight: 800,
			resultFiles: 'full',
			binaryPropertyName: 'data',
		});
		expect(statusRequests()[0].options.qs).toEqual({ width: 1200, height: 800 });
		const [download] = http.callsTo(/^GET \/r\.jpg$/);
		expect(download.url).toBe('https://cdn.aihomedesign.test/r.jpg?width=1200&height=800');
		expect(item.binary?.data).toBeDefined();
	});

	it('keeps the proportions when only a custom width is given', async () => {
		await run({ ...get, resultSize: 'custom', resultWidth: 640, resultHeight: 0 });
		expect(statusRequests()[0].options.qs).toEqual({ width: 640 });
	});

	it('refuses a custom size without a width or a height before asking anything', async () => {
		await expect(
			run({ ...get, resultSize: 'custom', resultWidth: 0, resultHeight: 0 }),
		).rejects.toThrow(/Result Size "Custom" needs a width or a height/);
		expect(http.calls).toHaveLength(0);
	});

	it('applies the size to every status check while waiting for a new process', async () => {
		const [item] = await run({
			resource: 'process',
			operation: 'create',
			orderId: ORDER_ID,
			tool: 'tool-item-removal',
			assetMap: { inputs: [{ slot: 'tool-item-removal-input-image', assetId: ASSET_ID }] },
			waitForCompletion: true,
			resultSize: 'social',
		});
		expect(statusRequests().every((call) => (call.options.qs as IDataObject)?.width === 1080)).toBe(
			true,
		);
		expect((item.json.final_assets as IDataObject[])[0].src).toMatch(/\?width=1080$/);
	});

	it('applies the size when Run Tool on Image waits for the result', async () => {
		http.on(/^POST \/order$/, {
			status: 201,
			body: { data: { order_id: ORDER_ID, assets: [{ id: ASSET_ID }] } },
		});
		await run(
			{
				resource: 'process',
				operation: 'runTool',
				inputBinaryField: 'data',
				tool: 'tool-item-removal',
				options: {},
				resultSize: 'custom',
				resultWidth: 0,
				resultHeight: 1350,
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
		expect(statusRequests()[0].options.qs).toEqual({ height: 1350 });
	});

	it('offers Result Size with Original as the default, so saved workflows keep their size', () => {
		const fields = new AiHomeDesign().description.properties.filter((p) => p.name === 'resultSize');
		expect(fields.length).toBeGreaterThan(0);
		for (const field of fields) {
			expect(field.displayName).toBe('Result Size');
			expect(field.default).toBe('original');
		}
	});
});
