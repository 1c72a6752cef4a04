/** ObjectId-shaped ids (the docs: "Ids are 24-hex ObjectIds"): seconds from the clock, a random middle, a counter. */
import { randomBytes } from 'crypto';

import type { SimClock } from '../clock';

export function idFactory(clock: SimClock): () => string {
	const seed = randomBytes(8);
	const middle = seed.subarray(0, 5).toString('hex');
	let counter = seed.readUIntBE(5, 3);
	return () => {
		const seconds = Math.floor(clock.now() / 1000) >>> 0;
		counter = (counter + 1) % 0x1000000;
		return `${seconds.toString(16).padStart(8, '0')}${middle}${counter.toString(16).padStart(6, '0')}`;
	};
}

export const isObjectId = (value: string) => /^[a-f0-9]{24}$/i.test(value);
