import { NodeApiError } from 'n8n-workflow';
import { z } from 'zod';

import { processSchema } from '../../../../nodes/AiHomeDesign/schemas';
import {
	apiRequest,
	catalogUrlFor,
	isAllowedDownloadUrl,
} from '../../../../nodes/AiHomeDesign/transport';
import { executeContext } from '../../../support/n8n-context/execute';
import { FakeHttp, TEST_API_KEY } from '../../../support/http/fake-http';
import { useVirtualClock, type VirtualClock } from '../../../support/time/package-clock';

const PROCESS_ID = '69a6bb11a374700bff4a1333';
const processBody = { status: 'processing', tool: 'tool-virtual-staging', final_assets: [] };

let time: VirtualClock;
let http: FakeHttp;

beforeEach(() => {
	time = useVirtualClock();
	http = new FakeHttp(time.now);
});
afterEach(() => jest.restoreAllMocks());

const context = () => executeContext({ http, params: {} });
const getProcess = () =>
	apiRequest.call(context(), {
		method: 'GET',
		path: `/process/${PROCESS_ID}`,
		schema: processSchema,
		subject: `Process ${PROCESS_ID}`,
	});
const createProcess = () =>
	apiRequest.call(context(), {
		method: 'POST',
		path: '/process',
		body: { order_id: 'x' },
		schema: z.object({}).passthrough(),
	});

async function failure(promise: Promise<unknown>): Promise<NodeApiError> {
	try {
		await promise;
	} catch (error) {
		return error as NodeApiError;
	}
	throw new Error('expected the request to fail');
}

describe('answers', () => {
	it('reads the payload inside the live API envelope', async () => {
		http.on(/GET \/process/, { body: { data: processBody, message: 'ok' } });
		expect((await getProcess()).data.status).toBe('processing');
	});

	it('reads a bare body as the docs show it', async () => {
		http.on(/GET \/process/, { body: processBody });
		expect((await getProcess()).data.tool).toBe('tool-virtual-staging');
	});

	it('passes pagination beside the data', async () => {
		http.on(/GET \/project/, {
			body: { data: [], message: 'ok', pagination: { page: 2, total_pages: 3 } },
		});
		const result = await apiRequest.call(context(), {
			method: 'GET',
			path: '/project',
			schema: z.array(z.unknown()),
		});
		expect(result.pagination).toMatchObject({ page: 2, total_pages: 3 });
	});

	it('sends the key in x-api-key, to the credential base URL, with a per-request timeout', async () => {
		http.on(/GET \/process/, { body: processBody });
		await getProcess();
		const [call] = http.calls;
		expect(call.url).toBe(`https://api.aihomedesign.test/v3/process/${PROCESS_ID}`);
		expect(call.headers['x-api-key']).toBe(TEST_API_KEY);
		expect(call.options.timeout).toBeGreaterThan(0);
	});

	it('names the field when an answer has the wrong shape', async () => {
		http.on(/GET \/process/, {
			body: { data: { status: 'processing', final_assets: [{ src: 'x' }] } },
		});
		const error = await failure(getProcess());
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toContain('final_assets.0.asset_id');
	});

	it('reports a missing status as a shape error, not a crash later', async () => {
		http.on(/GET \/process/, { body: { final_assets: [] } });
		expect((await failure(getProcess())).message).toContain('field "status"');
	});

	it('reads a JSON body that arrives as text', async () => {
		http.on(/GET \/process/, { body: JSON.stringify({ data: processBody }) });
		expect((await getProcess()).data.status).toBe('processing');
	});
});

describe('error mapping', () => {
	it.each([
		[401, /API key was rejected/, /paste the key again/],
		[403, /plan does not allow this/, /Enterprise|enable it/],
		[404, new RegExp(`Process ${PROCESS_ID} was not found`), /24-character ID/],
		[400, /incomplete or invalid/, /fields named/],
		[422, /do not fit the chosen tool/, /input slot and widget item/],
	])('%i tells the user what to do', async (status, message, description) => {
		http.on(/GET \/process/, { status, body: { error: 'platform says no', key: 'api_error_x' } });
		const error = await failure(getProcess());
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(message);
		expect(error.description).toMatch(description);
		expect(error.description).toContain('platform says no');
		expect(error.httpCode).toBe(String(status));
		expect(http.calls).toHaveLength(1);
	});

	it('429 explains the rate limit after the retries are spent', async () => {
		http.on(/GET \/process/, {
			status: 429,
			body: { error: 'rate-limit exceeded, 10 generates per 10 minutes only' },
		});
		const error = await failure(getProcess());
		expect(error.message).toMatch(/rate limit/);
		expect(error.description).toMatch(/10 processes per 10 minutes/);
		expect(http.calls).toHaveLength(4);
	});

	it('5xx says the platform is in trouble, after retries', async () => {
		http.on(/GET \/process/, { status: 502, body: 'Bad gateway' });
		const error = await failure(getProcess());
		expect(error.message).toMatch(/AI HomeDesign had a problem answering \(502\)/);
		expect(error.description).toMatch(/failed 4 time/);
	});

	it('never puts the API key into an error, not even for a network failure', async () => {
		http.on(/GET \/process/, { networkError: 'ECONNRESET' });
		const error = await failure(getProcess());
		expect(error.message).toMatch(/Could not reach AI HomeDesign/);
		const serialized = JSON.stringify({
			...error,
			message: error.message,
			description: error.description,
			cause: error.cause,
		});
		expect(serialized).not.toContain(TEST_API_KEY);
	});
});

describe('retries', () => {
	it('retries a GET after 5xx with exponential backoff, then succeeds', async () => {
		http.sequence(/GET \/process/, [{ status: 503 }, { status: 500 }, { body: processBody }]);
		await getProcess();
		expect(http.calls).toHaveLength(3);
		expect(time.sleeps).toEqual([1000, 2000]);
	});

	it('retries a POST after a 429 (a refusal: nothing was created)', async () => {
		http.sequence(/POST \/process/, [
			{ status: 429 },
			{ status: 201, body: { process_ids: [PROCESS_ID] } },
		]);
		await createProcess();
		expect(http.callsTo(/POST/)).toHaveLength(2);
	});

	it('never re-sends a POST after a 5xx at the transport: the platform may have acted', async () => {
		http.sequence(/POST \/process/, [
			{ status: 500 },
			{ status: 201, body: { process_ids: [PROCESS_ID] } },
		]);
		await failure(createProcess());
		expect(http.callsTo(/POST/)).toHaveLength(1);
	});

	it('retries a GET after a dropped connection', async () => {
		http.sequence(/GET \/process/, [
			{ networkError: 'ECONNRESET' },
			{ networkError: 'ETIMEDOUT' },
			{ body: processBody },
		]);
		await getProcess();
		expect(http.calls).toHaveLength(3);
	});

	it('reads again after an unreadable answer to a GET (a proxy page, a cut-off body)', async () => {
		http.sequence(/GET \/process/, [
			{ body: '<html>maintenance</html>' },
			{ body: '{"data": {"status": "pro' },
			{ body: processBody },
		]);
		expect((await getProcess()).data.status).toBe('processing');
		expect(http.calls).toHaveLength(3);
	});

	it('gives up on unreadable GET answers after the retries, naming the field', async () => {
		http.on(/GET \/process/, { body: { final_assets: [] } });
		expect((await failure(getProcess())).message).toContain('field "status"');
		expect(http.calls).toHaveLength(4);
	});

	it('never sends a POST again after an unreadable answer: it may have created something', async () => {
		http.sequence(/POST \/process/, [
			{ status: 201, body: '<html>oops</html>' },
			{ status: 201, body: { process_ids: [PROCESS_ID] } },
		]);
		await failure(
			apiRequest.call(context(), {
				method: 'POST',
				path: '/process',
				body: { order_id: 'x' },
				schema: z.object({ process_ids: z.array(z.string()) }),
			}),
		);
		expect(http.callsTo(/POST/)).toHaveLength(1);
	});

	it('never sends a POST twice when no answer came back (no duplicate process, no double charge)', async () => {
		http.sequence(/POST \/process/, [
			{ networkError: 'ECONNRESET' },
			{ status: 201, body: { process_ids: [PROCESS_ID] } },
		]);
		const error = await failure(createProcess());
		expect(http.callsTo(/POST/)).toHaveLength(1);
		expect(error.description).toMatch(/not sent again/);
	});

	it('waits what Retry-After asks (seconds)', async () => {
		http.sequence(/GET \/process/, [
			{ status: 429, headers: { 'retry-after': '7' } },
			{ body: processBody },
		]);
		await getProcess();
		expect(time.sleeps).toEqual([7000]);
	});

	it('waits what Retry-After asks (HTTP date)', async () => {
		const at = new Date(time.now() + 12_000).toUTCString();
		http.sequence(/GET \/process/, [
			{ status: 503, headers: { 'retry-after': at } },
			{ body: processBody },
		]);
		await getProcess();
		expect(time.sleeps[0]).toBeGreaterThanOrEqual(11_000);
		expect(time.sleeps[0]).toBeLessThanOrEqual(12_000);
	});

	it('does not wait out a Retry-After of many minutes: it says how long instead', async () => {
		http.on(/POST \/process/, {
			status: 429,
			headers: { 'retry-after': '540' },
			body: { error: 'rate-limit exceeded' },
		});
		const error = await failure(createProcess());
		expect(http.calls).toHaveLength(1);
		expect(error.description).toMatch(/wait 540 s/);
	});

	it('keeps status-check retries 5 s apart when asked to', async () => {
		http.sequence(/GET \/process/, [
			{ status: 503 },
			{ status: 429, headers: { 'retry-after': '1' } },
			{ body: processBody },
		]);
		await apiRequest.call(context(), {
			method: 'GET',
			path: `/process/${PROCESS_ID}`,
			schema: processSchema,
			retry: { minDelayMs: 5000 },
		});
		expect(time.sleeps).toEqual([5000, 5000]);
	});
});

describe('URLs', () => {
	it('finds the tool catalog beside the API', () => {
		expect(catalogUrlFor('https://api.aihomedesign.com/v3')).toBe(
			'https://app.aihomedesign.com/api/tools',
		);
		expect(catalogUrlFor('http://127.0.0.1:4010/v3')).toBe('http://127.0.0.1:4010/api/tools');
	});

	it('downloads results only over https or from the configured API origin', () => {
		const base = 'http://127.0.0.1:4010/v3';
		expect(isAllowedDownloadUrl('https://cdn.aihomedesign.com/r.jpg', base)).toBe(true);
		expect(isAllowedDownloadUrl('http://127.0.0.1:4010/files/r.jpg', base)).toBe(true);
		expect(isAllowedDownloadUrl('http://169.254.169.254/latest/meta-data', base)).toBe(false);
		expect(isAllowedDownloadUrl('file:///etc/passwd', base)).toBe(false);
	});
});
