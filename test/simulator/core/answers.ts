/** Answer builders: the docs' error body `{ error, key }` and the live API's `{ data, message }` envelope. */
import type { Ctx } from './context';
import type { SimResponse } from './types';

export const JSON_TYPE = 'application/json; charset=utf-8';

export function json(
	status: number,
	body: object,
	headers: Record<string, string> = {},
): SimResponse {
	return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body };
}

export function text(status: number, body: string): SimResponse {
	return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body };
}

export function apiError(status: number, error: string, key: string): SimResponse {
	return json(status, { error, key });
}

export const notFound = (what: string) => apiError(404, `${what} not found`, 'api_error_not_found');
export const badRequest = (error: string) => apiError(400, error, 'api_error_bad_request');
export const unprocessable = (error: string) => apiError(422, error, 'api_error_unprocessable');

/** A success answer: enveloped as the live API does, or bare as the docs show it. */
export function ok(
	ctx: Pick<Ctx, 'opts'>,
	status: number,
	data: unknown,
	extra: Record<string, unknown> = {},
): SimResponse {
	return ctx.opts.envelope === false
		? json(status, data as object)
		: json(status, { data, message: 'ok', ...extra });
}

/** The data of a success answer (`body.data` when enveloped), or undefined for a non-JSON one. */
export function dataIn(res: SimResponse, envelope: boolean): unknown {
	if (!res.body || typeof res.body !== 'object' || Buffer.isBuffer(res.body)) return undefined;
	return envelope ? (res.body as { data?: unknown }).data : res.body;
}

/** The JSON object of a request body, or undefined when it is not JSON. */
export function jsonBody(headers: Record<string, string | undefined>, body?: Buffer): unknown {
	if (!/\bjson\b/i.test(headers['content-type'] ?? '')) return undefined;
	try {
		return JSON.parse((body ?? Buffer.alloc(0)).toString('utf8'));
	} catch {
		return undefined;
	}
}
