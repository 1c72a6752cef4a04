import type { IWebhookFunctions } from 'n8n-workflow';
import type { ZodIssue } from 'zod';

import { processCompletedSchema, type ProcessCompleted } from '../schemas';
import { PROCESS_COMPLETED_EVENT } from '../shared/constants';
import { isAllowedResultLink } from '../transport';
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

const LINK_FIELDS = ['src', 'temp_src', 'thumbnail_src', 'temp_thumbnail_src'] as const;

/** Whether the trigger takes result links to this machine or a private network (the local simulator). */
export const acceptsLocalLinks = (context: IWebhookFunctions): boolean =>
	(context.getNodeParameter('options', {}) as { localResultLinks?: boolean }).localResultLinks ===
	true;

/** The first result link that points where a delivery's links may not (see isAllowedResultLink). */
function badLink(payload: ProcessCompleted, local: boolean): string | undefined {
	for (const [index, asset] of payload.final_assets.entries()) {
		for (const field of LINK_FIELDS) {
			const link = asset[field];
			if (link && !isAllowedResultLink(link, local)) return `final_assets.${index}.${field}`;
		}
	}
	return undefined;
}

/** A 2xx answer to a well-formed delivery this trigger does not handle: it starts nothing. */
function notHandled<T>(reason: string): Checked<T> {
	return {
		ok: false,
		refusal: { status: 200, reason, body: { received: true, started: false, reason } },
	};
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
	// Well-formed deliveries of something else are answered 2xx, or the platform sends them again and again.
	if (!('event' in body)) {
		return notHandled(
			'generated_image_id' in body
				? 'an upscale delivery (v1, no event field): this trigger handles v3 process.completed only'
				: 'no event field (an old v1 delivery): this trigger handles v3 process.completed only',
		);
	}
	const event = (body as { event: unknown }).event;
	if (typeof event !== 'string' || event.trim() === '' || event.length > 100) {
		return reject(400, `field "event" must be "${PROCESS_COMPLETED_EVENT}"`);
	}
	if (event !== PROCESS_COMPLETED_EVENT) {
		return notHandled(
			`event "${event.replace(/[^\w.:-]/g, '?')}" is not handled: this trigger handles ${PROCESS_COMPLETED_EVENT} only`,
		);
	}

	const result = processCompletedSchema.safeParse(body);
	if (!result.success) {
		const [first, ...rest] = result.error.issues;
		const more = rest.length
			? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})`
			: '';
		return reject(400, `${describeIssue(first, body)}${more}`);
	}
	const link = badLink(result.data, acceptsLocalLinks(context));
	if (link) return reject(400, `field "${link}": must be an https URL on a public host`);
	return accept(result.data);
}
