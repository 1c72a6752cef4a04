import type { IWebhookFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { TERMINAL_STATUSES, type Process } from '../schemas';
import { getProcess } from '../transport';
import { accept, notRegistered, reject, type Checked } from './respond';

/**
 * The platform waits 10 s for an answer, and verification has to happen before answering (it may
 * refuse). So it gets 5 s in all, with at most one retry, shortly after the first try.
 */
export const VERIFY_LIMITS = {
	totalMs: 5000,
	retries: 1,
	retryDelayMs: 500,
	/**
	 * API reads under way at once in this n8n process, all trigger nodes together. Deliveries
	 * beyond it get 503 with Retry-After: a flood of forged deliveries cannot spend the key's
	 * budget (or the platform's rate limit) faster than this.
	 */
	maxConcurrent: 4,
};

/** API reads under way now (see `VERIFY_LIMITS.maxConcurrent`). */
let running = 0;

/** Suggested wait before the platform sends again, when the answer asks it to. */
const RETRY_AFTER_SECONDS = 30;

const TIMED_OUT = Symbol('timed out');

function httpCodeOf(error: unknown): number | undefined {
	if (!(error instanceof NodeApiError)) return undefined;
	const code = Number(error.httpCode);
	return Number.isFinite(code) && code > 0 ? code : undefined;
}

/**
 * Verifications under way, by trigger node and process. Copies of one delivery that arrive together
 * wait for the same API answer instead of each reading the process (which the platform's
 * 5-second rule would refuse for all but the first).
 */
const inFlight = new Map<string, Promise<Checked<Process>>>();

export async function verifyOnce(
	scope: string,
	context: IWebhookFunctions,
	processId: string,
): Promise<Checked<Process>> {
	const key = `${scope}|${processId}`;
	const running = inFlight.get(key);
	if (running) return await running;
	const check = verifyWithApi(context, processId).finally(() => inFlight.delete(key));
	inFlight.set(key, check);
	return await check;
}

/**
 * Reads the process from the API with the user's credential. A process the API does not know is
 * refused (422); one still running is refused with 409 (send again later); when the API cannot
 * answer (down, slow, key rejected, odd answer) the answer is 503, so the platform sends it again.
 */
export async function verifyWithApi(
	context: IWebhookFunctions,
	processId: string,
): Promise<Checked<Process>> {
	if (running >= VERIFY_LIMITS.maxConcurrent) {
		return reject(
			503,
			'too many deliveries are being verified at once; send it again later',
			RETRY_AFTER_SECONDS,
		);
	}
	running++;
	try {
		return await readAndCheck(context, processId);
	} finally {
		running--;
	}
}

async function readAndCheck(
	context: IWebhookFunctions,
	processId: string,
): Promise<Checked<Process>> {
	const signal = AbortSignal.timeout(VERIFY_LIMITS.totalMs);
	const request = getProcess.call(context, processId, {
		signal,
		retry: {
			maxRetries: VERIFY_LIMITS.retries,
			baseDelayMs: VERIFY_LIMITS.retryDelayMs,
			maxDelayMs: VERIFY_LIMITS.retryDelayMs,
			maxRetryAfterMs: VERIFY_LIMITS.retryDelayMs,
			minDelayMs: 0,
		},
	});
	// The deadline may win the race; the request's late failure then has nobody left to tell.
	request.catch(() => undefined);
	const deadline = new Promise<typeof TIMED_OUT>((resolve) =>
		signal.addEventListener('abort', () => resolve(TIMED_OUT), { once: true }),
	);

	let found: Process | typeof TIMED_OUT;
	try {
		found = await Promise.race([request, deadline]);
	} catch (error) {
		if (signal.aborted) found = TIMED_OUT;
		else {
			const code = httpCodeOf(error);
			// A forged id gets the answer a wrong secret gets: the sender learns nothing.
			if (code === 404) {
				return notRegistered(
					context,
					`process ${processId} is not known to the AI HomeDesign API (a forged or mistyped delivery)`,
				);
			}
			context.logger.warn(
				`AI HomeDesign Trigger could not verify process ${processId}: ${(error as Error).message}`,
			);
			return reject(
				503,
				`could not verify the delivery with the AI HomeDesign API${code ? ` (it answered ${code})` : ''}; send it again later`,
				RETRY_AFTER_SECONDS,
			);
		}
	}
	if (found === TIMED_OUT) {
		return reject(
			503,
			`the AI HomeDesign API did not answer within ${VERIFY_LIMITS.totalMs / 1000} s; send it again later`,
			RETRY_AFTER_SECONDS,
		);
	}
	if (!TERMINAL_STATUSES.includes(found.status)) {
		return reject(
			409,
			`process ${processId} is still ${found.status} according to the AI HomeDesign API; send it again later`,
			RETRY_AFTER_SECONDS,
		);
	}
	return accept(found);
}
