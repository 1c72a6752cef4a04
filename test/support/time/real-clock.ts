/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test infrastructure, never shipped */
import type { TimeSource } from './virtual-clock';

/** Real time behind the same interface as the virtual clock (benchmark runs in real time). */
export function createRealClock(): TimeSource {
	const start = Date.now();
	const sleeps: number[] = [];
	return {
		start,
		now: () => Date.now(),
		elapsed: () => Date.now() - start,
		sleeps,
		pending: 0,
		async sleep(ms: number, signal?: AbortSignal) {
			sleeps.push(ms);
			if (signal?.aborted) return;
			await new Promise<void>((resolve) => {
				const done = () => {
					clearTimeout(timer);
					signal?.removeEventListener('abort', done);
					resolve();
				};
				const timer = setTimeout(done, Math.max(0, ms));
				signal?.addEventListener('abort', done, { once: true });
			});
		},
		track: async <T>(fn: () => Promise<T>): Promise<T> => await fn(),
	};
}
