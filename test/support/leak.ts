/**
 * Every string reachable from `value` (own properties, enumerable or not, so an Error's message,
 * stack, cause, context and description are included), joined: search it for secrets. Streams and
 * functions are skipped; `limit` bounds the characters collected.
 */
export function deepText(value: unknown, limit = 64 * 1024 * 1024): string {
	const out: string[] = [];
	let size = 0;
	const seen = new Set<object>();
	const walk = (v: unknown, depth: number): void => {
		if (size > limit || depth > 40) return;
		if (typeof v === 'string') {
			out.push(v);
			size += v.length;
			return;
		}
		if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') {
			out.push(String(v));
			return;
		}
		if (!v || typeof v !== 'object') return;
		if (seen.has(v)) return;
		seen.add(v);
		if (Buffer.isBuffer(v)) {
			out.push(v.toString('latin1'));
			size += v.length;
			return;
		}
		// A stream's internals are buffers in flight, not something a user is shown.
		if (typeof (v as { pipe?: unknown }).pipe === 'function') return;
		if (v instanceof Map) {
			for (const [k, x] of v) {
				walk(k, depth + 1);
				walk(x, depth + 1);
			}
			return;
		}
		if (v instanceof Set) {
			for (const x of v) walk(x, depth + 1);
			return;
		}
		for (const key of Object.getOwnPropertyNames(v)) {
			out.push(key);
			let x: unknown;
			try {
				x = (v as Record<string, unknown>)[key];
			} catch {
				continue;
			}
			walk(x, depth + 1);
		}
	};
	walk(value, 0);
	try {
		out.push(JSON.stringify(value));
	} catch {
		// circular: the walk covered it
	}
	return out.join('\n');
}
