import type { IDataObject } from 'n8n-workflow';

import { AiHomeDesign } from '../../../../../nodes/AiHomeDesign/AiHomeDesign.node';
import { executeContext } from '../../../../support/n8n-context/execute';
import { FakeHttp } from '../../../../support/http/fake-http';
import { useVirtualClock, type VirtualClock } from '../../../../support/time/package-clock';

const ORDER_ID = '6878b6d52ecd619eab1f886d';
const ASSET_ID = '6878b6882ecd619eab1f886c';
const PROCESS_ID = '69a6bb11a374700bff4a1333';

let time: VirtualClock;
let http: FakeHttp;

beforeEach(() => {
	time = useVirtualClock();
	http = new FakeHttp(time.now);
	// Request deadlines (AbortSignal.timeout) run on the virtual clock.
	jest.spyOn(AbortSignal, 'timeout').mockImplementation((ms: number) => {
		const controller = new AbortController();
		void time.sleep(ms).then(() => controller.abort(new Error('deadline')));
		return controller.signal;
	});
});
afterEach(() => jest.restoreAllMocks());

const create: IDataObject = {
	resource: 'process',
	operation: 'create',
	orderId: ORDER_ID,
	tool: 'tool-item-removal',
	assetMap: { inputs: [{ slot: 'tool-item-removal-input-image', assetId: ASSET_ID }] },
	waitForCompletion: false,
};

async function run(params: IDataObject) {
	const context = executeContext({ http, params });
	const [output] = await new AiHomeDesign().execute.call(context);
	return output;
}

describe('slow answers', () => {
	it('waits 60 s for the answer to a JSON call, as the official client does', async () => {
		http.on(/^POST \/process$/, { status: 201, body: { process_ids: [PROCESS_ID] } });
		await run(create);
		expect(http.callsTo(/^POST \/process$/)[0].options.timeout).toBe(60_000);
	});

	it('takes a new process that the platform confirms after 45 s, without asking the order', async () => {
		http.on(/^POST \/process$/, async (call) => {
			// Like a real connection, the request ends when its deadline signal aborts.
			const signal = call.options.abortSignal as AbortSignal;
			await new Promise<void>((resolve, reject) => {
				signal.addEventListener('abort', () =>
					reject(Object.assign(new Error('canceled'), { code: 'ERR_CANCELED' })),
				);
				void time.sleep(45_000).then(resolve);
			});
			return { status: 201, body: { process_ids: [PROCESS_ID] } };
		});
		const [item] = await run(create);
		expect(item.json).toMatchObject({ process_id: PROCESS_ID, status: 'pending' });
		expect(http.callsTo(/^GET \/order/)).toHaveLength(0);
	});
});
