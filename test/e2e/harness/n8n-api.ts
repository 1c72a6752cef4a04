/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- test infrastructure, never shipped */
// A client of one running n8n: its internal REST API (/rest, what the editor uses, with the owner's session
// cookie), its public API (/api/v1, with an API key) and its production webhooks. All through request().
import http from 'node:http';

import { sleep } from '../../support/sleep';
import { httpRequest, type HttpAnswer } from '../../support/net';
import type { Owner } from './env';

const BROWSER_ID = 'aihd-e2e-browser';
/** A new connection per call: a kept-alive socket would not survive an n8n restart. */
const agent = new http.Agent({ keepAlive: false });
/** Executions with data can be megabytes, and n8n under load answers slowly. */
const TIMEOUT_MS = 120000;

/** An answer other than 2xx (status 0: none). */
export class N8nApiError extends Error {
	constructor(
		message: string,
		readonly status: number,
	) {
		super(message);
	}
}

export interface PublicationStatus {
	status: 'in_progress' | 'not_published' | 'published' | 'partial' | 'failed';
	liveVersionId: string | null;
	pendingVersionId: string | null;
	triggers: Array<{ nodeId: string; status: string; errorMessage: string | null }>;
}

export interface NodeTypeDescription {
	name: string;
	displayName: string;
	version: number | number[];
	group: string[];
	[key: string]: unknown;
}

export interface WebhookCallOptions {
	method?: string;
	/** Objects are sent as JSON; strings and Buffers as they are. */
	body?: unknown;
	headers?: Record<string, string>;
	/** Keep retrying a 404 this long (default 5000): a webhook registers just after start. */
	retry404Ms?: number;
}

export interface WebhookResponse {
	status: number;
	headers: Record<string, string>;
	text: string;
	/** Parsed body, undefined when it is not JSON. */
	json: unknown;
}

const noAnswer = (res: HttpAnswer) => `no answer (${res.error})`;

function flatHeaders(res: HttpAnswer): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(res.headers))
		if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
	return out;
}

export class N8nApi {
	/** Public API key (X-N8N-API-KEY), once createApiKey() made one. */
	apiKey = '';
	private cookie = '';

	constructor(readonly baseUrl: string) {}

	/** The one request of this client: JSON in (when `body` is an object) and out; throws N8nApiError on any
	 * answer other than 2xx, or none. */
	async request<T = unknown>(
		method: string,
		urlPath: string,
		{ headers = {}, body }: { headers?: Record<string, string>; body?: unknown } = {},
	): Promise<T> {
		const res = await httpRequest(`${this.baseUrl}${urlPath}`, {
			method,
			headers,
			// An empty body rather than none: a bodiless POST would go out chunked.
			body: body ?? (method === 'GET' ? undefined : ''),
			agent,
			timeoutMs: TIMEOUT_MS,
		});
		if (res.status < 200 || res.status >= 300) {
			throw new N8nApiError(
				`${method} ${urlPath} answered ${res.status || noAnswer(res)}: ${res.body.slice(0, 2000)}`,
				res.status,
			);
		}
		return (res.body ? JSON.parse(res.body) : undefined) as T;
	}

	/** Internal REST API as the logged-in owner; the path includes /rest. */
	async rest<T = unknown>(method: string, urlPath: string, body?: unknown): Promise<T> {
		const headers = { cookie: this.cookie, 'browser-id': BROWSER_ID };
		return await this.request<T>(method, urlPath, { headers, body });
	}

	/** Public API; the path is the part after /api/v1. */
	async api<T = unknown>(method: string, urlPath: string, body?: unknown): Promise<T> {
		const headers = { 'X-N8N-API-KEY': this.apiKey, accept: 'application/json' };
		return await this.request<T>(method, `/api/v1${urlPath}`, { headers, body });
	}

	/** POST /rest/login; keeps the session cookie for rest(). */
	async login(owner: Owner): Promise<void> {
		const res = await httpRequest(`${this.baseUrl}/rest/login`, {
			headers: { 'browser-id': BROWSER_ID },
			body: { emailOrLdapLoginId: owner.email, password: owner.password },
			agent,
			timeoutMs: TIMEOUT_MS,
		});
		if (res.status !== 200)
			throw new N8nApiError(
				`POST /rest/login answered ${res.status || noAnswer(res)}: ${res.body}`,
				res.status,
			);
		this.cookie = (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
	}

	/** Makes the public API key (default: every scope the owner may grant) and keeps it for api(). */
	async createApiKey(scopes?: string[]): Promise<void> {
		const granted =
			scopes ?? (await this.rest<{ data: string[] }>('GET', '/rest/api-keys/scopes')).data;
		const created = await this.rest<{ data: { rawApiKey?: string } }>('POST', '/rest/api-keys', {
			label: 'e2e',
			expiresAt: null,
			scopes: granted,
		});
		if (!created.data.rawApiKey)
			throw new Error(`POST /rest/api-keys gave no rawApiKey: ${JSON.stringify(created)}`);
		this.apiKey = created.data.rawApiKey;
	}

	/** Node type descriptions n8n has loaded (as the editor reads them). */
	async nodeTypes(): Promise<NodeTypeDescription[]> {
		return await this.rest('GET', '/types/nodes.json');
	}

	/** Credential type descriptions n8n has loaded. */
	async credentialTypes(): Promise<
		Array<{ name: string; displayName: string; [key: string]: unknown }>
	> {
		return await this.rest('GET', '/types/credentials.json');
	}

	/** Whether n8n has activated a workflow's triggers (n8n 2.x does so in the background after start). */
	async publicationStatus(workflowId: string): Promise<PublicationStatus> {
		try {
			const res = await this.rest<{ data: PublicationStatus }>(
				'GET',
				`/rest/workflows/${workflowId}/publication-status`,
			);
			return res.data;
		} catch (error) {
			// Without the publication service n8n has no such endpoint; it activated before it said it was ready.
			if ((error as N8nApiError).status !== 404) throw error;
			const wf = await this.api<{ active: boolean; activeVersionId?: string }>(
				'GET',
				`/workflows/${workflowId}`,
			);
			return {
				status: wf.active ? 'published' : 'not_published',
				liveVersionId: wf.activeVersionId ?? null,
				pendingVersionId: null,
				triggers: [],
			};
		}
	}

	/** Publishes (activates) a workflow on the running n8n. */
	async activateWorkflow(id: string): Promise<unknown> {
		return await this.api('POST', `/workflows/${id}/activate`);
	}

	async deactivateWorkflow(id: string): Promise<unknown> {
		return await this.api('POST', `/workflows/${id}/deactivate`);
	}

	/** Production webhook URL of a published workflow's webhook path. */
	webhookUrl(webhookPath: string): string {
		return `${this.baseUrl}/webhook/${String(webhookPath).replace(/^\/+/, '')}`;
	}

	/** Test webhook URL (answers only while the editor listens). */
	webhookTestUrl(webhookPath: string): string {
		return `${this.baseUrl}/webhook-test/${String(webhookPath).replace(/^\/+/, '')}`;
	}

	/** Calls a production webhook; retries a 404 for `retry404Ms`. Throws only when n8n does not answer. */
	async callWebhook(
		webhookPath: string,
		{ method = 'POST', body, headers = {}, retry404Ms = 5000 }: WebhookCallOptions = {},
	): Promise<WebhookResponse> {
		const url = this.webhookUrl(webhookPath);
		const deadline = Date.now() + retry404Ms;
		for (;;) {
			const res = await httpRequest(url, { method, headers, body, agent, timeoutMs: TIMEOUT_MS });
			if (res.status === 0) throw new Error(`${method} ${url}: ${noAnswer(res)}`);
			if (res.status === 404 && Date.now() < deadline) {
				await sleep(250);
				continue;
			}
			let json: unknown;
			try {
				json = JSON.parse(res.body);
			} catch {
				json = undefined;
			}
			return { status: res.status, headers: flatHeaders(res), text: res.body, json };
		}
	}
}
