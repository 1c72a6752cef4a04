import { httpRequest, type HttpAnswer } from '../support/net';
import { sleep } from '../support/sleep';
import { createVirtualClock } from '../support/time/virtual-clock';
import { DEFAULT_API_KEY } from './api-key';
import {
	startSimulator,
	startWebhookReceiver,
	type RunningReceiver,
	type RunningSimulator,
	type StartSimulatorOptions,
} from './http-server';
import { encodeForm } from './multipart';
import { looksLikeJpeg, makeJpeg, Platform, type ProcessCompletedEvent } from './platform';
import { stagingBody } from './tools';

const KEY = { 'x-api-key': DEFAULT_API_KEY };

// The documented shapes, checked here without the nodes' schemas (the simulator never borrows them;
// test/contract holds the two against each other).
const OBJECT_ID = /^[a-f0-9]{24}$/;
function readOrder(data: unknown) {
	const order = data as { order_id: string; assets: Array<{ id: string }> };
	expect(order).toEqual({
		order_id: expect.stringMatching(OBJECT_ID),
		assets: [expect.objectContaining({ id: expect.stringMatching(OBJECT_ID) })],
	});
	return order;
}
function readProcessIds(data: unknown) {
	const answer = data as { process_ids: string[] };
	expect(answer.process_ids).toEqual([expect.stringMatching(OBJECT_ID)]);
	return answer.process_ids;
}
function readEvent(body: unknown) {
	const event = body as ProcessCompletedEvent;
	expect(event).toMatchObject({ event: 'process.completed', status: expect.any(String) });
	expect(event.final_assets).toEqual(
		event.final_assets.map(() =>
			expect.objectContaining({ asset_id: expect.stringMatching(OBJECT_ID) }),
		),
	);
	return event;
}

async function waitFor(check: () => boolean, timeoutMs = 3000): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > end) throw new Error('condition not met in time');
		await sleep(10);
	}
}

const running: Array<{ stop(): Promise<void> }> = [];
afterEach(async () => {
	while (running.length) await running.pop()!.stop();
});

async function simulator(options: StartSimulatorOptions = {}): Promise<RunningSimulator> {
	const sim = await startSimulator({ deliveryPollMs: 20, ...options });
	running.push(sim);
	return sim;
}

async function receiver(
	options: Parameters<typeof startWebhookReceiver>[0] = {},
): Promise<RunningReceiver> {
	const r = await startWebhookReceiver(options);
	running.push(r);
	return r;
}

function json(res: HttpAnswer): { data?: unknown } & Record<string, unknown> {
	return JSON.parse(res.body) as { data?: unknown } & Record<string, unknown>;
}

/** Uploads one photo and starts a virtual-staging process over HTTP. */
async function stageOverHttp(sim: RunningSimulator) {
	const form = encodeForm([
		{ name: 'asset_file', filename: 'room.jpg', contentType: 'image/jpeg', data: makeJpeg() },
		{ name: 'asset_role', value: 'primary_angle' },
	]);
	const orderRes = await httpRequest(`${sim.apiBaseUrl}/order`, {
		headers: { ...KEY, 'content-type': form.contentType },
		body: form.body,
	});
	expect(orderRes.status).toBe(201);
	const order = readOrder(json(orderRes).data);
	const processRes = await httpRequest(`${sim.apiBaseUrl}/process`, {
		headers: KEY,
		body: stagingBody(order.order_id, order.assets[0].id),
	});
	expect(processRes.status).toBe(201);
	const processId = readProcessIds(json(processRes).data)[0];
	return { order, processId };
}

describe('HTTP shell', () => {
	it('serves the API on a loopback port, end to end, and delivers the webhook', async () => {
		const hook = await receiver();
		const clock = createVirtualClock();
		const sim = await simulator({
			platformOptions: { clock, processDurationMs: 10000 },
			webhookUrl: hook.url,
		});
		expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(sim.apiBaseUrl).toBe(`${sim.url}/v3`);
		expect(sim.platform.publicBaseUrl).toBe(sim.url);

		expect((await httpRequest(`${sim.apiBaseUrl}/project?page=1&limit=1`)).status).toBe(401);
		const tools = await httpRequest(`${sim.url}/api/tools`);
		expect(tools.headers['content-type']).toMatch(/application\/json/);

		const { processId, order } = await stageOverHttp(sim);
		const first = await httpRequest(`${sim.apiBaseUrl}/process/${processId}`, { headers: KEY });
		expect((json(first).data as { status: string }).status).toBe('pending');

		clock.advance(10000);
		await waitFor(() => hook.received.length === 1);
		await sim.settled(); // the sender logs an attempt once the answer is in
		const event = readEvent(hook.received[0].body);
		expect(event).toMatchObject({
			process_id: processId,
			order_id: order.order_id,
			status: 'done',
		});
		expect(hook.received[0].headers['content-type']).toBe('application/json');
		expect(sim.deliveries).toEqual([
			expect.objectContaining({ processId, attempt: 1, copy: 0, status: 200 }),
		]);

		const image = await httpRequest(event.final_assets[0].temp_src!);
		expect(image.headers['content-type']).toBe('image/jpeg');
		expect(looksLikeJpeg(image.raw)).toBe(true);
	});

	it('retries non-2xx answers on the configured schedule', async () => {
		const hook = await receiver({ statuses: [500, 404, 200] });
		const clock = createVirtualClock();
		const sim = await simulator({
			platformOptions: { clock, processDurationMs: 0 },
			webhookUrl: hook.url,
			webhookRetries: { attempts: 5, delaysMs: [10, 30] },
		});
		await stageOverHttp(sim);
		clock.advance(1);
		await sim.pump();
		expect(sim.deliveries.map((d) => [d.attempt, d.status])).toEqual([
			[1, 500],
			[2, 404],
			[3, 200],
		]);
		expect(sim.deliveries[2].at - sim.deliveries[0].at).toBeGreaterThanOrEqual(38);
		expect(hook.received.map((r) => r.raw)).toEqual([
			hook.received[0].raw,
			hook.received[0].raw,
			hook.received[0].raw,
		]);
	});

	it('gives up after the last attempt; connection errors count as failures', async () => {
		const gone = await startWebhookReceiver();
		const deadUrl = gone.url;
		await gone.stop();
		const clock = createVirtualClock();
		const sim = await simulator({
			platformOptions: { clock, processDurationMs: 0 },
			webhookUrl: deadUrl,
			webhookRetries: { attempts: 3, delaysMs: [5] },
		});
		await stageOverHttp(sim);
		clock.advance(1);
		await sim.pump();
		expect(sim.deliveries.map((d) => d.status)).toEqual([0, 0, 0]);
		expect(sim.deliveries[0].error).toBeTruthy();
	});

	it('sends duplicate deliveries, one of them concurrently', async () => {
		const hook = await receiver({ delayMs: 100 });
		const clock = createVirtualClock();
		const sim = await simulator({
			platformOptions: { clock, processDurationMs: 0 },
			webhookUrl: hook.url,
			duplicateDeliveries: 2,
		});
		const { processId } = await stageOverHttp(sim);
		clock.advance(1);
		await sim.pump();
		expect(hook.received).toHaveLength(3);
		expect(
			hook.received.every((r) => (r.body as { process_id: string }).process_id === processId),
		).toBe(true);
		expect(sim.deliveries.map((d) => d.copy).sort()).toEqual([0, 1, 2]);
		// copies 0 and 1 arrive together; copy 2 after the original was answered
		expect(hook.received[1].at - hook.received[0].at).toBeLessThan(80);
		expect(hook.received[2].at - hook.received[0].at).toBeGreaterThanOrEqual(95);
	});

	it('keeps events until a webhook URL is set, and posts raw payloads on demand', async () => {
		const hook = await receiver();
		const clock = createVirtualClock();
		const sim = await simulator({ platformOptions: { clock, processDurationMs: 0 } });
		await stageOverHttp(sim);
		clock.advance(1);
		await sleep(60);
		expect(sim.deliveries).toEqual([]);
		sim.setWebhookUrl(hook.url);
		await waitFor(() => hook.received.length === 1);

		const result = await sim.deliver('{"not":"an event"');
		expect(result.status).toBe(200);
		expect(hook.received[1].raw).toBe('{"not":"an event"');
		expect(hook.received[1].body).toBeUndefined();
	});

	it('applies dropConnection (before and after handling) and slowMs', async () => {
		const sim = await simulator({ platformOptions: {} });
		sim.platform.faults.dropConnection = { count: 1 };
		const dropped = await httpRequest(`${sim.apiBaseUrl}/project`, { headers: KEY });
		expect([dropped.status, dropped.code]).toEqual([0, 'ECONNRESET']);
		expect(sim.platform.calls.at(-1)).toMatchObject({ status: 0, fault: 'dropConnection' });

		sim.platform.faults.dropConnection = { count: 1, afterHandling: true };
		const create = await httpRequest(`${sim.apiBaseUrl}/project`, {
			headers: KEY,
			body: { address: 'Lost answer' },
		});
		expect([create.status, create.code]).toEqual([0, 'ECONNRESET']);
		expect(sim.platform.projects().map((p) => p.address)).toContain('Lost answer');

		sim.platform.faults.slowMs = 150;
		const started = Date.now();
		const slow = await httpRequest(`${sim.apiBaseUrl}/project`, { headers: KEY });
		expect(slow.status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
		sim.platform.faults.slowMs = 0;
	});

	it('sends the platform faults over HTTP (5xx, Retry-After, invalid JSON)', async () => {
		const sim = await simulator({ platformOptions: {} });
		sim.platform.faults.serverErrorBurst = { count: 1, status: 502 };
		const bad = await httpRequest(`${sim.apiBaseUrl}/project`, { headers: KEY });
		expect(bad.status).toBe(502);
		expect(bad.body).toContain('502 Bad Gateway');
		sim.platform.faults.rateLimitBurst = { count: 1, retryAfterSeconds: 2 };
		const limited = await httpRequest(`${sim.apiBaseUrl}/project`, { headers: KEY });
		expect([limited.status, limited.headers['retry-after']]).toEqual([429, '2']);
		sim.platform.faults.malformedBody = { count: 1, kind: 'invalid-json' };
		const broken = await httpRequest(`${sim.apiBaseUrl}/project`, { headers: KEY });
		expect(broken.status).toBe(200);
		expect(() => json(broken)).toThrow(SyntaxError);
	});

	it('takes a ready platform and fills in its public URL when left empty', async () => {
		const platform = new Platform({ apiKey: DEFAULT_API_KEY, publicBaseUrl: '' });
		const sim = await simulator({ platform });
		expect(sim.platform).toBe(platform);
		expect(platform.publicBaseUrl).toBe(sim.url);
	});
});
