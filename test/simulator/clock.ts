/** Time for the simulator core: injected, so tests can move it by hand. */
export interface SimClock {
	/** Milliseconds since the epoch. */
	now(): number;
}

export const systemClock: SimClock = { now: () => Date.now() };

/** A clock that only moves when told to. */
export class FakeClock implements SimClock {
	constructor(private current = Date.UTC(2025, 0, 1, 12, 0, 0)) {}

	now(): number {
		return this.current;
	}

	advance(ms: number): number {
		this.current += ms;
		return this.current;
	}

	set(ms: number): void {
		this.current = ms;
	}
}
