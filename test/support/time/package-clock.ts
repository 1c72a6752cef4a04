import { clock } from '../../../nodes/AiHomeDesign/shared/clock';
import { createVirtualClock, type TimeSource, type VirtualClock } from './virtual-clock';

export type { VirtualClock } from './virtual-clock';

/** The package's clock object (or dist's copy of it, in plain-node runs). */
export interface ClockObject {
	now: () => number;
	sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Points the package's clock (or `clockObject`) at `time`; returns the function that puts it back. */
export function installClock(time: TimeSource, clockObject: ClockObject = clock): () => void {
	const saved = { now: clockObject.now, sleep: clockObject.sleep };
	clockObject.now = () => time.now();
	clockObject.sleep = async (ms, signal) => await time.sleep(ms, signal);
	return () => Object.assign(clockObject, saved);
}

/**
 * For jest tests whose HTTP is FakeHttp: the package's clock runs on a fresh virtual clock (settling
 * on microtasks, as everything answers in memory) until `jest.restoreAllMocks()`, the test files'
 * usual afterEach (these are spies).
 */
export function useVirtualClock(start = Date.UTC(2026, 10, 26)): VirtualClock {
	const time = createVirtualClock({ start, settle: 'microtasks' });
	jest.spyOn(clock, 'now').mockImplementation(() => time.now());
	jest.spyOn(clock, 'sleep').mockImplementation(async (ms, signal) => await time.sleep(ms, signal));
	return time;
}
