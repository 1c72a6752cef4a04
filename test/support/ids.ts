import { randomBytes } from 'node:crypto';

/**
 * 24-hex ids shaped like the platform's ObjectIds (seconds, a per-factory random middle, a counter),
 * unique within a run. `objectIds()` makes a factory; `objectId()` draws from a shared one.
 */
export function objectIds(seed = randomBytes(3).readUIntBE(0, 3)): () => string {
	const prefix = Math.floor(Date.now() / 1000)
		.toString(16)
		.padStart(8, '0');
	const middle = seed.toString(16).padStart(6, '0').slice(-6);
	let n = 0;
	return () => `${prefix}${middle}${(n++).toString(16).padStart(10, '0')}`;
}

const shared = objectIds();
export const objectId = (): string => shared();

/** n8n-style id (letters and digits), for workflows and credentials given without one. */
export function n8nId(length = 16): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	let id = '';
	for (const b of randomBytes(length)) id += alphabet[b % alphabet.length];
	return id;
}
