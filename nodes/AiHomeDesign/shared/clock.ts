import { sleep } from 'n8n-workflow';

/**
 * Time as the package sees it. Everything that waits (polls, retries) goes through here so tests can
 * swap in a virtual clock and 5-second polls cost nothing.
 */
export const clock = {
	now: (): number => Date.now(),

	/** Waits `ms`, or less when `signal` aborts: callers check the signal afterwards. */
	sleep: async (ms: number, signal?: AbortSignal): Promise<void> => {
		if (signal?.aborted) return;
		if (!signal) return await sleep(ms);
		let onAbort = () => {};
		const aborted = new Promise<void>((resolve) => {
			onAbort = () => resolve();
			signal.addEventListener('abort', onAbort, { once: true });
		});
		try {
			await Promise.race([sleep(ms), aborted]);
		} finally {
			signal.removeEventListener('abort', onAbort);
		}
	},
};
