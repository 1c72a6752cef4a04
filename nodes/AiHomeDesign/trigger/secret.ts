import { createHash, timingSafeEqual } from 'crypto';
import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IHookFunctions,
	INodeCredentialTestResult,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { WEBHOOK_SECRET_CREDENTIAL } from '../shared/constants';
import { accept, notRegistered, type Checked } from './respond';

/** The query parameter the user appends to the URL registered in the dashboard. */
export const SECRET_QUERY_PARAMETER = 'secret';

/** The trigger's Secret setting: `urlSecret` takes it from the credential. */
export const SECRET_FROM_CREDENTIAL = 'urlSecret';

/** Characters a URL carries unchanged (RFC 3986 "unreserved"): `+`, `#`, `&`, `%`, spaces... do not. */
const URL_SAFE = /^[A-Za-z0-9._~-]+$/;

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Constant-time comparison: both sides are hashed first, so the compared buffers always have the
 * same length and the time taken says nothing about the expected value or its length.
 */
export function secretMatches(expected: string, given: string): boolean {
	return timingSafeEqual(digest(expected), digest(given));
}

export type SecretText = { ok: true; secret: string } | { ok: false; problem: string };

/** A secret as typed or pasted: trimmed, then only URL-safe characters. Never quotes the value. */
export function readSecretText(raw: unknown): SecretText {
	const secret = typeof raw === 'string' ? raw.trim() : '';
	if (secret === '') return { ok: false, problem: 'The secret is empty.' };
	if (URL_SAFE.test(secret)) return { ok: true, secret };
	const bad = [...new Set(secret.replace(/[A-Za-z0-9._~-]/g, ''))]
		.map((c) => (c.trim() === '' ? 'a space' : `"${c}"`))
		.join(', ');
	return {
		ok: false,
		problem: `The secret contains ${bad}: a URL changes such characters, so the dashboard's deliveries would never match. Use only letters, digits and - _ . ~ (e.g. the output of openssl rand -hex 24).`,
	};
}

/** The credential's Test (on save): whether the secret will survive the trip through a URL. */
export async function testWebhookSecret(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const text = readSecretText(credential.data?.secret);
	return text.ok
		? { status: 'OK', message: 'The secret can be used in the URL' }
		: { status: 'Error', message: text.problem };
}

type Expected =
	| { kind: 'none' }
	| { kind: 'secret'; secret: string }
	| { kind: 'unusable'; problem: string };

/**
 * The secret deliveries must carry: the credential's when Secret is "Secret in URL", else the
 * value of the legacy Secret field (workflows saved before the credential existed), else none.
 * The legacy value is only trimmed: refusing its characters now would break a working setup.
 */
async function expectedSecret(context: IWebhookFunctions | IHookFunctions): Promise<Expected> {
	if (context.getNodeParameter('authentication', 'none') === SECRET_FROM_CREDENTIAL) {
		let stored: unknown;
		try {
			stored = (await context.getCredentials(WEBHOOK_SECRET_CREDENTIAL)).secret;
		} catch (error) {
			return {
				kind: 'unusable',
				problem: `Secret is set to "Secret in URL" but no AI HomeDesign Webhook Secret API credential can be read (${(error as Error).message}). Select or create one in the trigger.`,
			};
		}
		const text = readSecretText(stored);
		return text.ok
			? { kind: 'secret', secret: text.secret }
			: { kind: 'unusable', problem: text.problem };
	}
	const legacy = String(context.getNodeParameter('secret', '') ?? '').trim();
	return legacy === '' ? { kind: 'none' } : { kind: 'secret', secret: legacy };
}

/**
 * On publish and on "Listen for test event": a credential secret that cannot work stops here,
 * with the reason in the editor, instead of refusing every delivery later.
 */
export async function assertSecretUsable(context: IHookFunctions): Promise<void> {
	const expected = await expectedSecret(context);
	if (expected.kind === 'unusable') {
		throw new NodeOperationError(context.getNode(), expected.problem, {
			description: 'Fix the secret in the AI HomeDesign Webhook Secret API credential.',
		});
	}
}

/**
 * With a secret set, the delivery must carry it as `?secret=…`; without one, every delivery
 * passes. Both sides are trimmed (a secret pasted with a space still works). A missing or wrong
 * secret gets the same answer as a URL with no webhook: a stranger learns nothing.
 */
export async function checkSecret(context: IWebhookFunctions): Promise<Checked<void>> {
	const expected = await expectedSecret(context);
	if (expected.kind === 'none') return accept(undefined);
	if (expected.kind === 'unusable') {
		context.logger.warn(`AI HomeDesign Trigger refuses every delivery: ${expected.problem}`);
		return notRegistered(context, 'the secret in the credential cannot be used');
	}
	const query = (context.getRequestObject().query ?? {}) as Record<string, unknown>;
	const given = query[SECRET_QUERY_PARAMETER];
	if (typeof given !== 'string' || given.trim() === '') {
		return notRegistered(
			context,
			`missing secret: the URL registered in the dashboard must end with ?${SECRET_QUERY_PARAMETER}=<the secret>`,
		);
	}
	if (!secretMatches(expected.secret, given.trim())) return notRegistered(context, 'wrong secret');
	return accept(undefined);
}
