/* eslint-disable @n8n/community-nodes/require-node-api-error -- test infrastructure, never shipped: n8n-core's own errors pass through unchanged */
import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
	INode,
	INodeTypes,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
// The one deep import into n8n-core. Its public exports give the request helpers only inside whole
// contexts (ExecuteContext, WebhookContext...), whose constructors load InstanceSettings from the n8n
// user folder (writing ~/.n8n/config with a new encryption key when there is none). The factory they
// call needs none of that. If n8n-core moves it, this line is the one to change.
import { getRequestHelperFunctions } from 'n8n-core/dist/execution-engine/node-execution-context/utils/request-helpers/factory';

import type { TimeSource } from '../time/virtual-clock';
import type { HttpBackend, NodeHttpHelpers } from './backend';

/** One request as it left through n8n-core: what was asked and how it ended. */
export interface HttpCall {
	kind: 'auth' | 'plain';
	method: string;
	url: string;
	status?: number;
	/** The error code (ECONNRESET, ECONNABORTED...) or message when there was no answer. */
	error?: string;
}

export interface N8nCoreHttpOptions {
	/** The credential type's generic auth block (the ts source's or dist's). */
	authenticate: IAuthenticateGeneric;
	/** Requests are tracked on it: virtual time stands still while one is in flight. */
	time?: TimeSource;
	/** Multiplies every request timeout (tests of timeouts without waiting 30 s). */
	timeoutScale?: number;
}

export interface N8nCoreHttp extends HttpBackend {
	/** Every request sent, in order, across all contexts using this backend. */
	readonly calls: HttpCall[];
}

// No node type is looked up on this path: the workflow only evaluates the auth block's expressions.
const noNodeTypes = {
	getByName: () => undefined,
	getByNameAndVersion: () => undefined,
	getKnownTypes: () => ({}),
} as unknown as INodeTypes;

/**
 * Applies a generic auth block as n8n's CredentialsHelper does (n8n's cli package, not a dependency
 * here): every key and value of each section is resolved as an expression with `$credentials` and
 * set on the request.
 */
function authenticateGeneric(
	authenticate: IAuthenticateGeneric,
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
	workflow: Workflow,
	node: INode,
): IHttpRequestOptions {
	const resolve = (value: unknown): unknown =>
		typeof value === 'string' && value.startsWith('=')
			? String(
					workflow.expression.getSimpleParameterValue(
						node,
						value,
						'internal',
						{ $credentials: credentials },
						undefined,
						'',
					) ?? '',
				)
			: value;
	const out = { ...requestOptions, headers: { ...(requestOptions.headers ?? {}) } } as Record<
		string,
		unknown
	>;
	for (const [section, entries] of Object.entries(authenticate.properties)) {
		const target = { ...((out[section] as Record<string, unknown> | undefined) ?? {}) };
		for (const [key, value] of Object.entries(entries as Record<string, unknown>)) {
			target[String(resolve(key))] = resolve(value);
		}
		out[section] = target;
	}
	return out as unknown as IHttpRequestOptions;
}

/**
 * n8n-core's real `httpRequest` / `httpRequestWithAuthentication` (axios through n8n's outbound
 * HTTP, n8n's NodeApiError wrapping of failures), with the credential read from the context and
 * applied as n8n applies a generic one. Every request is recorded in `calls`.
 */
export function n8nCoreHttp(options: N8nCoreHttpOptions): N8nCoreHttp {
	const { authenticate, time, timeoutScale = 1 } = options;
	const calls: HttpCall[] = [];
	const scale = (requestOptions: IHttpRequestOptions): IHttpRequestOptions =>
		timeoutScale !== 1 && requestOptions.timeout
			? {
					...requestOptions,
					timeout: Math.max(1, Math.round(requestOptions.timeout * timeoutScale)),
				}
			: requestOptions;
	const record = async (
		kind: HttpCall['kind'],
		requestOptions: IHttpRequestOptions,
		send: () => Promise<unknown>,
	): Promise<unknown> => {
		const entry: HttpCall = {
			kind,
			method: requestOptions.method ?? 'GET',
			url: requestOptions.url,
		};
		calls.push(entry);
		const run = async () => {
			try {
				const response = await send();
				entry.status = (response as { statusCode?: number } | undefined)?.statusCode;
				return response;
			} catch (error) {
				const e = error as { code?: string; message?: string } | undefined;
				entry.error = e?.code ?? e?.message ?? String(error);
				throw error;
			}
		};
		return time ? await time.track(run) : await run();
	};

	return {
		calls,
		helpersFor(node: INode): NodeHttpHelpers {
			const workflow = new Workflow({
				nodes: [node],
				connections: {},
				active: false,
				nodeTypes: noNodeTypes,
			});
			// Of the execution's additional data, this path reads only the credentials helper.
			const additionalData = {
				credentialsHelper: {
					getParentTypes: () => [],
					preAuthentication: async () => undefined,
					authenticate: async (
						credentials: ICredentialDataDecryptedObject,
						_type: string,
						requestOptions: IHttpRequestOptions,
					) => authenticateGeneric(authenticate, credentials, requestOptions, workflow, node),
				},
			} as unknown as IWorkflowExecuteAdditionalData;
			const helpers = getRequestHelperFunctions(workflow, node, additionalData);
			return {
				async httpRequest(requestOptions) {
					return await record(
						'plain',
						requestOptions,
						async () => await helpers.httpRequest(scale(requestOptions)),
					);
				},
				async httpRequestWithAuthentication(credentialType, requestOptions) {
					// n8n-core reads the credential (and the cancel signal) from `this`, the node's context.
					const context = this as unknown as ThisParameterType<
						typeof helpers.httpRequestWithAuthentication
					>;
					return await record(
						'auth',
						requestOptions,
						async () =>
							await helpers.httpRequestWithAuthentication.call(
								context,
								credentialType,
								scale(requestOptions),
							),
					);
				},
			};
		},
	};
}
