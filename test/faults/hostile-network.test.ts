/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test infrastructure, never shipped */
/**
 * Fault suite, hostile network: the action node, its HTTP through n8n-core's real request helpers
 * (axios, follow-redirects, zlib), against scripted loopback servers that redirect, inflate, or
 * trickle. What the user sees, and what reached whom (the API key above all). Real time, except where
 * a simulator world gives virtual time to the node's waits.
 */
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { Transform } from 'node:stream';
import zlib from 'node:zlib';

import type { IDataObject } from 'n8n-workflow';

import { AiHomeDesign } from '../../nodes/AiHomeDesign/AiHomeDesign.node';
import { JSON_TIMEOUT_MS } from '../../nodes/AiHomeDesign/transport/context';
import { AUTHENTICATE, TEST_BASE_URL } from '../support/credentials';
import { n8nCoreHttp, type N8nCoreHttp } from '../support/http/n8n-core-http';
import { createExecuteContext } from '../support/n8n-context/execute';
import { httpRequest } from '../support/net';
import { startRecordingServer, sendJson, type RecordingServer } from '../support/recording-server';
import { report } from '../support/report';
import { sleep } from '../support/sleep';
import { installClock } from '../support/time/package-clock';
import { createVirtualClock } from '../support/time/virtual-clock';
import {
	API_KEY,
	keyLeaked,
	photos,
	runAction,
	RUN_TOOL,
	startWorld,
	type FaultWorld,
} from './setup';

const ORDER_ID = '6878b6d52ecd619eab1f886d';
const ASSET_ID = '6878b6882ecd619eab1f886c';
const PROCESS_ID = '69a6bb11a374700bff4a1333';

const servers: RecordingServer[] = [];
let world: FaultWorld | undefined;
afterEach(async () => {
	jest.restoreAllMocks();
	await Promise.all(servers.splice(0).map(async (s) => await s.close()));
	await world?.stop();
	world = undefined;
});

async function server(...args: Parameters<typeof startRecordingServer>) {
	const started = await startRecordingServer(...args);
	servers.push(started);
	return started;
}

/** Runs the node once with the credential's Base URL at `baseUrl`, through n8n-core's helpers. */
async function runNode(baseUrl: string, params: IDataObject, http?: N8nCoreHttp) {
	const core = http ?? n8nCoreHttp({ authenticate: AUTHENTICATE });
	const { context, logs } = createExecuteContext({ http: core, baseUrl, apiKey: API_KEY, params });
	try {
		const [items] = await new AiHomeDesign().execute.call(context);
		return { items, logs, calls: core.calls };
	} catch (e) {
		const error = e as Error & { description?: string };
		return { error, logs, calls: core.calls };
	}
}

const withKey = (s: RecordingServer) => s.requests.filter((r) => r.headers['x-api-key']);

describe('redirects, through n8n-core', () => {
	it('Order → Get answered 302 to another port: not followed, the key never gets there, the error names it', async () => {
		const elsewhere = await server((_req, res) => sendJson(res, 200, { data: {} }));
		const hostile = await server((req, res) => {
			res.writeHead(302, { location: `${elsewhere.url}${req.path}` }).end();
		});
		const run = await runNode(`${hostile.url}/v3`, {
			resource: 'order',
			operation: 'get',
			orderId: ORDER_ID,
		});
		report('Order → Get answered 302 elsewhere', {
			'requests to the Base URL': hostile.requests.length,
			'requests to the redirect target': elsewhere.requests.length,
			error: run.error?.message,
		});

		expect(run.error?.message).toBe(
			`AI HomeDesign answered with a redirect (302) to another origin, ${elsewhere.url}; it was not followed`,
		);
		expect(hostile.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET /v3/order/${ORDER_ID}`,
		]);
		expect(withKey(hostile)).toHaveLength(1);
		expect(elsewhere.requests).toHaveLength(0);
		expect(keyLeaked(run.error, run.logs)).toBe(false);
	});

	it('Process → Create answered 307: sent once, not re-sent to the target, the error names it', async () => {
		const elsewhere = await server((_req, res) => sendJson(res, 201, { data: {} }));
		const hostile = await server((req, res) => {
			res.writeHead(307, { location: `${elsewhere.url}${req.path}` }).end();
		});
		const run = await runNode(`${hostile.url}/v3`, {
			resource: 'process',
			operation: 'create',
			orderId: ORDER_ID,
			tool: 'tool-item-removal',
			assetMap: { inputs: [{ slot: 'tool-item-removal-input-image', assetId: ASSET_ID }] },
			waitForCompletion: false,
		});

		expect(run.error?.message).toBe(
			`AI HomeDesign answered with a redirect (307) to another origin, ${elsewhere.url}; it was not followed`,
		);
		expect(hostile.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
		expect(withKey(hostile)).toHaveLength(1);
		expect(elsewhere.requests).toHaveLength(0);
		expect(keyLeaked(run.error, run.logs)).toBe(false);
	});

	it('the tool catalog (read without the key) follows a redirect: neither host ever sees the key', async () => {
		const elsewhere = await server((_req, res) => sendJson(res, 404, { message: 'none here' }));
		const hostile = await server((req, res) => {
			res.writeHead(302, { location: `${elsewhere.url}${req.path}` }).end();
		});
		const run = await runNode(`${hostile.url}/v3`, { resource: 'tool', operation: 'getAll' });

		expect(run.error).toBeDefined();
		// Followed by n8n's helper: the target was asked, so the check below sees a real request.
		expect(elsewhere.requests.map((r) => r.path)).toEqual(['/api/tools']);
		expect(withKey(hostile)).toHaveLength(0);
		expect(withKey(elsewhere)).toHaveLength(0);
		expect(keyLeaked(run.error, run.logs)).toBe(false);
	});
});

describe('photo URLs at internal addresses, with a Base URL that is not local', () => {
	const photoParams = (imageUrl: string): IDataObject => ({
		...RUN_TOOL,
		inputSource: 'url',
		imageUrl,
	});

	it.each([
		'http://127.0.0.1:{port}/room.jpg',
		'http://localhost:{port}/room.jpg',
		'http://localhost.:{port}/room.jpg',
		'http://2130706433:{port}/room.jpg',
		'http://[::1]:{port}/room.jpg',
		'http://[::ffff:127.0.0.1]:{port}/room.jpg',
		'http://0.0.0.0:{port}/room.jpg',
		'http://169.254.169.254/latest/meta-data/',
		'http://10.0.0.7/room.jpg',
		'http://192.168.1.20/room.jpg',
	])('%s is refused before any request is sent', async (template) => {
		const photoHost = await server((_req, res) => res.writeHead(200).end('not a photo'));
		const port = new URL(photoHost.url).port;
		const url = template.replace('{port}', port);
		const run = await runNode(TEST_BASE_URL, photoParams(url));

		expect(run.error?.message).toBe('Refused to download the photo from this address');
		expect(run.error?.description).toContain('not from this machine or a private network');
		expect(run.calls).toEqual([]);
		expect(photoHost.requests).toHaveLength(0);
	});

	it('the same loopback photo URL is fetched when the Base URL is local too (the check above can see a request)', async () => {
		const photoHost = await server((_req, res) => res.writeHead(200).end('not a photo'));
		const localApi = await server((_req, res) => sendJson(res, 500, {}));
		const run = await runNode(`${localApi.url}/v3`, photoParams(`${photoHost.url}/room.jpg`));

		expect(run.error?.message).toBe(
			`The file from ${new URL(photoHost.url).host} is not a JPG, PNG, WEBP or RAW photo`,
		);
		expect(photoHost.requests).toHaveLength(1);
		expect(localApi.requests).toHaveLength(0);
	});
});

describe('a photo URL answered with a gzip bomb', () => {
	const MB = 1024 * 1024;
	/** 512 MB of zeros as 32 gzip members (one stream to zlib): about 0.5 MB on the wire. */
	function gzipBomb(): Buffer {
		const member = zlib.gzipSync(Buffer.alloc(16 * MB), { level: 9 });
		return Buffer.concat(Array<Buffer>(32).fill(member));
	}

	it('is refused at 50 MB inflated, with a clear message, and nothing reaches the API', async () => {
		world = await startWorld();
		const bomb = gzipBomb();
		const imageHost = await server((_req, res) => {
			res.writeHead(200, {
				'content-type': 'image/jpeg',
				'content-encoding': 'gzip',
				'content-length': String(bomb.length),
			});
			res.end(bomb);
		});
		// Counts what n8n-core's axios inflates: the body is never held whole if this stays near the cap.
		let inflated = 0;
		const probe = zlib.createUnzip();
		const unzip = Object.getPrototypeOf(probe) as Transform;
		probe.destroy();
		const push = unzip.push;
		jest.spyOn(unzip, 'push').mockImplementation(function (this: Transform, chunk, encoding) {
			if (Buffer.isBuffer(chunk)) inflated += chunk.length;
			return push.call(this, chunk, encoding);
		});
		const run = await runAction(world, {
			...RUN_TOOL,
			inputSource: 'url',
			imageUrl: `${imageHost.url}/room.jpg`,
		});
		report('photo URL answered with a gzip bomb (512 MB inflated)', {
			'bytes on the wire': bomb.length,
			'MB inflated before the refusal': Math.round((inflated / MB) * 10) / 10,
			error: run.error?.message,
			'API calls': world.platform.calls.length,
		});

		expect(run.error?.message).toBe(
			`The photo at ${new URL(imageHost.url).host} is larger than 50 MB`,
		);
		expect(inflated).toBeGreaterThan(50 * MB);
		expect(inflated).toBeLessThan(60 * MB);
		expect(world.platform.calls).toHaveLength(0);
		expect(world.platform.orders()).toHaveLength(0);
	});
});

describe('an answer that trickles in past the deadline', () => {
	/** The 60-s JSON deadline, shortened for these tests (requests run in real time). */
	const DEADLINE_MS = 1500;
	const BYTE_EVERY_MS = 200;
	function shortenJsonDeadline() {
		const timeout = AbortSignal.timeout.bind(AbortSignal);
		jest
			.spyOn(AbortSignal, 'timeout')
			.mockImplementation((ms) => timeout(ms === JSON_TIMEOUT_MS ? DEADLINE_MS : ms));
	}

	/** Headers minus the hop-by-hop ones a proxy sets itself. */
	const without = (headers: IncomingHttpHeaders, names: string[]) =>
		Object.fromEntries(Object.entries(headers).filter(([name]) => !names.includes(name))) as Record<
			string,
			string
		>;

	/** Writes `body` one byte every BYTE_EVERY_MS until done or the client hangs up. */
	async function trickle(res: ServerResponse, body: Buffer) {
		for (const byte of body) {
			if (res.destroyed) return;
			res.write(Buffer.from([byte]));
			await sleep(BYTE_EVERY_MS);
		}
		res.end();
	}

	it('a status read ends at the deadline with a clear error (n8n’s own timeout never fires)', async () => {
		shortenJsonDeadline();
		const time = createVirtualClock();
		const restoreClock = installClock(time);
		const json = Buffer.from(JSON.stringify({ data: { id: PROCESS_ID, status: 'done' } }));
		const hostile = await server(async (_req, res) => {
			res.writeHead(200, { 'content-type': 'application/json' });
			await trickle(res, json);
		});
		const started = Date.now();
		const run = await runNode(
			`${hostile.url}/v3`,
			{ resource: 'process', operation: 'get', processId: PROCESS_ID, resultFiles: 'none' },
			n8nCoreHttp({ authenticate: AUTHENTICATE, time }),
		).finally(restoreClock);
		const ms = Date.now() - started;
		await sleep(100); // the last attempt's socket closes just after the error
		const held = hostile.requests.map((r) => (r.closedAt ?? Infinity) - r.at);
		report('status read trickling 1 byte / 200 ms', {
			attempts: hostile.requests.length,
			'each attempt held (ms)': held.join(', '),
			'run (ms)': ms,
			error: run.error?.message,
		});

		expect(run.error?.message).toBe(
			`Could not reach AI HomeDesign at ${new URL(hostile.url).host}`,
		);
		expect(run.error?.description).toContain('(ETIMEDOUT)');
		expect(held.every((h) => h >= DEADLINE_MS - 100 && h < DEADLINE_MS + 1000)).toBe(true);
		// The whole body would take json.length × 200 ms (over 10 s) per attempt.
		expect(ms).toBeLessThan(hostile.requests.length * (DEADLINE_MS + 1000));
	});

	it('a process creation whose answer trickles: one POST, cut at the deadline, the process adopted from its order', async () => {
		shortenJsonDeadline();
		world = await startWorld({ processDurationMs: 20_000 });
		const sim = new URL(world.sim.apiBaseUrl).origin;
		const proxy = await server(async (req, res) => {
			const answer = await httpRequest(`${sim}${req.path}`, {
				method: req.method,
				headers: without(req.headers, ['host', 'connection', 'content-length']),
				body: req.body.length ? req.body : undefined,
				agent: false,
			});
			const out = without(answer.headers, ['content-length', 'transfer-encoding', 'connection']);
			res.writeHead(answer.status, out);
			if (req.method === 'POST' && req.path === '/v3/process') await trickle(res, answer.raw);
			else res.end(answer.raw);
		});
		const run = await runAction(world, { ...RUN_TOOL, resultFiles: 'none' }, photos(1), {
			baseUrl: `${proxy.url}/v3`,
		});
		const [post] = proxy.requests.filter((r) => r.method === 'POST' && r.path === '/v3/process');
		report('process creation answered 1 byte / 200 ms', {
			'POST /v3/process sent': world.platform.calls.filter((c) => c.path === '/v3/process').length,
			'processes created': world.platform.processes().length,
			'POST held (ms)': (post?.closedAt ?? Infinity) - (post?.at ?? 0),
			status: String(run.items?.[0]?.json.status ?? run.error?.message),
		});

		expect(run.error).toBeUndefined();
		expect(run.items?.[0].json.status).toBe('done');
		expect(world.platform.calls.filter((c) => c.path === '/v3/process')).toHaveLength(1);
		expect(world.platform.processes()).toHaveLength(1);
		expect((post.closedAt ?? Infinity) - post.at).toBeLessThan(DEADLINE_MS + 1000);
		expect(run.logs.some((l) => /adopted process [a-f0-9]{24}/.test(l.message))).toBe(true);
		expect(keyLeaked(run)).toBe(false);
	});
});
