import { createHash, timingSafeEqual } from 'crypto';
import type { IWebhookFunctions } from 'n8n-workflow';

import { accept, reject, type Checked } from './respond';

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

/** With a secret set, the delivery must carry it as `?secret=…`; without one, every delivery passes. */
export function checkSecret(context: IWebhookFunctions): Checked<void> {
	const expected = String(context.getNodeParameter('secret', '') ?? '');
	if (expected === '') return accept(undefined);
	const query = (context.getRequestObject().query ?? {}) as Record<string, unknown>;
	const given = query[SECRET_QUERY_PARAMETER];
	if (given === undefined || given === '') {
		return reject(
			401,
			`missing secret: the URL registered in the dashboard must end with ?${SECRET_QUERY_PARAMETER}=<the secret set in the trigger>`,
		);
	}
	if (typeof given !== 'string' || !secretMatches(expected, given)) {
		return reject(401, 'wrong secret');
	}
	return accept(undefined);
}
