import { createHash, timingSafeEqual } from 'crypto';
import type { IWebhookFunctions } from 'n8n-workflow';

import { accept, notRegistered, type Checked } from './respond';

/** The query parameter the user appends to the URL registered in the dashboard. */
const SECRET_QUERY_PARAMETER = 'secret';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Constant-time comparison: both sides are hashed first, so the compared buffers always have the
 * same length and the time taken says nothing about the expected value or its length.
 */
export function secretMatches(expected: string, given: string): boolean {
	return timingSafeEqual(digest(expected), digest(given));
}

/**
 * With a secret set, the delivery must carry it as `?secret=…`; without one, every delivery
 * passes. Both sides are trimmed (a secret pasted with a space still works). A missing or wrong
 * secret gets the same answer as a URL with no webhook: a stranger learns nothing.
 */
export function checkSecret(context: IWebhookFunctions): Checked<void> {
	const expected = String(context.getNodeParameter('secret', '') ?? '').trim();
	if (expected === '') return accept(undefined);
	const query = (context.getRequestObject().query ?? {}) as Record<string, unknown>;
	const given = query[SECRET_QUERY_PARAMETER];
	if (typeof given !== 'string' || given.trim() === '') {
		return notRegistered(
			context,
			`missing secret: the URL registered in the dashboard must end with ?${SECRET_QUERY_PARAMETER}=<the secret set in the trigger>`,
		);
	}
	if (!secretMatches(expected, given.trim())) return notRegistered(context, 'wrong secret');
	return accept(undefined);
}
