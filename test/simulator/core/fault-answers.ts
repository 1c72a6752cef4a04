/** What a fault answers or how it changes an answer: pure functions of the switch and the answer. */
import { apiError, JSON_TYPE, json } from './answers';
import type { MalformedKind, SimResponse } from './types';

/** 502/503/504 come as a proxy's HTML page, other statuses as the API's own error body. */
export function serverError(status: number): SimResponse {
	const title = {
		502: 'Bad Gateway',
		503: 'Service Temporarily Unavailable',
		504: 'Gateway Time-out',
	}[status];
	if (!title) return apiError(status, 'Internal server error', 'api_error_internal');
	return {
		status,
		headers: { 'content-type': 'text/html' },
		body: `<html>\r\n<head><title>${status} ${title}</title></head>\r\n<body>\r\n<center><h1>${status} ${title}</h1></center>\r\n</body>\r\n</html>\r\n`,
	};
}

export function rateLimited(retryAfterSeconds?: number): SimResponse {
	return json(
		429,
		{ error: 'Too many requests', key: 'api_error_too_many_requests' },
		retryAfterSeconds !== undefined ? { 'retry-after': String(retryAfterSeconds) } : {},
	);
}

export function malformed(kind: MalformedKind): SimResponse {
	switch (kind) {
		case 'invalid-json':
			return {
				status: 200,
				headers: { 'content-type': JSON_TYPE },
				body: '{"data":{"status":"don',
			};
		case 'html':
			return {
				status: 200,
				headers: { 'content-type': 'text/html; charset=utf-8' },
				body: '<!doctype html><html><body>Maintenance</body></html>',
			};
		case 'empty':
			return { status: 200, headers: { 'content-type': JSON_TYPE }, body: '' };
		default:
			return json(200, { data: { status: 42 } });
	}
}

type Json = Record<string, unknown> | unknown[];
const isObject = (v: unknown): v is Record<string, unknown> =>
	!!v && typeof v === 'object' && !Array.isArray(v);

/** Replaces the status of the process in `data` (GET /process) or of those inside it (GET /order). */
export function withStatus(data: unknown, status: string): boolean {
	if (!isObject(data)) return false;
	if (typeof data.status === 'string') {
		data.status = status;
		return true;
	}
	const list = Array.isArray(data.processes) ? data.processes.filter(isObject) : [];
	for (const p of list) p.status = status;
	return list.length > 0;
}

/** Adds the fields to `data`, or to each object of it when it is a list. */
export function withFields(data: unknown, fields: Record<string, unknown>): boolean {
	const targets = Array.isArray(data) ? data.filter(isObject) : isObject(data) ? [data] : [];
	for (const target of targets) Object.assign(target, structuredClone(fields));
	return targets.length > 0;
}

/** Deletes the field at a dotted path (`*` = every element) inside `data`; false when there is none. */
export function withoutField(data: unknown, path: string): boolean {
	const [head, ...rest] = path.split('.');
	if (data === null || typeof data !== 'object') return false;
	const container = data as Json;
	const keys =
		head === '*' && Array.isArray(container) ? container.map((_v, i) => String(i)) : [head];
	let removed = false;
	for (const key of keys) {
		if (!(key in container)) continue;
		if (rest.length === 0) {
			if (Array.isArray(container)) container.splice(Number(key), 1);
			else delete container[key];
			removed = true;
		} else {
			const child = (container as Record<string, unknown>)[key];
			removed = withoutField(child, rest.join('.')) || removed;
		}
	}
	return removed;
}
