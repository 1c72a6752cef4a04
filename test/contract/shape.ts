/**
 * Does an answer have the documented shape? Every field of the docs' example is there (unless the docs
 * mark it optional) with the same JSON type; ids stay ObjectIds, links stay http(s) links, dates dates;
 * `event` and `status` keep the documented value. Extra fields are allowed: the docs list no closed shapes.
 */
const OBJECT_ID = /^[a-f0-9]{24}$/i;
const LINK = /^https?:\/\//i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const LITERAL_KEYS = ['event', 'status'];

const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v);
const isObject = (v: unknown): v is Record<string, unknown> =>
	!!v && typeof v === 'object' && !Array.isArray(v);

/** Where `actual` departs from the documented example; [] when it has the documented shape. */
export function shapeMismatches(
	actual: unknown,
	documented: unknown,
	optional: string[] = [],
	path = '',
): string[] {
	const at = path || '(root)';
	if (Array.isArray(documented)) {
		if (!Array.isArray(actual)) return [`${at}: a list in the docs, got ${kind(actual)}`];
		if (documented.length === 0) return [];
		if (actual.length === 0) return [`${at}: the docs show items, got none`];
		return actual.flatMap((item) =>
			shapeMismatches(item, documented[0], optional, `${path}.*`.replace(/^\./, '')),
		);
	}
	if (isObject(documented)) {
		if (!isObject(actual)) return [`${at}: an object in the docs, got ${kind(actual)}`];
		return Object.entries(documented).flatMap(([key, value]) => {
			const child = path ? `${path}.${key}` : key;
			if (actual[key] === undefined) return optional.includes(child) ? [] : [`${child}: missing`];
			if (LITERAL_KEYS.includes(key) && actual[key] !== value)
				return [`${child}: "${String(value)}" in the docs, got ${JSON.stringify(actual[key])}`];
			return shapeMismatches(actual[key], value, optional, child);
		});
	}
	if (kind(documented) !== kind(actual))
		return [`${at}: ${kind(documented)} in the docs, got ${kind(actual)}`];
	if (typeof documented === 'string') {
		const value = actual as string;
		if (OBJECT_ID.test(documented) && !OBJECT_ID.test(value))
			return [`${at}: an ObjectId in the docs, got "${value}"`];
		if (LINK.test(documented) && !LINK.test(value))
			return [`${at}: a link in the docs, got "${value}"`];
		if (DATE.test(documented) && !DATE.test(value))
			return [`${at}: a date in the docs, got "${value}"`];
	}
	return [];
}

/** The mismatches against the closest of several documented answers ([] when one fits). */
export function closestMismatches(
	actual: unknown,
	documented: unknown[],
	optional: string[] = [],
): string[] {
	const all = documented.map((doc) => shapeMismatches(actual, doc, optional));
	return all.reduce((best, next) => (next.length < best.length ? next : best));
}
