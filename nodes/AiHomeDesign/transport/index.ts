import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { z, ZodTypeAny } from 'zod';

import { clock } from '../helpers/clock';
import { throwIfCancelled } from '../helpers/errors';
import type { Pagination } from '../schemas';
import { paginationSchema, toolCatalogSchema } from '../schemas';
import { httpError, networkError, shapeError, type RequestSubject } from './errors';
import { encodeMultipart, type MultipartPart } from './multipart';
import {
	backoffDelay,
	DEFAULT_RETRY_POLICY,
	isRetryableStatus,
	mayRetryNetworkError,
	networkErrorCode,
	parseRetryAfter,
	type RetryPolicy,
} from './retry';

export type { MultipartPart } from './multipart';

export const CREDENTIAL_TYPE = 'aiHomeDesignApi';
export const DEFAULT_BASE_URL = 'https://api.aihomedesign.com/v3';
const LIVE_CATALOG_URL = 'https://app.aihomedesign.com/api/tools';

const JSON_TIMEOUT_MS = 30_000;
const TRANSFER_TIMEOUT_MS = 300_000;

export type ApiContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions;

export interface ApiRequest<S extends ZodTypeAny> {
	method: IHttpRequestMethods;
	/** Path below the base URL, e.g. `/process/<id>`. */
	path: string;
	qs?: IDataObject;
	/** JSON body. */
	body?: IDataObject;
	/** Multipart body, sent in the order given. */
	multipart?: MultipartPart[];
	/** Shape of the answer's payload (after the `data` envelope is removed). */
	schema: S;
	/** Names the thing asked for in a 404 message, e.g. `Process 69a6…`. */
	subject?: string;
	timeoutMs?: number;
	signal?: AbortSignal;
	retry?: Partial<RetryPolicy>;
}

export interface ApiResult<T> {
	data: T;
	pagination?: Pagination;
	/** Time spent waiting out rate limits (429) before the answer came. */
	rateLimitedMs: number;
}

const baseUrls = new WeakMap<object, string>();

/** The credential's base URL without a trailing slash (read once per execution context). */
export async function getBaseUrl(this: ApiContext): Promise<string> {
	const cached = baseUrls.get(this);
	if (cached) return cached;
	const credentials = await this.getCredentials<{ baseUrl?: string }>(CREDENTIAL_TYPE);
	const baseUrl = String(credentials.baseUrl || DEFAULT_BASE_URL).replace(/\/+$/, '');
	baseUrls.set(this, baseUrl);
	return baseUrl;
}

function hostOf(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return url;
	}
}

/** Turns a 2xx/3xx answer into a value, or says why the answer cannot be used. */
type AnswerReader<T> = (
	response: IN8nHttpFullResponse,
) => { ok: true; value: T } | { ok: false; error: NodeApiError };

const asIs: AnswerReader<IN8nHttpFullResponse> = (response) => ({ ok: true, value: response });

/**
 * Sends until an answer is final. 429 and 5xx are retried with exponential backoff, honouring
 * Retry-After; a missing or unreadable answer (network error, a proxy's HTML page, a cut-off body)
 * only for reads, so a POST never creates twice.
 */
async function sendWithRetry<T>(
	context: ApiContext,
	send: () => Promise<IN8nHttpFullResponse>,
	read: AnswerReader<T>,
	request: RequestSubject & { url: string },
	options: { signal?: AbortSignal; retry?: Partial<RetryPolicy> },
): Promise<{ value: T; rateLimitedMs: number }> {
	const policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
	const node = context.getNode();
	let rateLimitedMs = 0;
	for (let attempt = 1; ; attempt++) {
		let response: IN8nHttpFullResponse;
		try {
			response = await send();
		} catch (error) {
			throwIfCancelled(node, options.signal);
			const code = networkErrorCode(error);
			if (!code) throw unexpectedError(context, error as Error, request);
			if (!mayRetryNetworkError(request.method) || attempt > policy.maxRetries) {
				throw networkError(node, code, request, hostOf(request.url), attempt);
			}
			context.logger?.debug(
				`AI HomeDesign ${request.method} ${request.path}: ${code}, retry ${attempt}`,
			);
			await clock.sleep(backoffDelay(policy, attempt - 1), options.signal);
			throwIfCancelled(node, options.signal);
			continue;
		}
		const status = response.statusCode;
		if (status < 400) {
			const answer = read(response);
			if (answer.ok) return { value: answer.value, rateLimitedMs };
			if (!mayRetryNetworkError(request.method) || attempt > policy.maxRetries) throw answer.error;
			context.logger?.debug(
				`AI HomeDesign ${request.method} ${request.path}: unreadable answer, retry ${attempt}`,
			);
			await clock.sleep(backoffDelay(policy, attempt - 1), options.signal);
			throwIfCancelled(node, options.signal);
			continue;
		}
		const body = parseBody(response.body);
		const retryAfter = parseRetryAfter(response.headers?.['retry-after'], clock.now());
		const delay =
			retryAfter === undefined
				? backoffDelay(policy, attempt - 1)
				: Math.max(retryAfter, policy.minDelayMs);
		const queueing = status === 429 && rateLimitedMs + delay <= policy.rateLimitQueueMs;
		if (!queueing) {
			if (!isRetryableStatus(status) || attempt > policy.maxRetries) {
				throw httpError(node, status, body, request, attempt);
			}
			if (retryAfter !== undefined && retryAfter > policy.maxRetryAfterMs) {
				const error = httpError(node, status, body, request, attempt);
				error.description += ` The platform asked to wait ${Math.ceil(retryAfter / 1000)} s before trying again.`;
				throw error;
			}
		}
		context.logger?.debug(
			`AI HomeDesign ${request.method} ${request.path}: ${status}, retry ${attempt} in ${delay} ms`,
		);
		await clock.sleep(delay, options.signal);
		throwIfCancelled(node, options.signal);
		if (status === 429) rateLimitedMs += delay;
	}
}

/**
 * Any other failure (TLS, bad URL…) becomes a fresh error holding only the message: the original
 * carries the request config, headers and API key included, which must not reach the output.
 */
function unexpectedError(context: ApiContext, error: Error, request: RequestSubject): NodeApiError {
	if (error instanceof NodeOperationError)
		return new NodeApiError(context.getNode(), { message: error.message } as JsonObject, {
			message: error.message,
		});
	return new NodeApiError(
		context.getNode(),
		{ request: `${request.method} ${request.path}` } as JsonObject,
		{
			message: `The request to AI HomeDesign failed: ${error.message}`,
			description: 'Check the Base URL in the credential, then run again.',
		},
	);
}

function parseBody(body: unknown): unknown {
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : body;
	if (typeof text !== 'string') return text;
	if (text.trim() === '') return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/** The live API wraps answers as `{ data, message, pagination? }`; the docs show bare bodies. Both are read. */
function unwrapEnvelope(body: unknown): { payload: unknown; pagination?: Pagination } {
	if (body && typeof body === 'object' && !Array.isArray(body) && 'data' in body) {
		const envelope = body as { data: unknown; pagination?: unknown };
		const pagination = paginationSchema.safeParse(envelope.pagination);
		return { payload: envelope.data, pagination: pagination.success ? pagination.data : undefined };
	}
	return { payload: body };
}

/** Every call to the AI HomeDesign API goes through here: auth, envelope, validation, errors, retries. */
export async function apiRequest<S extends ZodTypeAny>(
	this: ApiContext,
	request: ApiRequest<S>,
): Promise<ApiResult<z.output<S>>> {
	const baseUrl = await getBaseUrl.call(this);
	const url = `${baseUrl}${request.path}`;
	const options: IHttpRequestOptions = {
		method: request.method,
		url,
		qs: request.qs,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: request.timeoutMs ?? (request.multipart ? TRANSFER_TIMEOUT_MS : JSON_TIMEOUT_MS),
		abortSignal: request.signal,
		headers: { accept: 'application/json' },
	};
	if (request.multipart) {
		const { body, contentType } = encodeMultipart(request.multipart);
		options.body = body;
		options.headers = { ...options.headers, 'content-type': contentType };
	} else if (request.body) {
		options.body = request.body;
		options.json = true;
	}
	const subject: RequestSubject & { url: string } = {
		method: request.method,
		path: request.path,
		subject: request.subject,
		url,
	};
	const node = this.getNode();
	const { value, rateLimitedMs } = await sendWithRetry(
		this,
		async () =>
			(await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_TYPE,
				options,
			)) as IN8nHttpFullResponse,
		(response) => {
			const { payload, pagination } = unwrapEnvelope(parseBody(response.body));
			const parsed = request.schema.safeParse(payload);
			if (!parsed.success) return { ok: false, error: shapeError(node, parsed.error, subject) };
			return { ok: true, value: { data: parsed.data as z.output<S>, pagination } };
		},
		subject,
		request,
	);
	return { ...value, rateLimitedMs };
}

/** A GET that must not carry the API key (public catalog, CDN images), with the same retries and errors. */
async function getWithoutKey<T>(
	context: ApiContext,
	request: RequestSubject & { url: string },
	options: Partial<IHttpRequestOptions>,
	read: AnswerReader<T>,
	signal?: AbortSignal,
): Promise<T> {
	const { value } = await sendWithRetry(
		context,
		async () =>
			(await context.helpers.httpRequest({
				...options,
				method: 'GET',
				url: request.url,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			})) as IN8nHttpFullResponse,
		read,
		request,
		{ signal },
	);
	return value;
}

/** The public tool catalog lives beside the API (no key needed): live host, or the same origin as a custom base URL. */
export function catalogUrlFor(baseUrl: string): string {
	const base = new URL(baseUrl);
	if (base.hostname === 'api.aihomedesign.com') return LIVE_CATALOG_URL;
	return `${base.origin}/api/tools`;
}

export async function fetchToolCatalog(
	this: ApiContext,
): Promise<z.output<typeof toolCatalogSchema>> {
	const url = catalogUrlFor(await getBaseUrl.call(this));
	const request = { method: 'GET', path: '/api/tools', subject: 'The tool catalog', url };
	const node = this.getNode();
	return await getWithoutKey(this, request, { timeout: JSON_TIMEOUT_MS }, (response) => {
		const parsed = toolCatalogSchema.safeParse(unwrapEnvelope(parseBody(response.body)).payload);
		return parsed.success
			? { ok: true, value: parsed.data }
			: { ok: false, error: shapeError(node, parsed.error, request) };
	});
}

/**
 * Result images are only fetched from https URLs, or from the same origin as the configured
 * base URL (a local simulator or proxy): never from anywhere else a payload might point to.
 */
export function isAllowedDownloadUrl(url: string, baseUrl: string): boolean {
	let target: URL;
	try {
		target = new URL(url);
	} catch {
		return false;
	}
	if (target.protocol === 'https:') return true;
	return target.origin === new URL(baseUrl).origin;
}

export interface Download {
	body: Buffer | NodeJS.ReadableStream;
	contentType?: string;
}

/**
 * Streams one image. No API key is sent: result URLs point at a CDN. `userGiven`: the user typed
 * the URL (an input photo), so plain http is allowed too.
 */
export async function downloadFile(
	this: IExecuteFunctions,
	url: string,
	options: { signal?: AbortSignal; userGiven?: boolean } = {},
): Promise<Download> {
	const baseUrl = await getBaseUrl.call(this);
	const request = { method: 'GET', path: url, subject: `The image at ${url}`, url };
	const allowed = options.userGiven
		? /^https?:\/\//i.test(url)
		: isAllowedDownloadUrl(url, baseUrl);
	if (!allowed) {
		throw new NodeApiError(this.getNode(), { url } as JsonObject, {
			message: 'Refused to download a result from a non-HTTPS address',
			description: `Results are downloaded only from https URLs or from the credential's base URL. Got: ${url}`,
		});
	}
	const response = await getWithoutKey(
		this,
		request,
		{ encoding: 'stream', timeout: TRANSFER_TIMEOUT_MS, abortSignal: options.signal },
		asIs,
		options.signal,
	);
	const contentType = response.headers?.['content-type'];
	return {
		body: response.body as Download['body'],
		contentType: typeof contentType === 'string' ? contentType.split(';')[0].trim() : undefined,
	};
}
