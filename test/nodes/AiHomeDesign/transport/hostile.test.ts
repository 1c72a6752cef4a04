// What a hostile server, a broken network or an odd answer can make the transport do: limits
// that hold whatever the other side says (issue 13).
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { z } from 'zod';

import { AiHomeDesign } from '../../../../nodes/AiHomeDesign/AiHomeDesign.node';
import { processSchema } from '../../../../nodes/AiHomeDesign/schemas';
import { toOutputItem } from '../../../../nodes/AiHomeDesign/output/item';
import {
	apiRequest,
	createOrder,
	createProcess,
	downloadFile,
	isAllowedDownloadUrl,
} from '../../../../nodes/AiHomeDesign/transport';
import { parseRetryAfter } from '../../../../nodes/AiHomeDesign/transport/retry';
import { executeContext } from '../../../support/n8n-context/execute';
import {
	FakeHttp,
	TEST_API_KEY,
	type FakeResponse,
	type RecordedCall,
} from '../../../support/http/fake-http';
import { useVirtualClock, type VirtualClock } from '../../../support/time/package-clock';

const PROCESS_ID = '69a6bb11a374700bff4a1333';
const ORDER_ID = '69a6aa03a374700bff4a1328';
const ASSET_ID = '6878b6882ecd619eab1f886c';
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);

let time: VirtualClock;
let http: FakeHttp;

beforeEach(() => {
	time = useVirtualClock();
	http = new FakeHttp(time.now);
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

/** Deadlines (AbortSignal.timeout) run on the virtual clock, so a 30 s deadline costs nothing. */
function virtualDeadlines() {
	jest.spyOn(AbortSignal, 'timeout').mockImplementation((ms: number) => {
		const controller = new AbortController();
		void time.sleep(ms).then(() => controller.abort(new Error('deadline')));
		return controller.signal;
	});
}

/** An answer that never comes, or a body that never ends: only the request's signal ends it. */
function hangUntilAborted(call: RecordedCall): Promise<never> {
	return new Promise((_, reject) => {
		const signal = call.options.abortSignal as AbortSignal | undefined;
		signal?.addEventListener('abort', () =>
			reject(Object.assign(new Error('canceled'), { code: 'ERR_CANCELED' })),
		);
	});
}

const getProcess = (signal?: AbortSignal) =>
	apiRequest.call(executeContext({ http, params: {}, signal }), {
		method: 'GET',
		path: `/process/${PROCESS_ID}`,
		schema: processSchema,
	});

const createProcessBody = {
	order_id: ORDER_ID,
	tool: 'tool-virtual-staging',
	asset_map: { 'tool-virtual-staging-input-image': ASSET_ID },
	widgets: [],
};

describe('Retry-After is read strictly', () => {
	it.each(['0', '-1', '1.5', ' ', 'soon', '1e3', 'Thu, 01 Jan 1970 00:00:00 GMT', '-1 GMT'])(
		'"%s" is not a valid wait: the node falls back to its own backoff',
		(value) => {
			expect(parseRetryAfter(value, Date.UTC(2026, 10, 26))).toBeUndefined();
		},
	);

	it('whole seconds and a future HTTP date are waited out', () => {
		const now = Date.UTC(2026, 10, 26);
		expect(parseRetryAfter('7', now)).toBe(7000);
		expect(parseRetryAfter(new Date(now + 12_000).toUTCString(), now)).toBe(12_000);
	});

	it.each(['0', '-1', 'Thu, 01 Jan 1970 00:00:00 GMT'])(
		'a server answering 429 with Retry-After "%s" to every POST /process gets a bounded number of paced tries, not a loop',
		async (retryAfter) => {
			http.on(
				/POST \/process/,
				(): FakeResponse =>
					http.calls.length > 500
						? { status: 201, body: { process_ids: [PROCESS_ID] } }
						: { status: 429, headers: { 'retry-after': retryAfter }, body: { error: 'slow down' } },
			);
			const context = executeContext({ http, params: {} });
			// Queueing behind the rate limit for 15 minutes, as Run Tool does by default.
			const error = await failure(createProcess.call(context, createProcessBody, 15 * 60_000));
			expect(error.message).toMatch(/rate limit/);
			expect(http.calls.length).toBeLessThanOrEqual(50);
			expect(Math.min(...time.sleeps)).toBeGreaterThanOrEqual(250);
		},
	);
});

describe('ceilings on attempts and time', () => {
	it('queueing behind a rate limit stops within the queue time plus the request ceiling', async () => {
		http.on(/POST \/process/, { status: 429, body: { error: 'rate-limit exceeded' } });
		const context = executeContext({ http, params: {} });
		await failure(createProcess.call(context, createProcessBody, 15 * 60_000));
		expect(time.elapsed()).toBeLessThanOrEqual(20 * 60_000);
		expect(http.calls.length).toBeLessThanOrEqual(50);
	});

	it('a status read whose answer never comes ends at its deadline, then is retried and reported', async () => {
		virtualDeadlines();
		http.on(/GET \/process/, hangUntilAborted);
		const error = await failure(getProcess());
		expect(error.message).toMatch(/Could not reach AI HomeDesign/);
		expect(http.calls).toHaveLength(4);
		expect(time.elapsed()).toBeLessThan(5 * 60_000);
	});

	it('a JSON answer that never stops coming is cut off at the size cap, not buffered', async () => {
		async function* endless() {
			for (;;) yield Buffer.alloc(1024 * 1024, 0x20);
		}
		// FakeHttp copies object bodies; a stream, as n8n hands it over, goes past it.
		jest.spyOn(http, 'handle').mockImplementation(async (_node, options) => {
			http.calls.push({ options } as RecordedCall);
			return { statusCode: 200, headers: {}, body: endless(), statusMessage: '' };
		});
		const error = await failure(getProcess());
		expect(error.message).toMatch(/larger than/);
		expect(http.calls).toHaveLength(1);
	});
});

describe('a photo from a user URL obeys the same limits', () => {
	const params: IDataObject = {
		resource: 'process',
		operation: 'runTool',
		inputSource: 'url',
		imageUrl: 'https://photos.example.test/listing/bedroom.jpg',
		tool: 'tool-item-removal',
		waitOptions: {},
		resultFiles: 'none',
		options: {},
	};
	const run = async (signal?: AbortSignal): Promise<INodeExecutionData[]> => {
		const context = executeContext({ http, params, items: [{ json: {} }], signal });
		const [output] = await new AiHomeDesign().execute.call(context);
		return output;
	};

	it('an image host answering 429 with Retry-After 0 is retried a few times, paced, never in a tight loop', async () => {
		http.on(
			/GET .*bedroom\.jpg$/,
			(): FakeResponse =>
				http.calls.length > 500
					? { body: JPEG, headers: { 'content-type': 'image/jpeg' } }
					: { status: 429, headers: { 'retry-after': '0' } },
		);
		await failure(run());
		expect(http.calls.length).toBeLessThanOrEqual(10);
		expect(Math.min(...time.sleeps)).toBeGreaterThanOrEqual(250);
		expect(http.callsTo(/POST/)).toHaveLength(0);
	});

	it('the Stop button ends a download from an image host that never answers', async () => {
		const controller = new AbortController();
		http.on(/GET .*bedroom\.jpg$/, (call) => {
			void Promise.resolve().then(() => controller.abort());
			return hangUntilAborted(call);
		});
		const error = await failure(run(controller.signal));
		expect(error.message).toMatch(/cancelled/);
		expect(http.callsTo(/POST/)).toHaveLength(0);
	}, 5000);

	it('the Stop button ends an upload in flight', async () => {
		const controller = new AbortController();
		http.on(/GET .*bedroom\.jpg$/, { body: JPEG, headers: { 'content-type': 'image/jpeg' } });
		http.on(/POST \/order$/, (call) => {
			void Promise.resolve().then(() => controller.abort());
			return hangUntilAborted(call);
		});
		const error = await failure(run(controller.signal));
		expect(error.message).toMatch(/cancelled/);
	}, 5000);
});

it('every API request asks n8n not to follow redirects and carries a deadline signal', async () => {
	http.on(/GET \/process/, { body: { status: 'done', final_assets: [] } });
	await getProcess();
	const [call] = http.calls;
	expect(call.options.disableFollowRedirect).toBe(true);
	expect(call.options.abortSignal).toBeDefined();
	expect(z.number().positive().parse(call.options.timeout)).toBeGreaterThan(0);
});

describe('the API key never leaves the Base URL origin', () => {
	it('a redirect to another host is not followed: the error names that host, and it gets nothing', async () => {
		http.on(/GET \/process/, {
			status: 302,
			headers: { location: 'https://collector.example.test/steal' },
		});
		const error = await failure(getProcess());
		expect(error.message).toMatch(
			/redirect \(302\) to another origin, https:\/\/collector\.example\.test/,
		);
		expect(error.description).toMatch(/only ever sent to the Base URL's origin/);
		expect(http.calls).toHaveLength(1);
		expect(http.calls[0].options.sendCredentialsOnCrossOriginRedirect).toBe(false);
	});

	it('a 307 answer to POST /process is neither followed nor sent again', async () => {
		http.on(/POST \/process/, {
			status: 307,
			headers: { location: 'http://collector.example.test/process' },
		});
		const context = executeContext({ http, params: {} });
		const error = await failure(createProcess.call(context, createProcessBody));
		expect(error.message).toMatch(/not followed/);
		expect(http.calls).toHaveLength(1);
	});

	it('a plain-http Base URL that is not this machine gets a warning in the log and in errors', async () => {
		const logs: Array<{ level: string; message: string }> = [];
		http.on(/GET .*\/process/, { status: 401, body: { error: 'bad key' } });
		const context = executeContext({
			http,
			params: {},
			baseUrl: 'http://api.example.test/v3',
			logs: logs as never,
		});
		const error = await failure(
			apiRequest.call(context, { method: 'GET', path: '/process/x', schema: processSchema }),
		);
		expect(error.description).toMatch(/plain http: the API key travels unencrypted/);
		expect(logs.some((l) => l.level === 'warn' && /plain http/.test(l.message))).toBe(true);
	});

	it('a local http Base URL (a simulator on this machine) gets no warning', async () => {
		const logs: Array<{ level: string; message: string }> = [];
		http.on(/GET .*\/process/, { status: 401, body: { error: 'bad key' } });
		const context = executeContext({
			http,
			params: {},
			baseUrl: 'http://127.0.0.1:4010/v3',
			logs: logs as never,
		});
		const error = await failure(
			apiRequest.call(context, { method: 'GET', path: '/process/x', schema: processSchema }),
		);
		expect(error.description).not.toMatch(/plain http/);
		expect(logs.filter((l) => l.level === 'warn')).toHaveLength(0);
	});
});

describe('result downloads check every redirect hop', () => {
	const download = (url: string, baseUrl?: string) =>
		downloadFile.call(executeContext({ http, params: {}, baseUrl }), url);

	it('an https result that redirects to a loopback address is refused, and the address is not asked', async () => {
		http.on(/GET \/r\.jpg$/, { status: 302, headers: { location: 'http://127.0.0.1:8080/admin' } });
		const error = await failure(download('https://cdn.aihomedesign.test/r.jpg'));
		expect(error.message).toMatch(/Refused to download a result/);
		expect(error.description).toMatch(/redirect 1/);
		expect(http.calls.map((c) => c.url)).toEqual(['https://cdn.aihomedesign.test/r.jpg']);
	});

	it('an https result that redirects to plain http is refused', async () => {
		http.on(/GET \/r\.jpg$/, {
			status: 301,
			headers: { location: 'http://cdn.example.test/r.jpg' },
		});
		await failure(download('https://cdn.aihomedesign.test/r.jpg'));
		expect(http.calls).toHaveLength(1);
	});

	it('a redirect to another https CDN is followed, without the key', async () => {
		http.on(/GET \/r\.jpg$/, {
			status: 302,
			headers: { location: 'https://cdn2.example.test/final.jpg' },
		});
		http.on(/GET \/final\.jpg$/, { body: JPEG, headers: { 'content-type': 'image/jpeg' } });
		const result = await download('https://cdn.aihomedesign.test/r.jpg');
		expect(result.body).toEqual(JPEG);
		expect(http.calls.every((c) => !c.authenticated)).toBe(true);
		expect(http.calls.every((c) => c.options.disableFollowRedirect === true)).toBe(true);
	});

	it('a redirect loop stops after a few hops', async () => {
		http.on(/GET \/loop\d*\.jpg$/, () => ({
			status: 302,
			headers: { location: `https://cdn.aihomedesign.test/loop${http.calls.length}.jpg` },
		}));
		const error = await failure(download('https://cdn.aihomedesign.test/loop.jpg'));
		expect(error.message).toMatch(/redirected more than 5 times/);
		expect(http.calls.length).toBeLessThanOrEqual(6);
	});

	it('private and loopback addresses are refused unless the Base URL itself is local', async () => {
		expect(isAllowedDownloadUrl('https://10.0.0.5/r.jpg', 'https://api.aihomedesign.com/v3')).toBe(
			false,
		);
		expect(isAllowedDownloadUrl('https://[::1]/r.jpg', 'https://api.aihomedesign.com/v3')).toBe(
			false,
		);
		expect(
			isAllowedDownloadUrl('https://169.254.169.254/r', 'https://api.aihomedesign.com/v3'),
		).toBe(false);
		expect(isAllowedDownloadUrl('https://127.0.0.1:9/r.jpg', 'http://127.0.0.1:4010/v3')).toBe(
			true,
		);
	});
});

describe('what a server says is shown safely', () => {
	it('a server that echoes the request headers does not put the API key into the error', async () => {
		http.on(/GET \/process/, (call) => ({
			status: 400,
			body: { error: `bad request; you sent x-api-key: ${String(call.headers['x-api-key'])}` },
		}));
		const error = await failure(getProcess());
		const shown = `${error.message} ${error.description} ${JSON.stringify(error.context)}`;
		expect(shown).not.toContain(TEST_API_KEY);
		expect(error.description).toContain('[redacted]');
	});

	it('a custom key is scrubbed wherever the platform puts it, and the quote is cut short', async () => {
		const credentialValue = ['k3y', 'Very', 'Private', '0123456789'].join('-');
		http.on(/GET \/process/, {
			status: 422,
			body: {
				error: `slot mismatch for ${credentialValue}\r\nSet-Cookie: a=b ${'x'.repeat(5000)}`,
			},
		});
		const context = executeContext({ http, params: {}, apiKey: credentialValue });
		const error = await failure(
			apiRequest.call(context, { method: 'GET', path: '/process/x', schema: processSchema }),
		);
		expect(error.description).not.toContain(credentialValue);
		expect(error.description).not.toMatch(/[\r\n]/);
		expect(error.description!.length).toBeLessThan(800);
	});

	it("a binary's mimeType cannot add headers to the uploaded part", async () => {
		http.on(/POST \/order$/, {
			status: 201,
			body: { order_id: ORDER_ID, assets: [{ id: ASSET_ID }] },
		});
		const context = executeContext({ http, params: {} });
		await createOrder.call(context, [
			{
				data: JPEG,
				fileName: 'room.jpg"\r\nX-Injected: name',
				contentType: 'image/jpeg\r\nX-Injected: type',
				role: 'primary_angle',
			},
		]);
		const sent = (http.calls[0].body as Buffer).toString('latin1');
		expect(sent).not.toMatch(/\r\nX-Injected/);
		expect(sent).toContain('Content-Type: application/octet-stream');
	});

	const summary = (tool: string) => ({
		process_id: PROCESS_ID,
		status: 'done',
		tool,
		order_id: ORDER_ID,
		final_assets: [
			{
				asset_id: ASSET_ID,
				asset_type: 'image',
				src: 'https://cdn.aihomedesign.test/r.svg',
				thumbnail: null,
			},
		],
	});

	it("a result's file name cannot climb out of its folder, whatever the API calls the tool", async () => {
		http.on(/GET \/r\.svg$/, { body: JPEG, headers: { 'content-type': 'image/jpeg' } });
		const item = await toOutputItem(
			executeContext({ http, params: {} }),
			summary('../../etc/cron.d/x\r\n'),
			'full',
			'data',
		);
		expect(item.binary!.data.fileName).toMatch(/^[a-z0-9-]+\.jpg$/);
	});

	it('an SVG result is not kept as an SVG image', async () => {
		http.on(/GET \/r\.svg$/, {
			body: Buffer.from('<svg onload="alert(1)"/>'),
			headers: { 'content-type': 'image/svg+xml' },
		});
		const item = await toOutputItem(
			executeContext({ http, params: {} }),
			summary('tool-virtual-staging'),
			'full',
			'data',
		);
		expect(item.binary!.data.mimeType).toBe('application/octet-stream');
		expect(item.binary!.data.fileName).not.toMatch(/svg/);
	});
});
