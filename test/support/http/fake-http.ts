import type { IDataObject, IHttpRequestOptions, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { TEST_BASE_URL } from '../credentials';
import type { HttpBackend, NodeHttpHelpers } from './backend';

export { TEST_API_KEY, TEST_BASE_URL } from '../credentials';

export interface FakeResponse {
	status?: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** Fail without an answer, like a dropped connection. */
	networkError?: string;
}

export interface RecordedCall {
	method: string;
	url: string;
	path: string;
	headers: IDataObject;
	body: unknown;
	options: IHttpRequestOptions;
	at: number;
	authenticated: boolean;
}

type Handler = (
	call: RecordedCall,
	match: RegExpMatchArray,
) => FakeResponse | Promise<FakeResponse>;

/**
 * Stands in for n8n's HTTP helpers (not the package's transport, which runs for real): request
 * options in, a full response (or a network failure wrapped the way n8n wraps it) out. Routes are
 * matched on "METHOD path", path relative to TEST_BASE_URL. Authenticated calls carry the
 * credential's key as n8n's generic auth would put it.
 */
export class FakeHttp implements HttpBackend {
	readonly calls: RecordedCall[] = [];

	private routes: Array<{ pattern: RegExp; handler: Handler }> = [];

	constructor(private readonly now: () => number = () => 0) {}

	on(pattern: RegExp, handler: Handler | FakeResponse): this {
		this.routes.push({ pattern, handler: typeof handler === 'function' ? handler : () => handler });
		return this;
	}

	/** Answers the next matching calls in turn; the last answer repeats. */
	sequence(pattern: RegExp, responses: FakeResponse[]): this {
		let index = 0;
		return this.on(pattern, () => responses[Math.min(index++, responses.length - 1)]);
	}

	callsTo(pattern: RegExp): RecordedCall[] {
		return this.calls.filter((call) => pattern.test(`${call.method} ${call.path}`));
	}

	/** The helpers a context for `node` gets; the authenticated one reads the key from the context, as n8n's does. */
	helpersFor(node: INode): NodeHttpHelpers {
		const handle = this.handle.bind(this);
		return {
			httpRequest: async (options) => await handle(node, options),
			async httpRequestWithAuthentication(credentialType, options) {
				const credentials = await this.getCredentials(credentialType);
				return await handle(node, options, String(credentials.apiKey));
			},
		};
	}

	async handle(node: INode, options: IHttpRequestOptions, apiKey?: string) {
		const url = new URL(options.url);
		const path = options.url.startsWith(TEST_BASE_URL)
			? options.url.slice(TEST_BASE_URL.length).split('?')[0]
			: url.pathname;
		const headers: IDataObject = { ...(options.headers ?? {}) };
		if (apiKey) headers['x-api-key'] = apiKey;
		const call: RecordedCall = {
			method: options.method ?? 'GET',
			url: options.url,
			path,
			headers,
			body: options.body,
			options,
			at: this.now(),
			authenticated: !!apiKey,
		};
		this.calls.push(call);
		const key = `${call.method} ${path}`;
		const route = this.routes.find((r) => r.pattern.test(key));
		const response: FakeResponse = route
			? await route.handler(call, key.match(route.pattern)!)
			: { status: 404, body: { error: 'no route' } };
		if (response.networkError) {
			// n8n wraps transport failures in a NodeApiError whose cause is the axios error, config and key included.
			const cause = Object.assign(new Error('socket hang up'), {
				code: response.networkError,
				config: { headers },
			});
			throw new NodeApiError(node, cause as never);
		}
		const status = response.status ?? 200;
		if (!options.returnFullResponse || !options.ignoreHttpStatusErrors)
			throw new Error('the transport must ask for full responses');
		const body =
			typeof response.body === 'object' && !Buffer.isBuffer(response.body)
				? JSON.parse(JSON.stringify(response.body))
				: response.body;
		return { statusCode: status, headers: response.headers ?? {}, body, statusMessage: '' };
	}
}
