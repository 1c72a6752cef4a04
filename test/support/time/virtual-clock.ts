/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test infrastructure, never shipped */

/** Just the time, for code that only reads it (the simulator's core); every TimeSource is one. */
export interface Clock {
	/** Milliseconds since the epoch. */
	now(): number;
}

/** What the package's clock is pointed at in tests: the virtual clock below or the real one. */
export interface TimeSource extends Clock {
	readonly start: number;
	/** now() - start */
	elapsed(): number;
	/** Every sleep asked for, in ms, in the order asked. */
	readonly sleeps: number[];
	/** Sleepers still waiting (0 for real time). */
	readonly pending: number;
	sleep(ms: number, signal?: AbortSignal): Promise<void>;
	/** Runs one request: virtual time stands still until it settles. */
	track<T>(fn: () => Promise<T>): Promise<T>;
}

export interface VirtualClock extends TimeSource {
	/** Moves time forward by `ms` at once and wakes every sleeper that is due by then. */
	advance(ms: number): void;
}

export interface VirtualClockOptions {
	/** Default 2026-01-05 09:00 UTC. */
	start?: number;
	/**
	 * How the clock tells that woken code has gone quiet before it jumps to the next wake-up.
	 * 'event-loop' (default): the event loop has gone round twice and no tracked request is in
	 * flight, for code that does real I/O (a loopback server). 'microtasks': 100 microtask turns have
	 * passed, for code whose fakes answer in memory (FakeHttp); it also moves while a test spins on
	 * `await Promise.resolve()`, which starves the event loop.
	 */
	settle?: 'event-loop' | 'microtasks';
}

/** Microtask turns the 'microtasks' mode waits: far more than a fake request and a poll step take. */
const QUIET_MICROTASK_TURNS = 100;

interface Sleeper {
	at: number;
	seq: number;
	wake: () => void;
}

/**
 * A discrete-event clock. Each sleep ends at its own start + ms, and sleepers wake in time order
 * (ties in the order they fell asleep), so concurrent sleeps overlap instead of adding up. Time jumps
 * to the next wake-up only once the code woken before has gone quiet (see `settle`) and no tracked
 * request is in flight. Requests themselves take no virtual time.
 * A 15-minute wait with 5-second polls thus runs in milliseconds, each poll at its exact virtual time,
 * against a fake or a real HTTP server. Time never moves back.
 */
export function createVirtualClock(options: VirtualClockOptions = {}): VirtualClock {
	const start = options.start ?? Date.UTC(2026, 0, 5, 9, 0, 0);
	const settle = options.settle ?? 'event-loop';
	let now = start;
	let seq = 0;
	let inflight = 0;
	let scheduled = false;
	const sleepers: Sleeper[] = [];
	const sleeps: number[] = [];

	function wakeDue() {
		sleepers.sort((a, b) => a.at - b.at || a.seq - b.seq);
		while (sleepers.length && sleepers[0].at <= now) sleepers.shift()!.wake();
	}

	function schedule() {
		if (scheduled) return;
		scheduled = true;
		if (settle === 'event-loop') {
			setImmediate(() => setImmediate(step));
			return;
		}
		let turns = QUIET_MICROTASK_TURNS;
		const tick = () => (--turns > 0 ? queueMicrotask(tick) : step());
		queueMicrotask(tick);
	}

	function step() {
		scheduled = false;
		if (inflight > 0 || sleepers.length === 0) return;
		sleepers.sort((a, b) => a.at - b.at || a.seq - b.seq);
		now = Math.max(now, sleepers[0].at);
		wakeDue();
		if (sleepers.length) schedule();
	}

	return {
		start,
		now: () => now,
		elapsed: () => now - start,
		sleeps,
		get pending() {
			return sleepers.length;
		},
		async sleep(ms: number, signal?: AbortSignal) {
			sleeps.push(ms);
			if (signal?.aborted) return;
			await new Promise<void>((resolve) => {
				const onAbort = () => {
					const i = sleepers.indexOf(sleeper);
					if (i >= 0) sleepers.splice(i, 1);
					resolve();
				};
				const sleeper: Sleeper = {
					at: now + Math.max(0, Number(ms) || 0),
					seq: seq++,
					wake: () => {
						signal?.removeEventListener('abort', onAbort);
						resolve();
					},
				};
				signal?.addEventListener('abort', onAbort, { once: true });
				sleepers.push(sleeper);
				schedule();
			});
		},
		async track<T>(fn: () => Promise<T>): Promise<T> {
			inflight++;
			try {
				return await fn();
			} finally {
				inflight--;
				schedule();
			}
		},
		advance(ms: number) {
			now += Math.max(0, ms);
			wakeDue();
		},
	};
}
