import type { Pagination } from '../schemas';
import { paginationSchema } from '../schemas';

/** An answer went past the byte cap of what was being read. */
export class BodyTooLargeError extends Error {
	constructor(readonly limit: number) {
		super(`the answer is larger than ${limit} bytes`);
	}
}

function isAsyncIterable(value: unknown): value is AsyncIterable<Uint8Array | string> {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
	);
}

function destroy(body: unknown, reason?: Error): void {
	const stream = body as { destroy?: (error?: Error) => void };
	if (typeof stream.destroy === 'function') stream.destroy(reason);
}

/**
 * Reads an answer body (a stream, as the transport asks n8n for) into bytes, at most `maxBytes`
 * counted as they arrive, after decompression: a larger or endless body is cut off, not buffered.
 * Ends when `signal` aborts (the attempt's deadline, or the execution's cancel). A body already
 * read (bytes, text, or parsed by the host) is size-checked and returned as it is.
 */
export async function readBody(
	body: unknown,
	maxBytes: number,
	signal?: AbortSignal,
): Promise<unknown> {
	if (Buffer.isBuffer(body) || typeof body === 'string') {
		if (Buffer.byteLength(body) > maxBytes) throw new BodyTooLargeError(maxBytes);
		return body;
	}
	if (!isAsyncIterable(body)) return body;
	const onAbort = () => destroy(body, new Error('aborted'));
	signal?.addEventListener('abort', onAbort, { once: true });
	try {
		if (signal?.aborted) onAbort();
		const chunks: Buffer[] = [];
		let total = 0;
		for await (const chunk of body) {
			const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
			total += bytes.length;
			// Leaving the loop ends the stream (its socket too).
			if (total > maxBytes) throw new BodyTooLargeError(maxBytes);
			chunks.push(bytes);
		}
		return Buffer.concat(chunks);
	} finally {
		signal?.removeEventListener('abort', onAbort);
	}
}

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
