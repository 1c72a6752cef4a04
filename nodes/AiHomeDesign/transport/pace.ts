/** What the platform documents: at most 10 generations (processes) per 10 minutes per account. */
export interface GenerationLimit {
	max: number;
	windowMs: number;
}

export const GENERATION_LIMIT: GenerationLimit = { max: 10, windowMs: 10 * 60_000 };

/**
 * The creates one execution made, held against the platform's limit as a sliding window (the
 * stricter reading of the docs), so the next create is sent when a slot is free instead of being
 * refused with a 429 again and again. Only this execution's creates are known: slots used by
 * other workflows on the same account still show up as 429s, which the retry queue waits out.
 */
export class GenerationWindow {
	private readonly createdAt: number[] = [];

	constructor(private readonly limit: GenerationLimit = GENERATION_LIMIT) {}

	/** The earliest time a create fits, as far as this execution knows (`now` when it fits now). */
	nextSlotAt(now: number): number {
		this.forget(now);
		if (this.createdAt.length < this.limit.max) return now;
		return this.createdAt[this.createdAt.length - this.limit.max] + this.limit.windowMs;
	}

	/**
	 * A create the platform accepted. Recorded when its answer came back, which is no earlier than
	 * when the platform counted it, so the slot is never thought free too soon.
	 */
	record(at: number): void {
		this.createdAt.push(at);
		this.forget(at);
	}

	private forget(now: number): void {
		while (this.createdAt.length && this.createdAt[0] <= now - this.limit.windowMs)
			this.createdAt.shift();
	}
}
