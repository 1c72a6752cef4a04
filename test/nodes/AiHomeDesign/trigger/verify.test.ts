import type { IDataObject } from 'n8n-workflow';

import { VERIFY_LIMITS } from '../../../../nodes/AiHomeDesign/trigger/verify';
import { FakeHttp, type FakeResponse } from '../../../support/http/fake-http';
import {
	completedBody,
	ORDER_ID,
	PROCESS_ID,
	StaticDataStore,
	type TriggerSetup,
} from '../../../support/trigger';
import { AiHomeDesignTrigger } from '../../../../nodes/AiHomeDesign/AiHomeDesignTrigger.node';
import { useVirtualClock, type VirtualClock } from '../../../support/time/package-clock';
import { deliver, restartN8n, webhookContext } from './n8nProcess';

const API_ASSET = {
	asset_id: '69a6cc22a374700bff4a1499',
	asset_type: 'image',
	src: 'https://cdn.aihomedesign.com/api-result.jpg',
	thumbnail_src: 'https://cdn.aihomedesign.com/api-result_thumb.jpg',
};
const apiProcess = (overrides: IDataObject = {}): FakeResponse => ({
	body: {
		data: {
			id: PROCESS_ID,
			status: 'done',
			tool: 'tool-virtual-staging',
			order_id: ORDER_ID,
			final_assets: [API_ASSET],
			...overrides,
		},
		message: 'ok',
	},
});
/** What a forger might post: right ids, but its own result URL. */
const forged = completedBody({
	final_assets: [
		{
			asset_id: '69a6cc22a374700bff4a1400',
			asset_type: 'image',
			temp_src: 'https://evil.example/phish.jpg',
		},
	],
});

let time: VirtualClock;
let http: FakeHttp;
let store: StaticDataStore;
const limits = { ...VERIFY_LIMITS };

beforeEach(() => {
	restartN8n();
	time = useVirtualClock(Date.UTC(2026, 10, 26, 12));
	http = new FakeHttp(time.now);
	store = new StaticDataStore();
});
afterEach(() => {
	Object.assign(VERIFY_LIMITS, limits);
	jest.restoreAllMocks();
});

const verifying = (extra: Partial<TriggerSetup> = {}): TriggerSetup => ({
	http,
	store,
	params: { verifyWithApi: true },
	...extra,
});
const apiCalls = () => http.callsTo(/^GET \/process\//);

describe('Verify with API', () => {
	it('reads the process with the credential and emits what the API says, not what the delivery says', async () => {
		http.on(/^GET \/process\/\w+$/, apiProcess());
		const outcome = await deliver(verifying(), { body: forged });
		expect(apiCalls()).toHaveLength(1);
		expect(apiCalls()[0]).toMatchObject({ path: `/process/${PROCESS_ID}`, authenticated: true });
		expect(outcome.status).toBe(200);
		expect(outcome.items).toEqual([
			{
				event: 'process.completed',
				process_id: PROCESS_ID,
				order_id: ORDER_ID,
				tool: 'tool-virtual-staging',
				status: 'done',
				final_assets: [
					{
						asset_id: API_ASSET.asset_id,
						asset_type: 'image',
						src: API_ASSET.src,
						thumbnail: API_ASSET.thumbnail_src,
					},
				],
				received_at: '2026-11-26T12:00:00.000Z',
				verified: true,
			},
		]);
		expect(JSON.stringify(outcome.items)).not.toContain('evil.example');
	});

	it('asks for the aiHomeDesignApi credential only when verifying', async () => {
		http.on(/^GET \/process\/\w+$/, apiProcess());
		const on = webhookContext(verifying(), { body: completedBody() });
		await new AiHomeDesignTrigger().webhook.call(on.context);
		expect(on.credentialRequests).toEqual(['aiHomeDesignApi']);
		restartN8n();
		const off = webhookContext({ http }, { body: completedBody() });
		await new AiHomeDesignTrigger().webhook.call(off.context);
		expect(off.credentialRequests).toEqual([]);
		expect(apiCalls()).toHaveLength(1);
	});

	it('emits the API status when it differs, and filters on it', async () => {
		http.on(/^GET \/process\/\w+$/, apiProcess({ status: 'failed', final_assets: [] }));
		const outcome = await deliver(verifying(), { body: completedBody() });
		expect(outcome.items).toEqual([
			expect.objectContaining({ status: 'failed', final_assets: [] }),
		]);
		restartN8n();
		const onlyDone = await deliver(
			verifying({
				store: new StaticDataStore(),
				params: { verifyWithApi: true, statusFilter: 'done' },
			}),
			{ body: completedBody() },
		);
		expect(onlyDone.result.workflowData).toBeUndefined();
		expect(onlyDone.body).toEqual({
			received: true,
			started: false,
			reason: 'status "failed" is filtered out',
		});
	});

	it('a delivery the filters leave out costs no API call', async () => {
		const outcome = await deliver(
			verifying({ params: { verifyWithApi: true, statusFilter: 'failed' } }),
			{ body: completedBody() },
		);
		expect(outcome.status).toBe(200);
		expect(apiCalls()).toHaveLength(0);
	});

	it('a repeated delivery costs no API call', async () => {
		http.on(/^GET \/process\/\w+$/, apiProcess());
		expect((await deliver(verifying(), { body: completedBody() })).items).toHaveLength(1);
		const again = await deliver(verifying(), { body: completedBody() });
		expect(again.result.workflowData).toBeUndefined();
		expect(apiCalls()).toHaveLength(1);
	});

	it('a forged status for an already-seen completion is caught after verification', async () => {
		http.on(/^GET \/process\/\w+$/, apiProcess());
		expect((await deliver(verifying(), { body: completedBody() })).items).toHaveLength(1);
		const claimsFailed = await deliver(verifying(), {
			body: completedBody({ status: 'failed', final_assets: [] }),
		});
		expect(claimsFailed.result.workflowData).toBeUndefined();
		expect(claimsFailed.body).toEqual(
			expect.objectContaining({ started: false, reason: expect.stringContaining('duplicate') }),
		);
	});

	it('two identical deliveries verifying at the same time start the workflow once', async () => {
		http.on(/^GET \/process\/\w+$/, apiProcess());
		const outcomes = await Promise.all([
			deliver(verifying(), { body: completedBody() }),
			deliver(verifying(), { body: completedBody() }),
		]);
		expect(outcomes.filter((o) => o.result.workflowData)).toHaveLength(1);
		expect(outcomes.map((o) => o.status)).toEqual([200, 200]);
		// One read for both: a second within 5 s would break the platform's polling rule.
		expect(apiCalls()).toHaveLength(1);
	});

	it('copies arriving together while the API fails all get 503, so the platform sends again', async () => {
		http.on(/^GET \/process\/\w+$/, { status: 500 });
		const outcomes = await Promise.all([
			deliver(verifying(), { body: completedBody() }),
			deliver(verifying(), { body: completedBody() }),
		]);
		expect(outcomes.map((o) => o.status)).toEqual([503, 503]);
		expect(outcomes.filter((o) => o.result.workflowData)).toHaveLength(0);
		expect(apiCalls()).toHaveLength(1 + VERIFY_LIMITS.retries);
	});

	it('a process the API does not know gets the answer a wrong secret gets: the sender learns nothing, nothing starts', async () => {
		http.on(/^GET \/process\/\w+$/, {
			status: 404,
			body: { error: 'Process not found', key: 'api_error_not_found' },
		});
		const outcome = await deliver(verifying(), { body: forged });
		const wrongSecret = await deliver(
			{ params: { secret: 'some-secret-value' } },
			{ body: forged, query: { secret: 'guess' } },
		);
		expect(outcome.status).toBe(404);
		expect(outcome.result.workflowData).toBeUndefined();
		expect([outcome.status, outcome.body]).toEqual([wrongSecret.status, wrongSecret.body]);
		expect(JSON.stringify(outcome.body)).not.toContain(PROCESS_ID);
		expect(apiCalls()).toHaveLength(1);
	});

	it.each(['pending', 'processing'])(
		'a process the API says is still %s → 409 with Retry-After, starts nothing',
		async (status) => {
			http.on(/^GET \/process\/\w+$/, apiProcess({ status, final_assets: [] }));
			const outcome = await deliver(verifying(), { body: completedBody() });
			expect(outcome.status).toBe(409);
			expect(outcome.headers['retry-after']).toBe('30');
			expect(outcome.result.workflowData).toBeUndefined();
			expect(outcome.body).toEqual({
				received: false,
				error: expect.stringContaining(`still ${status}`),
			});
		},
	);

	it.each([
		['a 500', { status: 500, body: { error: 'boom' } }],
		['a 502', { status: 502, body: 'Bad Gateway' }],
		[
			'a 429 asking to wait long',
			{ status: 429, headers: { 'retry-after': '600' }, body: { error: 'slow down' } },
		],
		['a refused connection', { networkError: 'ECONNREFUSED' }],
		['a timeout', { networkError: 'ETIMEDOUT' }],
		['an unexpected shape', { body: { data: { final_assets: [] } } }],
		['a rejected API key', { status: 401, body: { error: 'invalid key' } }],
	] as Array<[string, FakeResponse]>)(
		'the API failing with %s → 503 with Retry-After, starts nothing',
		async (_what, failure) => {
			http.on(/^GET \/process\/\w+$/, failure);
			const outcome = await deliver(verifying(), { body: completedBody() });
			expect(outcome.status).toBe(503);
			expect(outcome.headers['retry-after']).toBe('30');
			expect(outcome.result.workflowData).toBeUndefined();
			expect(outcome.body).toEqual({
				received: false,
				error: expect.stringContaining('send it again later'),
			});
			expect(JSON.stringify(outcome.body)).not.toContain('test-api-key');
		},
	);

	it('retries a failing API once at most, shortly', async () => {
		http.on(/^GET \/process\/\w+$/, { status: 503, body: { error: 'down' } });
		await deliver(verifying(), { body: completedBody() });
		expect(apiCalls()).toHaveLength(1 + VERIFY_LIMITS.retries);
		expect(time.sleeps).toEqual([VERIFY_LIMITS.retryDelayMs]);
	});

	it('a failure that the retry fixes still starts the workflow', async () => {
		http.sequence(/^GET \/process\/\w+$/, [{ networkError: 'ECONNRESET' }, apiProcess()]);
		const outcome = await deliver(verifying(), { body: completedBody() });
		expect(outcome.items).toHaveLength(1);
	});

	it('a delivery refused with 503 is not remembered: the platform retry starts the workflow', async () => {
		http.sequence(/^GET \/process\/\w+$/, [{ status: 500 }, { status: 500 }, apiProcess()]);
		expect((await deliver(verifying(), { body: completedBody() })).status).toBe(503);
		const retry = await deliver(verifying(), { body: completedBody() });
		expect(retry.status).toBe(200);
		expect(retry.items).toHaveLength(1);
	});

	it('an API that does not answer at all → 503 once the time limit is up', async () => {
		VERIFY_LIMITS.totalMs = 50;
		http.on(/^GET \/process\/\w+$/, async () => await new Promise<FakeResponse>(() => {}));
		const started = Date.now();
		const outcome = await deliver(verifying(), { body: completedBody() });
		expect(Date.now() - started).toBeLessThan(2000);
		expect(outcome.status).toBe(503);
		expect(outcome.body).toEqual({
			received: false,
			error: expect.stringContaining('did not answer within 0.05 s'),
		});
	});

	it('passes the time limit to the request as an abort signal', async () => {
		http.on(/^GET \/process\/\w+$/, apiProcess());
		await deliver(verifying(), { body: completedBody() });
		expect(apiCalls()[0].options.abortSignal).toBeInstanceOf(AbortSignal);
	});

	it('without a credential → 503 (the platform keeps the delivery for later)', async () => {
		const outcome = await deliver(verifying({ noCredential: true }), { body: completedBody() });
		expect(outcome.status).toBe(503);
		expect(outcome.result.workflowData).toBeUndefined();
	});
});
