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

export const JSON_TIMEOUT_MS = 30_000;
/** Uploads and image downloads: large bodies on slow links. */
export const TRANSFER_TIMEOUT_MS = 300_000;

const baseUrls = new WeakMap<object, string>();

/** The credential's base URL without a trailing slash (read once per execution context). */
export async function getBaseUrl(this: ApiContext): Promise<string> {
	const cached = baseUrls.get(this);
	if (cached) return cached;
	const credentials = await this.getCredentials<{ baseUrl?: string }>(CREDENTIAL_TYPE);
	const baseUrl = String(credentials.baseUrl || DEFAULT_BASE_URL).replace(/\/+$/, '');
	baseUrls.set(this, baseUrl);
	return baseUrl;
}
