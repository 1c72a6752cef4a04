import type {
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import { CREDENTIAL_TYPE, DEFAULT_BASE_URL } from '../shared/constants';

/** Every n8n context that calls the API: executions, dropdowns, activation hooks, the webhook. */
export type ApiContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions;

/** One JSON request, answer body included: also a hard deadline, not only a silence limit. */
export const JSON_TIMEOUT_MS = 60_000;
/** Uploads and image downloads: large bodies on slow links. Also the hard deadline of one transfer. */
export const TRANSFER_TIMEOUT_MS = 300_000;

/** The largest JSON answer read (a page of 30 projects is a few KB). */
export const MAX_JSON_BYTES = 5 * 1024 * 1024;
/** The largest error answer read: only its first words reach a message anyway. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;
/** The largest photo uploaded: the platform takes up to 50 MB per file. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
/** The largest result image downloaded. */
export const MAX_RESULT_BYTES = 100 * 1024 * 1024;

const baseUrls = new WeakMap<object, string>();
const secretsByContext = new WeakMap<object, string[]>();

/**
 * The credential's values that must never appear in a message (the API key, and any other value
 * the credential holds), as read by `getBaseUrl`. Empty before it ran.
 */
export function credentialSecrets(context: object): string[] {
	return secretsByContext.get(context) ?? [];
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Why a Base URL puts the key at risk, or undefined: plain http to anything but this machine
 * sends the key unencrypted, readable on every network on the way.
 */
export function insecureBaseUrlWarning(baseUrl: string): string | undefined {
	let url: URL;
	try {
		url = new URL(baseUrl);
	} catch {
		return undefined;
	}
	if (url.protocol !== 'http:' || LOOPBACK.test(url.hostname)) return undefined;
	return `The credential's Base URL (${url.origin}) uses plain http: the API key travels unencrypted. Use https (the default is ${DEFAULT_BASE_URL}).`;
}

/** The credential's base URL without a trailing slash (read once per execution context). */
export async function getBaseUrl(this: ApiContext): Promise<string> {
	const cached = baseUrls.get(this);
	if (cached) return cached;
	const credentials = await this.getCredentials<{ baseUrl?: string }>(CREDENTIAL_TYPE);
	secretsByContext.set(
		this,
		Object.entries(credentials)
			.filter(([name, value]) => name !== 'baseUrl' && typeof value === 'string')
			.map(([, value]) => String(value).trim())
			.filter((value) => value.length >= 4),
	);
	const baseUrl = String(credentials.baseUrl || DEFAULT_BASE_URL)
		.trim()
		.replace(/\/+$/, '');
	baseUrls.set(this, baseUrl);
	const warning = insecureBaseUrlWarning(baseUrl);
	if (warning) this.logger?.warn(`AI HomeDesign: ${warning}`);
	return baseUrl;
}
