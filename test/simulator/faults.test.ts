import type { SimResponse } from './platform';
import {
	bodyOf,
	createOrder,
	dataOf,
	request,
	startStaging,
	testPlatform as setup,
	uploadRequest,
	type ErrorBody,
} from './requests';
import { stagingBody } from './tools';

const errorOf = (res: SimResponse) => bodyOf(res) as ErrorBody;
const onlyPath = (path: string) => (r: { path: string }) => r.path === path;

describe('faults before handling: no side effects', () => {
	it('serverErrorBurst answers 5xx without side effects, then recovers', () => {
		const { platform } = setup();
		platform.faults.serverErrorBurst = { count: 2, status: 503 };
		const create = () =>
			platform.handle(request('POST', '/v3/project', { body: { address: 'X' } }));
		const first = create();
		expect(first.status).toBe(503);
		expect(first.headers['content-type']).toBe('text/html');
		expect(create().status).toBe(503);
		expect(platform.projects()).toHaveLength(1);
		expect(create().status).toBe(201);
		expect(platform.faults.serverErrorBurst.count).toBe(0);
		platform.faults.serverErrorBurst = { count: 1 };
		const plain = create();
		expect(plain.status).toBe(500);
		expect(errorOf(plain).key).toBe('api_error_internal');
		expect(platform.calls.map((c) => c.fault ?? c.status)).toEqual([
			'serverErrorBurst',
			'serverErrorBurst',
			201,
			'serverErrorBurst',
		]);
	});

	it('rateLimitBurst answers 429, with Retry-After when set', () => {
		const { platform } = setup();
		platform.faults.rateLimitBurst = { count: 1, retryAfterSeconds: 7 };
		const limited = platform.handle(request('GET', '/v3/project'));
		expect(limited.status).toBe(429);
		expect(limited.headers['retry-after']).toBe('7');
		platform.faults.rateLimitBurst = { count: 1 };
		const bare = platform.handle(request('GET', '/v3/project'));
		expect(bare.status).toBe(429);
		expect(bare.headers['retry-after']).toBeUndefined();
		expect(platform.handle(request('GET', '/v3/project')).status).toBe(200);
	});

	it('malformedBody answers 200 with a body of the chosen wrong kind', () => {
		const { platform } = setup();
		const { processId } = startStaging(platform);
		const get = () => platform.handle(request('GET', `/v3/process/${processId}`));
		platform.faults.malformedBody = { count: 1 };
		const wrong = get();
		expect(wrong.status).toBe(200);
		expect(dataOf(wrong)).toEqual({ status: 42 });
		platform.faults.malformedBody = { count: 3, kind: 'invalid-json' };
		const invalid = get();
		expect(() => JSON.parse(invalid.body as string)).toThrow();
		platform.faults.malformedBody.kind = 'html';
		expect(get().headers['content-type']).toMatch(/text\/html/);
		platform.faults.malformedBody.kind = 'empty';
		expect(get().body).toBe('');
		// no side effects: none of these counted as a poll
		expect(platform.processes()[0].pollTimes).toEqual([]);
		expect(get().status).toBe(200);
	});

	it('faults hit the V3 API only unless `only` says otherwise', () => {
		const { platform } = setup();
		platform.faults.serverErrorBurst = { count: 1 };
		expect(platform.handle(request('GET', '/api/tools')).status).toBe(200);
		expect(platform.faults.serverErrorBurst.count).toBe(1);
		platform.faults.serverErrorBurst = { count: 1, only: onlyPath('/api/tools') };
		expect(platform.handle(request('GET', '/v3/project')).status).toBe(200);
		expect(platform.handle(request('GET', '/api/tools')).status).toBe(500);
	});

	it('dropConnection is consumed through takeDropConnection (the shell applies it)', () => {
		const { platform } = setup();
		platform.faults.dropConnection = { count: 1 };
		expect(platform.takeDropConnection({ method: 'GET', path: '/files/x.jpg' })).toBeUndefined();
		expect(platform.takeDropConnection({ method: 'GET', path: '/v3/project' })).toEqual({
			afterHandling: false,
		});
		expect(platform.takeDropConnection({ method: 'GET', path: '/v3/project' })).toBeUndefined();
		expect(platform.calls).toEqual([
			expect.objectContaining({ status: 0, fault: 'dropConnection' }),
		]);
	});
});

describe('faults after handling: the side effect happens, the answer is lost or changed', () => {
	it('serverErrorBurst with afterHandling: a 504 after the process was created', () => {
		const { platform } = setup();
		const order = createOrder(platform);
		platform.faults.serverErrorBurst = {
			count: 1,
			status: 504,
			afterHandling: true,
			only: onlyPath('/v3/process'),
		};
		const res = platform.handle(
			request('POST', '/v3/process', { body: stagingBody(order.order_id, order.assets[0].id) }),
		);
		expect(res.status).toBe(504);
		expect(String(res.body)).toContain('504 Gateway Time-out');
		expect(platform.processes()).toHaveLength(1);
		expect(platform.calls.at(-1)).toMatchObject({ status: 504, fault: 'serverErrorBurst' });
	});

	it('serverErrorBurst with afterHandling: a 502 after the order was stored', () => {
		const { platform } = setup();
		platform.faults.serverErrorBurst = { count: 1, status: 502, afterHandling: true };
		expect(platform.handle(uploadRequest('/v3/order', [{}])).status).toBe(502);
		expect(platform.orders()).toHaveLength(1);
		expect(platform.orders()[0].assets).toHaveLength(1);
	});

	it('dropConnection with afterHandling: the request is handled and logged with the fault', () => {
		const { platform } = setup();
		platform.faults.dropConnection = { count: 1, afterHandling: true };
		const req = request('POST', '/v3/project', { body: { address: 'Lost answer' } });
		expect(platform.takeDropConnection(req)).toEqual({ afterHandling: true });
		expect(platform.calls).toEqual([]);
		expect(platform.handle(req).status).toBe(201);
		expect(platform.projects().map((p) => p.address)).toContain('Lost answer');
		expect(platform.calls).toEqual([
			expect.objectContaining({ path: '/v3/project', status: 201, fault: 'dropConnection' }),
		]);
	});

	it('orderWithoutAssets: an order answered 201 with no assets, as when the plan has no credits', () => {
		const { platform } = setup();
		platform.faults.orderWithoutAssets = { count: 1 };
		const res = platform.handle(uploadRequest('/v3/order', [{}]));
		expect(res.status).toBe(201);
		const answer = dataOf<{ order_id: string; assets: unknown[] }>(res);
		expect(answer).toEqual({ order_id: expect.stringMatching(/^[a-f0-9]{24}$/), assets: [] });
		expect(platform.orders()).toEqual([
			expect.objectContaining({ id: answer.order_id, assets: [] }),
		]);
		expect(platform.calls.at(-1)).toMatchObject({ status: 201, fault: 'orderWithoutAssets' });
		// one use only, and GET /project is not an upload
		expect(platform.handle(request('GET', '/v3/project')).status).toBe(200);
		expect(createOrder(platform).assets).toHaveLength(1);
	});

	it('unknownStatus: the next answers that carry a status carry an unknown one', () => {
		const { platform } = setup();
		const { processId, order } = startStaging(platform);
		platform.faults.unknownStatus = { count: 2, status: 'canceled' };
		// not used up by an answer without a status
		expect(platform.handle(request('GET', '/v3/project')).status).toBe(200);
		const poll = () =>
			dataOf<{ status: string }>(platform.handle(request('GET', `/v3/process/${processId}`)));
		expect(poll().status).toBe('canceled');
		const got = dataOf<{ processes: Array<{ status: string }> }>(
			platform.handle(request('GET', `/v3/order/${order.order_id}`)),
		);
		expect(got.processes.map((p) => p.status)).toEqual(['canceled']);
		expect(poll().status).toBe('pending');
		platform.faults.unknownStatus = { count: 1 };
		expect(poll().status).toBe('queued');
	});

	it('extraFields: success answers carry fields nobody documented, on every object of data', () => {
		const { platform } = setup();
		platform.faults.extraFields = { count: 2, fields: { queue_position: 3, meta: { v: 1 } } };
		const list = dataOf<Array<Record<string, unknown>>>(
			platform.handle(request('GET', '/v3/project')),
		);
		expect(list[0]).toMatchObject({ queue_position: 3, meta: { v: 1 }, default: true });
		const { processId } = startStaging(platform);
		expect(dataOf(platform.handle(request('GET', `/v3/process/${processId}`)))).not.toHaveProperty(
			'queue_position',
		);
		expect(platform.calls.filter((c) => c.fault === 'extraFields')).toHaveLength(2);
	});

	it('missingField: the chosen field is gone from the chosen endpoint, only where it exists', () => {
		const { platform, clock } = setup({ processDurationMs: 0, resultsPerProcess: 2 });
		const { processId } = startStaging(platform);
		clock.advance(1);
		const isPoll = (r: { method: string; path: string }) =>
			r.method === 'GET' && r.path.startsWith('/v3/process/');
		platform.faults.missingField = { count: 1, path: 'final_assets.*.src', only: isPoll };
		expect(platform.handle(request('GET', '/v3/project')).status).toBe(200);
		const assets = dataOf<{ final_assets: Array<Record<string, string>> }>(
			platform.handle(request('GET', `/v3/process/${processId}`)),
		).final_assets;
		expect(assets).toHaveLength(2);
		for (const asset of assets) {
			expect(asset).not.toHaveProperty('src');
			expect(asset.temp_src).toMatch(/\.jpg$/);
		}
		const order = createOrder(platform);
		platform.faults.missingField = { count: 1, path: 'process_ids' };
		const created = platform.handle(
			request('POST', '/v3/process', { body: stagingBody(order.order_id, order.assets[0].id) }),
		);
		expect([created.status, dataOf(created)]).toEqual([201, {}]);
		expect(platform.processes()).toHaveLength(2);
		expect(platform.calls.filter((c) => c.fault === 'missingField')).toHaveLength(2);
	});
});
