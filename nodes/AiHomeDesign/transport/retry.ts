/** When and how long to wait before trying a request again. */
export interface RetryPolicy {
	/** Retries after the first attempt. */
	maxRetries: number;
	/** First backoff; doubles each retry. */
	baseDelayMs: number;
	maxDelayMs: number;
	/** A Retry-After longer than this is not waited out: the error is shown instead. */
	maxRetryAfterMs: number;
	/** No retry comes sooner than this (status polls must stay 5 s apart, retries included). */
	minDelayMs: number;
	/**
	 * How long a 429 may be waited out in total, past `maxRetries`: creating processes queues
	 * behind the platform's 10-per-10-minutes limit instead of failing.
	 */
	rateLimitQueueMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxRetries: 3,
	baseDelayMs: 1000,
	maxDelayMs: 30_000,
	maxRetryAfterMs: 60_000,
	minDelayMs: 0,
	rateLimitQueueMs: 0,
};

/** Network failures that mean "no answer came back" (the request may or may not have been processed). */
const NETWORK_ERROR_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ENOTFOUND',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'UND_ERR_SOCKET',
]);

export function isRetryableStatus(status: number): boolean {
	return status === 429 || status >= 500;
}

/**
 * Whether a failure without an HTTP answer may be retried. Only reads may: a POST that timed out
 * may have created a process (and charged for it), so it is never sent twice.
 */
export function mayRetryNetworkError(method: string): boolean {
	return method === 'GET' || method === 'HEAD';
}

export function networkErrorCode(error: unknown): string | undefined {
	let current = error as { code?: unknown; cause?: unknown } | undefined;
	for (let depth = 0; current && depth < 4; depth++) {
		if (typeof current.code === 'string' && NETWORK_ERROR_CODES.has(current.code))
			return current.code;
		current = current.cause as typeof current;
	}
	const message = String((error as Error | undefined)?.message ?? '');
	if (/timeout of \d+ms exceeded|socket hang up/i.test(message)) return 'ETIMEDOUT';
	return undefined;
}

/** `Retry-After` in seconds or as an HTTP date, in milliseconds from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, now: number): number | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(parseFloat(text) * 1000);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function backoffDelay(policy: RetryPolicy, retry: number): number {
	return Math.max(policy.minDelayMs, Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry));
}
