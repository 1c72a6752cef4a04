import type { IHttpRequestOptions, IN8nHttpFullResponse, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { clock } from '../shared/clock';
import { throwIfCancelled } from '../shared/errors';
import { credentialSecrets, MAX_ERROR_BODY_BYTES, type ApiContext } from './context';
import {
	httpError,
	markAmbiguous,
	networkError,
	passOn,
	redirectError,
	scrub,
	type RequestSubject,
} from './errors';
import { BodyTooLargeError, parseBody, readBody } from './response';
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

/** Turns a 2xx answer (3xx too, when redirects are returned) into a value, or says why it cannot be used. */
export type AnswerReader<T> = (
	response: IN8nHttpFullResponse,
	/** The attempt's signal (deadline or cancel): a body read in the reader ends with it. */
	signal: AbortSignal,
) =>
	| { ok: true; value: T }
	| { ok: false; error: NodeApiError }
	| Promise<{ ok: true; value: T } | { ok: false; error: NodeApiError }>;

/** Takes the answer as it came: downloads read the body stream themselves. */
export const asIs: AnswerReader<IN8nHttpFullResponse> = (response) => ({
	ok: true,
	value: response,
});

export interface SendOptions {
	/** The execution's cancel signal: ends waits, the request in flight and the body being read. */
	signal?: AbortSignal;
	retry?: Partial<RetryPolicy>;
	/**
	 * The hard deadline of one attempt, answer body included (n8n's `timeout` only notices a
	 * silent socket, not a body that trickles in). For a streamed download the deadline keeps
	 * running while the caller reads the stream.
	 */
	attemptDeadlineMs: number;
	/** 3xx answers are handed to `read` (downloads check each hop) instead of being refused. */
	returnRedirects?: boolean;
}

/** The signal one attempt runs under: the execution's cancel signal or the attempt's deadline. */
function attemptSignal(deadlineMs: number, cancel?: AbortSignal): AbortSignal {
	const deadline = AbortSignal.timeout(deadlineMs);
	return cancel ? AbortSignal.any([cancel, deadline]) : deadline;
}

/**
 * Sends until an answer is final. 429 and 5xx are retried with exponential backoff, honouring a
 * valid Retry-After; a missing or unreadable answer (network error, a proxy's HTML page, a
 * cut-off body) only for reads, so a POST never creates twice. Whatever the answers say, no more
 * than `maxAttempts` attempts and no retry after `maxTotalMs` (plus the rate-limit queue).
 */
export async function sendWithRetry<T>(
	context: ApiContext,
	send: (signal: AbortSignal) => Promise<IN8nHttpFullResponse>,
	read: AnswerReader<T>,
	request: RequestSubject & { url: string },
	options: SendOptions,
): Promise<{ value: T; rateLimitedMs: number }> {
	const policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
	const node = context.getNode();
	const cancel = options.signal;
	const startedAt = clock.now();
	const budgetMs = policy.maxTotalMs + policy.rateLimitQueueMs;
	let rateLimitedMs = 0;

	/** Whether one more attempt may start after waiting `delay`. */
	const mayTryAgain = (attempt: number, delay: number) =>
		attempt < policy.maxAttempts && clock.now() - startedAt + delay <= budgetMs;
	const wait = async (delay: number) => {
		await clock.sleep(delay, cancel);
		throwIfCancelled(node, cancel);
	};
	const log = (attempt: number, what: string, delay: number) =>
		context.logger?.debug(
			`AI HomeDesign ${request.method} ${request.path}: ${what}, retry ${attempt} in ${delay} ms`,
		);

	for (let attempt = 1; ; attempt++) {
		throwIfCancelled(node, cancel);
		const signal = attemptSignal(options.attemptDeadlineMs, cancel);
		// No answer (or half of one): wait and go round again where that is safe, else say so.
		const afterNetworkFailure = async (code: string): Promise<void> => {
			const delay = backoffDelay(policy, attempt - 1);
			const retry =
				mayRetryNetworkError(request.method) &&
				attempt <= policy.maxRetries &&
				mayTryAgain(attempt, delay);
			if (!retry) throw networkError(node, code, request, hostOf(request.url), attempt);
			log(attempt, code, delay);
			await wait(delay);
		};
		let response: IN8nHttpFullResponse;
		try {
			response = await send(signal);
		} catch (error) {
			throwIfCancelled(node, cancel);
			const code = signal.aborted ? 'ETIMEDOUT' : networkErrorCode(error);
			if (!code) throw unexpectedError(context, error as Error, request);
			await afterNetworkFailure(code);
			continue;
		}
		const status = response.statusCode;
		if (status >= 300 && status < 400 && !options.returnRedirects) {
			discard(response.body);
			throw redirectError(node, status, response.headers?.location, request);
		}
		if (status < 400) {
			let answer: Awaited<ReturnType<AnswerReader<T>>>;
			try {
				answer = await read(response, signal);
			} catch (error) {
				throwIfCancelled(node, cancel);
				if (error instanceof BodyTooLargeError) {
					throw tooLargeError(context, error, request);
				}
				if (error instanceof NodeApiError) passOn(error);
				// The body broke off or its deadline passed: no answer, as far as the caller knows.
				await afterNetworkFailure(
					signal.aborted ? 'ETIMEDOUT' : (networkErrorCode(error) ?? 'ECONNRESET'),
				);
				continue;
			}
			if (answer.ok) return { value: answer.value, rateLimitedMs };
			// A 2xx to a POST that cannot be read: something was probably created.
			if (!mayRetryNetworkError(request.method)) throw markAmbiguous(node, answer.error);
			const delay = backoffDelay(policy, attempt - 1);
			const retry = attempt <= policy.maxRetries && mayTryAgain(attempt, delay);
			if (!retry) throw answer.error;
			log(attempt, 'unreadable answer', delay);
			await wait(delay);
			continue;
		}
		let body: unknown;
		try {
			body = parseBody(await readBody(response.body, MAX_ERROR_BODY_BYTES, signal));
		} catch {
			throwIfCancelled(node, cancel);
			body = undefined;
		}
		const retryAfter = parseRetryAfter(response.headers?.['retry-after'], clock.now());
		const delay =
			retryAfter === undefined
				? backoffDelay(policy, attempt - 1)
				: Math.max(retryAfter, policy.minDelayMs);
		const queueing = status === 429 && rateLimitedMs + delay <= policy.rateLimitQueueMs;
		if (!isRetryableStatus(status)) throw httpError(node, status, body, request, attempt);
		// A 5xx to a POST does not prove that nothing was created (a gateway timeout can come
		// after the platform acted): never sent again blindly. A 429 is a refusal: retried.
		if (status >= 500 && !mayRetryNetworkError(request.method)) {
			throw markAmbiguous(node, httpError(node, status, body, request, attempt));
		}
		if (!queueing && attempt > policy.maxRetries) {
			throw httpError(node, status, body, request, attempt);
		}
		if (!queueing && retryAfter !== undefined && retryAfter > policy.maxRetryAfterMs) {
			const error = httpError(node, status, body, request, attempt);
			error.description += ` The platform asked to wait ${Math.ceil(retryAfter / 1000)} s before trying again.`;
			throw error;
		}
		if (!mayTryAgain(attempt, delay)) {
			const error = httpError(node, status, body, request, attempt);
			error.description += ` Gave up after ${attempt} attempt(s) over ${Math.round((clock.now() - startedAt) / 1000)} s.`;
			throw error;
		}
		log(attempt, String(status), delay);
		await wait(delay);
		if (status === 429) rateLimitedMs += delay;
	}
}

/** Lets go of a body nobody reads (a redirect's), so its socket is not held open. */
function discard(body: unknown): void {
	const stream = body as { destroy?: () => void } | undefined;
	if (stream && typeof stream.destroy === 'function') stream.destroy();
}

function tooLargeError(
	context: ApiContext,
	error: BodyTooLargeError,
	request: RequestSubject & { url: string },
): NodeApiError {
	return new NodeApiError(
		context.getNode(),
		{ request: `${request.method} ${request.path}` } as JsonObject,
		{
			message: `The answer from ${hostOf(request.url)} was larger than ${Math.round(error.limit / 1024)} KB and was not read`,
			description:
				'An answer this large is not one the node expects. Check the URL (and the Base URL in the credential), then run again.',
		},
	);
}

/**
 * Any other failure (TLS, bad URL…) becomes a fresh error holding only the message: the original
 * carries the request config, headers and API key included, which must not reach the output.
 */
function unexpectedError(context: ApiContext, error: Error, request: RequestSubject): NodeApiError {
	const said = scrub(String(error?.message ?? ''), request.secrets ?? credentialSecrets(context));
	if (error instanceof NodeOperationError)
		return new NodeApiError(context.getNode(), { message: said } as JsonObject, {
			message: said,
		});
	return new NodeApiError(
		context.getNode(),
		{ request: `${request.method} ${request.path}` } as JsonObject,
		{
			message: `The request to AI HomeDesign failed: ${said}`,
			description: 'Check the Base URL in the credential, then run again.',
		},
	);
}

/** A GET that must not carry the API key (public catalog, CDN images), with the same retries and errors. */
export async function getWithoutKey<T>(
	context: ApiContext,
	request: RequestSubject & { url: string },
	options: Partial<IHttpRequestOptions> & { timeout: number },
	read: AnswerReader<T>,
	send: Pick<SendOptions, 'signal' | 'returnRedirects' | 'retry'> = {},
): Promise<T> {
	const { value } = await sendWithRetry(
		context,
		async (signal) =>
			(await context.helpers.httpRequest({
				...options,
				method: 'GET',
				url: request.url,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				// Followed by n8n (no key goes with it) unless the caller checks each hop itself.
				disableFollowRedirect: send.returnRedirects === true,
				abortSignal: signal,
			})) as IN8nHttpFullResponse,
		read,
		request,
		{ ...send, attemptDeadlineMs: options.timeout },
	);
	return value;
}
