import type { IDataObject } from 'n8n-workflow';

import { AiHomeDesign } from '../../../../../nodes/AiHomeDesign/AiHomeDesign.node';
import { executeContext, TEST_NODE } from '../../../../support/n8n-context/execute';
import { FakeHttp } from '../../../../support/http/fake-http';
import { useVirtualClock } from '../../../../support/time/package-clock';

const ORDER_ID = '6878b6d52ecd619eab1f886d';
const PROJECT_ID = '69a6aa03a374700bff4a1328';
const PROCESS_ID = '69a6bb11a374700bff4a1333';

/** An order as GET /order/:id answers it: every asset and process with URLs and timestamps. */
const ORDER = {
	id: ORDER_ID,
	order_id: ORDER_ID,
	project_id: PROJECT_ID,
	created_at: '2026-12-01T10:00:00.000Z',
	assets: [
		{
			id: '6878b6882ecd619eab1f886c',
			role: 'primary_angle',
			src: 'https://cdn.example.test/in/1.jpg',
			created_at: '2026-12-01T10:00:00.000Z',
		},
	],
	processes: [
		{
			id: PROCESS_ID,
			tool: { slug: 'tool-virtual-staging', name: 'Virtual Staging' },
			status: 'done',
			widgets: [{ slug: 'widget-style-tool-virtual-staging', item_slugs: ['item-modern'] }],
			final_assets: [
				{
					asset_id: '6878b6882ecd619eab1f8870',
					src: 'https://cdn.example.test/out/1.jpg',
					thumbnail: 'https://cdn.example.test/out/1-thumb.jpg',
				},
			],
		},
		'69a6bb11a374700bff4a1334',
	],
};

let http: FakeHttp;
beforeEach(() => {
	http = new FakeHttp(useVirtualClock().now);
	http.on(/^GET \/order\/\w+$/, { body: { data: ORDER } });
});
afterEach(() => jest.restoreAllMocks());

async function get(params: IDataObject, typeVersion = 1.1): Promise<IDataObject> {
	const context = executeContext({
		http,
		params: { resource: 'order', operation: 'get', orderId: ORDER_ID, ...params },
		node: { ...TEST_NODE, typeVersion },
	});
	const [[item]] = await new AiHomeDesign().execute.call(context);
	return item.json;
}

describe('Order → Get, Simplify', () => {
	it('is on by default for new nodes: the order, its images and one line per process', async () => {
		expect(await get({})).toEqual({
			order_id: ORDER_ID,
			project_id: PROJECT_ID,
			created_at: '2026-12-01T10:00:00.000Z',
			assets: [{ id: '6878b6882ecd619eab1f886c', role: 'primary_angle' }],
			processes: [
				{
					process_id: PROCESS_ID,
					tool: 'tool-virtual-staging',
					status: 'done',
					result_urls: ['https://cdn.example.test/out/1.jpg'],
				},
				{ process_id: '69a6bb11a374700bff4a1334' },
			],
		});
	});

	it('off: everything the platform answered', async () => {
		expect(await get({ simplify: false })).toEqual(ORDER);
	});

	it('nodes saved with version 1 keep the raw order they were built on', async () => {
		expect(await get({}, 1)).toEqual(ORDER);
	});

	it('is offered from version 1.1 on, which new nodes get', () => {
		const { description } = new AiHomeDesign();
		expect(description.defaultVersion).toBe(1.1);
		const simplify = description.properties.find((p) => p.name === 'simplify');
		expect(simplify).toMatchObject({ type: 'boolean', default: true });
		expect(simplify?.displayOptions?.show).toMatchObject({
			resource: ['order'],
			operation: ['get'],
			'@version': [{ _cnd: { gte: 1.1 } }],
		});
	});
});
