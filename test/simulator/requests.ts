/** Requests for the simulator core and readers of its answers, for tests that drive it in-process. */
import { DEFAULT_API_KEY } from './api-key';
import { makeJpeg } from './images';
import { createVirtualClock } from '../support/time/virtual-clock';
import { Platform } from './core/platform';
import type { PlatformOptions, SimRequest, SimResponse } from './core/types';
import { encodeForm } from './multipart';
import { stagingBody } from './tools';

/** A request as the HTTP shell hands it to the core; `key: null` sends none (default: the test key). */
export function request(
	method: string,
	pathAndQuery: string,
	options: { body?: unknown; headers?: Record<string, string>; key?: string | null } = {},
): SimRequest {
	const [path, search = ''] = pathAndQuery.split('?');
	const query: Record<string, string> = {};
	for (const [k, v] of new URLSearchParams(search)) if (!(k in query)) query[k] = v;
	const headers: Record<string, string | undefined> = {};
	if (options.key !== null) headers['x-api-key'] = options.key ?? DEFAULT_API_KEY;
	let body: Buffer | undefined;
	if (Buffer.isBuffer(options.body)) body = options.body;
	else if (options.body !== undefined) {
		body = Buffer.from(JSON.stringify(options.body), 'utf8');
		headers['content-type'] = 'application/json';
	}
	for (const [k, v] of Object.entries(options.headers ?? {})) headers[k.toLowerCase()] = v;
	return { method, path, query, headers, body };
}

/** The JSON body of a response, or the text when it is not JSON. */
export function bodyOf(res: SimResponse): unknown {
	if (res.body === undefined) return undefined;
	if (Buffer.isBuffer(res.body)) return res.body;
	if (typeof res.body === 'string') {
		try {
			return JSON.parse(res.body);
		} catch {
			return res.body;
		}
	}
	return res.body;
}

/** `body.data ?? body`, as the node reads it (the type is the caller's claim; check shapes with the zod schemas). */
export function dataOf<T = unknown>(res: SimResponse): T {
	const body = bodyOf(res);
	return (
		body && typeof body === 'object' && 'data' in body ? (body as { data: unknown }).data : body
	) as T;
}

export interface ErrorBody {
	error?: string;
	key?: string;
}

export interface UploadFile {
	role?: string;
	filename?: string;
	contentType?: string;
	data?: Buffer;
}

/** A multipart upload request: `asset_file` then its `asset_role` (if given), per file, in order. */
export function uploadRequest(
	path: string,
	files: UploadFile[],
	extra: Array<{ name: string; value: string }> = [],
	key?: string,
): SimRequest {
	const parts: Parameters<typeof encodeForm>[0] = [...extra];
	for (const [i, file] of files.entries()) {
		parts.push({
			name: 'asset_file',
			filename: file.filename ?? `photo-${i}.jpg`,
			contentType: file.contentType ?? 'image/jpeg',
			data: file.data ?? makeJpeg({ level: 10 + i * 20, label: `input ${i}` }),
		});
		if (file.role !== undefined) parts.push({ name: 'asset_role', value: file.role });
	}
	const { body, contentType } = encodeForm(parts);
	return request('POST', path, { body, headers: { 'content-type': contentType }, key });
}

/** Creates an order with one primary photo (plus the given extra roles) and returns its ids. */
export function createOrder(platform: Platform, roles: string[] = ['primary_angle']) {
	const res = platform.handle(
		uploadRequest(
			'/v3/order',
			roles.map((role) => ({ role })),
		),
	);
	if (res.status !== 201)
		throw new Error(`order failed: ${res.status} ${JSON.stringify(bodyOf(res))}`);
	return dataOf<{ order_id: string; assets: Array<{ id: string; role: string; src: string }> }>(
		res,
	);
}

/** Where a test platform says its files are. */
export const TEST_FILES_BASE = 'http://sim.test';

/** A platform on a virtual clock (moved only by `clock.advance`), with the test key. */
export function testPlatform(options: Partial<PlatformOptions> = {}) {
	const clock = createVirtualClock();
	const platform = new Platform({
		apiKey: DEFAULT_API_KEY,
		publicBaseUrl: TEST_FILES_BASE,
		clock,
		...options,
	});
	return { clock, platform };
}

/** Uploads one photo and starts a virtual-staging process on it. */
export function startStaging(platform: Platform) {
	const order = createOrder(platform);
	const res = platform.handle(
		request('POST', '/v3/process', { body: stagingBody(order.order_id, order.assets[0].id) }),
	);
	if (res.status !== 201)
		throw new Error(`process failed: ${res.status} ${JSON.stringify(bodyOf(res))}`);
	const answer = dataOf<{ process_ids: string[]; process_group_id?: string }>(res);
	return { order, processId: answer.process_ids[0], answer };
}
