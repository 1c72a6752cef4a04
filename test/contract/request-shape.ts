/**
 * Does a request a client sent have the shape of the docs' request? Stricter than the answer check
 * (shape.ts): a client must send no key the docs' request does not show, and nothing where the docs
 * send an empty list, because a server may refuse what it was not documented to take.
 */
import type { FormPart } from '../simulator/multipart';
import type { DocExample } from './examples';
import { shapeMismatches } from './shape';

const isObject = (v: unknown): v is Record<string, unknown> =>
	!!v && typeof v === 'object' && !Array.isArray(v);

function undocumentedKeys(actual: unknown, documented: unknown, path: string): string[] {
	if (Array.isArray(documented) && Array.isArray(actual)) {
		if (documented.length === 0)
			return actual.length ? [`${path}: empty in the docs, got ${actual.length} item(s)`] : [];
		return actual.flatMap((item) => undocumentedKeys(item, documented[0], `${path}.*`));
	}
	if (!isObject(documented) || !isObject(actual)) return [];
	return Object.keys(actual).flatMap((key) => {
		const child = path ? `${path}.${key}` : key;
		if (!(key in documented)) return [`${child}: not in the docs' request`];
		return undocumentedKeys(actual[key], documented[key], child);
	});
}

/** Where a JSON body departs from the docs' request: missing keys, other types, keys the docs do not send. */
export function jsonRequestMismatches(actual: unknown, documented: unknown): string[] {
	return [...shapeMismatches(actual, documented), ...undocumentedKeys(actual, documented, '')];
}

type DocPart = NonNullable<NonNullable<DocExample['request']>['multipart']>[number];

/**
 * Where a multipart form departs from the docs' form: the same parts in the same order, a file part
 * (with a file name and the documented content type) where the docs send a file, a plain field with
 * the documented value where the docs send a value.
 */
export function formMismatches(parts: FormPart[], documented: DocPart[]): string[] {
	const names = parts.map((p) => p.name);
	const documentedNames = documented.map((p) => p.name);
	if (names.join() !== documentedNames.join())
		return [`parts: ${documentedNames.join(', ')} in the docs, got ${names.join(', ')}`];
	return documented.flatMap((doc, i) => {
		const part = parts[i];
		const at = `part ${i + 1} (${doc.name})`;
		if (doc.filename !== undefined) {
			if (!part.filename) return [`${at}: a file in the docs, got a plain field`];
			if (doc.contentType && part.contentType !== doc.contentType)
				return [`${at}: ${doc.contentType} in the docs, got ${String(part.contentType)}`];
			return part.data.length ? [] : [`${at}: an empty file`];
		}
		if (part.filename !== undefined) return [`${at}: a plain field in the docs, got a file`];
		const value = part.data.toString('utf8');
		return value === doc.value ? [] : [`${at}: "${doc.value}" in the docs, got "${value}"`];
	});
}
