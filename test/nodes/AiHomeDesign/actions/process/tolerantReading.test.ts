import type { IDataObject } from 'n8n-workflow';

import { AiHomeDesign } from '../../../../../nodes/AiHomeDesign/AiHomeDesign.node';
import { executeContext } from '../../../../support/n8n-context/execute';
import { FakeHttp, type FakeResponse } from '../../../../support/http/fake-http';
import { useVirtualClock, type VirtualClock } from '../../../../support/time/package-clock';

const PROCESS_ID = '69a6bb11a374700bff4a1333';
const ASSET_ID = '69a6cc22a374700bff4a1400';

let time: VirtualClock;
let http: FakeHttp;

beforeEach(() => {
	time = useVirtualClock();
	http = new FakeHttp(time.now);
});
afterEach(() => jest.restoreAllMocks());

/** The status answers of the one process, in turn; the last one repeats. */
function polls(...bodies: unknown[]) {
	http.sequence(
		/^GET \/process\/\w+$/,
		bodies.map((data): FakeResponse => ({ body: { data, message: 'ok' } })),
	);
}

const done = {
	status: 'done',
	final_assets: [{ asset_id: ASSET_ID, asset_type: 'image', temp_src: 'https://cdn.test/r.jpg' }],
};

async function run(params: IDataObject, continueOnFail = false) {
	const context = executeContext({
		http,
		params: { processId: PROCESS_ID, waitOptions: {}, resultFiles: 'none', ...params },
		continueOnFail,
	});
	const [output] = await new AiHomeDesign().execute.call(context);
	return output;
}

const wait = { resource: 'process', operation: 'waitForCompletion' };
const get = { resource: 'process', operation: 'get' };

describe('reading what the platform answers', () => {
	it('keeps waiting through a status it does not know, and outputs the result once done', async () => {
		polls({ status: 'queued', final_assets: [] }, { status: 'queued' }, done);
		const [item] = await run(wait);
		expect(item.json).toMatchObject({ status: 'done', process_id: PROCESS_ID });
		expect(http.callsTo(/^GET/)).toHaveLength(3);
	});

	it('times out naming the unknown status that the process kept', async () => {
		polls({ status: 'queued', final_assets: [] });
		const promise = run({ ...wait, waitOptions: { timeout: 30 } });
		await expect(promise).rejects.toThrow(/"queued"/);
		expect(time.elapsed()).toBeGreaterThanOrEqual(30_000);
	});

	it('keeps the raw unknown status on the item of a timed-out wait', async () => {
		polls({ status: 'canceled' });
		const [item] = await run({ ...wait, waitOptions: { timeout: 10 } }, true);
		expect(item.json).toMatchObject({ status: 'canceled', timed_out: true });
		expect(item.json.error).toMatch(/"canceled"/);
	});

	it('outputs an unknown status as the platform wrote it when getting a process', async () => {
		polls({ status: 'Queued-For-GPU', final_assets: [] });
		const [item] = await run(get);
		expect(item.json.status).toBe('Queued-For-GPU');
	});

	it('is not put off by fields it does not know', async () => {
		polls({
			...done,
			progress: 100,
			queue: { position: 0 },
			final_assets: [{ ...done.final_assets[0], width: 1080, meta: {} }],
		});
		const [item] = await run(get);
		expect(item.json).toMatchObject({ status: 'done' });
	});

	it('still outputs a result that has no type and only a temporary link', async () => {
		polls({
			status: 'done',
			final_assets: [{ asset_id: ASSET_ID, temp_src: 'https://cdn.test/r.jpg' }],
		});
		const [item] = await run(get);
		expect(item.json.final_assets).toEqual([
			{ asset_id: ASSET_ID, asset_type: null, src: 'https://cdn.test/r.jpg', thumbnail: null },
		]);
	});

	it('names the status field when an answer has none', async () => {
		polls({ final_assets: [] });
		await expect(run(get)).rejects.toThrow(/unexpected shape: field "status"/);
	});

	it('names the link field when a result has no link at all', async () => {
		polls({ status: 'done', final_assets: [{ asset_id: ASSET_ID, asset_type: 'image' }] });
		await expect(run(get)).rejects.toThrow(/unexpected shape: field "final_assets\.0\.src"/);
	});

	it('names the asset id field when a result has none', async () => {
		polls({ status: 'done', final_assets: [{ temp_src: 'https://cdn.test/r.jpg' }] });
		await expect(run(get)).rejects.toThrow(/unexpected shape: field "final_assets\.0\.asset_id"/);
	});
});
