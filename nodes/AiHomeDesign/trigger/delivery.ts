import type { IWebhookFunctions } from 'n8n-workflow';
import type { ZodIssue } from 'zod';

import { processCompletedSchema, type ProcessCompleted } from '../schemas';
import { PROCESS_COMPLETED_EVENT } from '../shared/constants';
import { accept, reject, type Checked } from './respond';

/** Real deliveries are a few kilobytes; anything this large is not one. */
export const MAX_BODY_BYTES = 256 * 1024;

function header(context: IWebhookFunctions, name: string): string | undefined {
	const value = context.getRequestObject().headers?.[name];
	return Array.isArray(value) ? value[0] : value;
}

function isJsonMediaType(contentType: string): boolean {
	const media = contentType.split(';')[0].trim().toLowerCase();
	return media === 'application/json' || media.endsWith('+json');
}

function checkSize(context: IWebhookFunctions): Checked<void> {
	const declared = Number(header(context, 'content-length'));
	const raw = context.getRequestObject().rawBody as unknown;
	const actual = Buffer.isBuffer(raw) || typeof raw === 'string' ? Buffer.byteLength(raw) : 0;
	if ((Number.isFinite(declared) && declared > MAX_BODY_BYTES) || actual > MAX_BODY_BYTES) {
		return reject(413, `body larger than ${MAX_BODY_BYTES / 1024} KB`);
	}
	return accept(undefined);
}

/**
 * The body as JSON. n8n has usually parsed it already (JSON content type); otherwise the raw
 * bytes are parsed here, so a delivery without a content type still works.
 */
function readJson(context: IWebhookFunctions): Checked<unknown> {
	const parsed = context.getBodyData() as unknown;
	const isParsedObject =
		parsed !== null &&
		typeof parsed === 'object' &&
		!Buffer.isBuffer(parsed) &&
		(Array.isArray(parsed) || Object.keys(parsed).length > 0);
	if (isParsedObject) return accept(parsed);
	const raw = context.getRequestObject().rawBody as unknown;
	const text = Buffer.isBuffer(raw)
		? raw.toString('utf8')
		: typeof raw === 'string'
			? raw
			: typeof parsed === 'string'
				? parsed
				: Buffer.isBuffer(parsed)
					? parsed.toString('utf8')
					: '';
	if (text.trim() === '') return reject(400, 'body is empty');
	try {
		return accept(JSON.parse(text) as unknown);
	} catch {
		return reject(400, 'body is not valid JSON');
	}
}

/** What the body holds at a zod issue's path (undefined when the field is absent). */
function valueAt(body: unknown, path: ReadonlyArray<PropertyKey>): unknown {
	let value = body;
	for (const key of path) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<PropertyKey, unknown>)[key];
	}
	return value;
}

function describeIssue(issue: ZodIssue, body: unknown): string {
	const field = issue.path.length ? issue.path.join('.') : '(body)';
	// Looked up in the body rather than read off the issue: zod 4 (a future host's) no longer sets `received`.
	if (issue.code === 'invalid_type' && valueAt(body, issue.path) === undefined) {
		return `field "${field}" is missing`;
	}
	return `field "${field}": ${issue.message}`;
}

/**
 * Reads a delivery and checks it against the shared `processCompletedSchema`. Every refusal
 * names what is wrong in a few words: the platform shows it in its delivery log.
 */
export function readDelivery(context: IWebhookFunctions): Checked<ProcessCompleted> {
	const size = checkSize(context);
	if (!size.ok) return size;

	const contentType = header(context, 'content-type');
	if (contentType && !isJsonMediaType(contentType)) {
		return reject(415, `content type must be application/json, not ${contentType.split(';')[0]}`);
	}

	const json = readJson(context);
	if (!json.ok) return json;
	const body = json.value;
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		return reject(400, 'body must be a JSON object');
	}
	if (Object.keys(body).length === 0) return reject(400, 'body is empty');
	if (!('event' in body)) {
		return reject(
			400,
			`field "event" is missing: this looks like an old v1 delivery, which has no event field. Only v3 "${PROCESS_COMPLETED_EVENT}" deliveries are accepted`,
		);
	}
	if ((body as { event: unknown }).event !== PROCESS_COMPLETED_EVENT) {
		return reject(400, `field "event" must be "${PROCESS_COMPLETED_EVENT}"`);
	}

	const result = processCompletedSchema.safeParse(body);
	if (!result.success) {
		const [first, ...rest] = result.error.issues;
		const more = rest.length
			? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})`
			: '';
		return reject(400, `${describeIssue(first, body)}${more}`);
	}
	return accept(result.data);
}
