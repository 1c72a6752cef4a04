import type { Pagination } from '../schemas';
import { paginationSchema } from '../schemas';

/** A body as JSON when it is JSON (text or bytes), as it came otherwise, `undefined` when empty. */
export function parseBody(body: unknown): unknown {
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : body;
	if (typeof text !== 'string') return text;
	if (text.trim() === '') return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/** The live API wraps answers as `{ data, message, pagination? }`; the docs show bare bodies. Both are read. */
export function unwrapEnvelope(body: unknown): { payload: unknown; pagination?: Pagination } {
	if (body && typeof body === 'object' && !Array.isArray(body) && 'data' in body) {
		const envelope = body as { data: unknown; pagination?: unknown };
		const pagination = paginationSchema.safeParse(envelope.pagination);
		return { payload: envelope.data, pagination: pagination.success ? pagination.data : undefined };
	}
	return { payload: body };
}
