import { clock } from '../../nodes/AiHomeDesign/helpers/clock';

export interface VirtualClock {
	now(): number;
	elapsed(): number;
	/** Every sleep requested, in ms. */
	sleeps: number[];
}

/**
 * Replaces the package's clock: sleeping moves virtual time forward at once, so a test of a
 * 10-minute wait with 5-second polls runs in milliseconds. Concurrent sleepers each end at
 * their own start + ms; time never moves back.
 */
export function useVirtualClock(start = Date.UTC(2026, 10, 26)): VirtualClock {
	let now = start;
	const sleeps: number[] = [];
	jest.spyOn(clock, 'now').mockImplementation(() => now);
	jest.spyOn(clock, 'sleep').mockImplementation(async (ms: number, signal?: AbortSignal) => {
		sleeps.push(ms);
		if (signal?.aborted) return;
		now = Math.max(now, now + ms);
		await Promise.resolve();
	});
	return { now: () => now, elapsed: () => now - start, sleeps };
}
