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
	/**
	 * Hard ceiling on attempts (the first one included), whatever the answers say: not even
	 * queueing behind a rate limit sends more often than this.
	 */
	maxAttempts: number;
	/**
	 * Hard ceiling on the time from the first send until the last retry starts, on top of
	 * `rateLimitQueueMs`. A retry that would start later is not made: the error is shown instead.
	 */
	maxTotalMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxRetries: 3,
	baseDelayMs: 1000,
	maxDelayMs: 30_000,
	maxRetryAfterMs: 60_000,
	minDelayMs: 0,
	rateLimitQueueMs: 0,
	maxAttempts: 50,
	maxTotalMs: 5 * 60_000,
};

/** No retry ever starts sooner than this after the last answer, whatever the policy says. */
export const MIN_RETRY_DELAY_MS = 250;

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

/** An HTTP date (RFC 9110 IMF-fixdate, or the obsolete RFC 850 and asctime forms). */
const HTTP_DATE =
	/^(?:[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT|[A-Z][a-z]+, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT|[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4})$/;

/**
 * `Retry-After` in milliseconds from `now`, read strictly: whole seconds above 0, or an HTTP date
 * in the future. Anything else (absent, 0, negative, fractional, a past date, text) is
 * `undefined`, and the caller falls back to its backoff: a hostile or broken server cannot make
 * the node retry without a pause.
 */
export function parseRetryAfter(value: unknown, now: number): number | undefined {
	const raw = Array.isArray(value) ? value[0] : value;
	if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
	const text = String(raw).trim();
	if (/^\d{1,9}$/.test(text)) {
		const seconds = Number(text);
		return seconds > 0 ? seconds * 1000 : undefined;
	}
	if (!HTTP_DATE.test(text)) return undefined;
	const date = Date.parse(text);
	if (Number.isNaN(date) || date <= now) return undefined;
	return date - now;
}

export function backoffDelay(policy: RetryPolicy, retry: number): number {
	const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(retry, 30));
	return Math.max(MIN_RETRY_DELAY_MS, policy.minDelayMs, exponential);
}
