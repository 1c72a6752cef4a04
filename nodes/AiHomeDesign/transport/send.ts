import type { IHttpRequestOptions, IN8nHttpFullResponse, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { clock } from '../shared/clock';
import { throwIfCancelled } from '../shared/errors';
import type { ApiContext } from './context';
import { httpError, networkError, type RequestSubject } from './errors';
import { parseBody } from './response';
import {
	backoffDelay,
	DEFAULT_RETRY_POLICY,
	isRetryableStatus,
	mayRetryNetworkError,
	networkErrorCode,
	parseRetryAfter,
	type RetryPolicy,
} from './retry';

function hostOf(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return url;
	}
}

/** Turns a 2xx/3xx answer into a value, or says why the answer cannot be used. */
export type AnswerReader<T> = (
	response: IN8nHttpFullResponse,
) => { ok: true; value: T } | { ok: false; error: NodeApiError };

/** Takes the answer as it came: downloads read the body stream themselves. */
export const asIs: AnswerReader<IN8nHttpFullResponse> = (response) => ({
	ok: true,
	value: response,
});

/**
 * Sends until an answer is final. 429 and 5xx are retried with exponential backoff, honouring
 * Retry-After; a missing or unreadable answer (network error, a proxy's HTML page, a cut-off body)
 * only for reads, so a POST never creates twice.
 */
export async function sendWithRetry<T>(
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

/** A GET that must not carry the API key (public catalog, CDN images), with the same retries and errors. */
export async function getWithoutKey<T>(
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
