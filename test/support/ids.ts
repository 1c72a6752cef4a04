import { randomBytes } from 'node:crypto';

import { createRealClock } from './time/real-clock';
import type { Clock } from './time/virtual-clock';

export interface ObjectIdOptions {
	/** The 6-hex middle of every id of this factory, e.g. to tell a suite's ids apart; default random. */
	seed?: number;
	/** Where the leading seconds come from (the simulator passes its own); default real time. */
	clock?: Clock;
}

/**
 * The one maker of 24-hex ids shaped like the platform's ObjectIds ("Ids are 24-hex ObjectIds"): the
 * clock's seconds, a per-factory middle, a counter; unique within a run and sorted by creation.
 * `objectIds()` makes a factory; `objectId()` draws from a shared one.
 */
export function objectIds(options: ObjectIdOptions = {}): () => string {
	const clock = options.clock ?? createRealClock();
	const seed = options.seed ?? randomBytes(3).readUIntBE(0, 3);
	const middle = seed.toString(16).padStart(6, '0').slice(-6);
	let n = 0;
	return () => {
		const seconds = (Math.floor(clock.now() / 1000) >>> 0).toString(16).padStart(8, '0');
		return `${seconds}${middle}${(n++).toString(16).padStart(10, '0')}`;
	};
}

const shared = objectIds();
export const objectId = (): string => shared();

/** Whether `value` has the ObjectId shape (the simulator refuses other ids as the platform does). */
export const isObjectId = (value: string): boolean => /^[a-f0-9]{24}$/i.test(value);

/** n8n-style id (letters and digits), for workflows and credentials given without one. */
export function n8nId(length = 16): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	let id = '';
	for (const b of randomBytes(length)) id += alphabet[b % alphabet.length];
	return id;
}
