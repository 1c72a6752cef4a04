// Creating is never done twice: a process or an order whose answer was lost (issue 13, item 5).
import { NodeApiError } from 'n8n-workflow';

import { createOrder, createProcess } from '../../../../nodes/AiHomeDesign/transport';
import { executeContext } from '../../../support/n8n-context/execute';
import { FakeHttp, type FakeResponse } from '../../../support/http/fake-http';
import { newId } from '../../../support/http/fake-processes';
import { useVirtualClock, type VirtualClock } from '../../../support/time/package-clock';

const ORDER_ID = '69a6aa03a374700bff4a1328';
const ASSET_ID = '6878b6882ecd619eab1f886c';
const body = {
	order_id: ORDER_ID,
	tool: 'tool-virtual-staging',
	asset_map: { 'tool-virtual-staging-input-image': ASSET_ID },
	widgets: [
		{
			slug: 'widget-style-tool-virtual-staging',
			item_slugs: ['item-modern-widget-style-tool-virtual-staging'],
		},
	],
};

let time: VirtualClock;
let http: FakeHttp;
/** The processes the fake platform holds on the order, as GET /order/:id lists them. */
let processes: Array<Record<string, unknown>>;
/** What the next GET /order/:id lists (default: `processes`). */
let listed: () => Array<Record<string, unknown>>;

beforeEach(() => {
	time = useVirtualClock();
	http = new FakeHttp(time.now);
	processes = [];
	listed = () => processes;
	http.on(/^GET \/order\/[0-9a-f]{24}$/, () => ({
		body: { data: { id: ORDER_ID, assets: [{ id: ASSET_ID }], processes: listed() } },
	}));
});
afterEach(() => jest.restoreAllMocks());

async function failure(promise: Promise<unknown>): Promise<NodeApiError> {
	try {
		await promise;
	} catch (error) {
		return error as NodeApiError;
	}
	throw new Error('expected the request to fail');
}

/** POST /process creates the process, then the answer is lost the way `lost` says. */
function createsThen(
	lost: FakeResponse,
	entry: (id: string) => Record<string, unknown> = (id) => ({
		id,
		status: 'pending',
		tool: body.tool,
		order_id: ORDER_ID,
		created_at: new Date(time.now()).toISOString(),
	}),
) {
	http.on(/^POST \/process$/, () => {
		const id = newId();
		processes.push(entry(id));
		return processes.length === 1 ? lost : { status: 201, body: { process_ids: [id] } };
	});
}

const run = (orderIsNew = false) =>
	createProcess.call(executeContext({ http, params: {} }), body, 0, { orderIsNew });

describe('a process whose answer was lost is adopted, not created again', () => {
	it.each<[string, FakeResponse]>([
		['502 Bad Gateway', { status: 502, body: 'Bad gateway' }],
		['504 Gateway Timeout', { status: 504, body: 'Gateway timeout' }],
		['dropped connection', { networkError: 'ECONNRESET' }],
		['unreadable 201', { status: 201, body: '<html>oops</html>' }],
	])('created, then %s: exactly one process, and the node goes on with it', async (_, lost) => {
		createsThen(lost);
		const result = await run();
		expect(processes).toHaveLength(1);
		expect(result.processId).toBe(processes[0].id);
		expect(http.callsTo(/^POST \/process$/)).toHaveLength(1);
	});

	it('reads the order again a little later: a process that shows up late is still adopted', async () => {
		const late = {
			id: newId(),
			tool: body.tool,
			created_at: new Date(time.now() + 8000).toISOString(),
		};
		http.on(/^POST \/process$/, { status: 504 });
		let reads = 0;
		listed = () => (reads++ === 0 ? [] : [late]);
		const result = await run();
		expect(result.processId).toBe(late.id);
		expect(reads).toBe(2);
		expect(http.callsTo(/^POST \/process$/)).toHaveLength(1);
	});

	it('an older process of the same tool on the order is not mistaken for this one', async () => {
		processes.push({
			id: newId(),
			tool: body.tool,
			created_at: new Date(time.now() - 3600_000).toISOString(),
		});
		http.sequence(/^POST \/process$/, [
			{ status: 502 },
			{ status: 201, body: { process_ids: ['a'.repeat(24)] } },
		]);
		const result = await run();
		expect(result.processId).toBe('a'.repeat(24));
		expect(http.callsTo(/^POST \/process$/)).toHaveLength(2);
	});

	it('not created, then 502: the order shows none, so it is sent once more, and only once', async () => {
		http.on(/^POST \/process$/, { status: 502 });
		const error = await failure(run());
		expect(http.callsTo(/^POST \/process$/)).toHaveLength(2);
		expect(error.description).toMatch(/nothing was created or charged/);
	});

	it('when the order does not show creation times, it stops and says what to check in the dashboard', async () => {
		processes.push({ id: newId(), tool: body.tool });
		http.on(/^POST \/process$/, () => {
			processes.push({ id: newId(), tool: body.tool });
			return { status: 504 };
		});
		const error = await failure(run());
		expect(http.callsTo(/^POST \/process$/)).toHaveLength(1);
		expect(error.message).toMatch(/unknown whether AI HomeDesign created/);
		expect(error.description).toMatch(
			new RegExp(`Open order ${ORDER_ID} in the AI HomeDesign dashboard`),
		);
	});

	it('on an order Run Tool uploaded a moment ago, a matching process without a time is its own', async () => {
		createsThen({ status: 504 }, (id) => ({ id, tool: body.tool }));
		const result = await run(true);
		expect(result.processId).toBe(processes[0].id);
		expect(http.callsTo(/^POST \/process$/)).toHaveLength(1);
	});

	it('a process of another style on the same order is not adopted', async () => {
		createsThen({ status: 502 }, (id) => ({
			id,
			tool: body.tool,
			created_at: new Date(time.now()).toISOString(),
			widgets: [
				{
					slug: 'widget-style-tool-virtual-staging',
					item_slugs: ['item-farmhouse-widget-style-tool-virtual-staging'],
				},
			],
		}));
		const result = await run();
		expect(http.callsTo(/^POST \/process$/)).toHaveLength(2);
		expect(result.processId).toBe(processes[1].id);
	});

	it('when the order cannot be read, it stops without sending again', async () => {
		const failing = new FakeHttp(time.now);
		failing.on(/^POST \/process$/, { status: 502 });
		failing.on(/^GET \/order/, { status: 503 });
		const error = await failure(
			createProcess.call(executeContext({ http: failing, params: {} }), body, 0),
		);
		expect(failing.callsTo(/^POST \/process$/)).toHaveLength(1);
		expect(error.description).toMatch(/could not be read/);
	});
});

describe('an order whose answer was lost is never uploaded again', () => {
	it.each<[string, FakeResponse]>([
		['502', { status: 502 }],
		['504', { status: 504 }],
		['dropped connection', { networkError: 'ECONNRESET' }],
	])('created, then %s: one upload, and a message to check the latest orders', async (_, lost) => {
		http.sequence(/^POST \/order$/, [
			lost,
			{ status: 201, body: { order_id: ORDER_ID, assets: [{ id: ASSET_ID }] } },
		]);
		const context = executeContext({ http, params: {} });
		const error = await failure(
			createOrder.call(context, [
				{
					data: Buffer.from('jpeg'),
					fileName: 'room.jpg',
					contentType: 'image/jpeg',
					role: 'primary_angle',
				},
			]),
		);
		expect(http.callsTo(/^POST \/order$/)).toHaveLength(1);
		expect(error.description).toMatch(/Check the latest orders/);
		expect(error.description).toMatch(/not sent again/);
	});
});
