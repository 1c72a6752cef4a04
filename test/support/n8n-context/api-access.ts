import type { IDataObject, IHttpRequestOptions, INode } from 'n8n-workflow';

import { CREDENTIAL_TYPE, TEST_API_KEY, TEST_BASE_URL } from '../credentials';
import type { HttpBackend } from '../http/backend';

export interface LogEntry {
	level: 'debug' | 'info' | 'warn' | 'error';
	message: string;
	meta?: unknown;
}

/** The saved credential and the HTTP behind a context; defaults: the test key, TEST_BASE_URL. */
export interface ApiAccessOptions {
	http: HttpBackend;
	apiKey?: string;
	baseUrl?: string;
	/** No credential saved on the node: getCredentials throws as n8n does. */
	noCredential?: boolean;
	/** Where the context's logger writes (default: a new list). */
	logs?: LogEntry[];
	/** The trigger's AI HomeDesign Webhook Secret credential, as saved; none when undefined. */
	webhookSecret?: string;
}

/** The type of the trigger's webhook secret credential. */
export const WEBHOOK_SECRET_TYPE = 'aiHomeDesignWebhookApi';

function recordingLogger(logs: LogEntry[]) {
	const log = (level: LogEntry['level']) => (message: string, meta?: unknown) =>
		logs.push({ level, message: String(message), ...(meta ? { meta } : {}) });
	return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/**
 * What a node context needs to call the API: the credential (each request for it recorded), a
 * logger that records, n8n's HTTP helpers from `http`, and returnJsonArray.
 */
export function apiAccess(node: INode, options: ApiAccessOptions) {
	const logs = options.logs ?? [];
	const credentialRequests: string[] = [];
	const http = options.http.helpersFor(node);
	const readCredential = async (type: string) => {
		if (type === WEBHOOK_SECRET_TYPE) {
			if (options.webhookSecret === undefined)
				throw new Error('Node does not have any credentials set');
			return { secret: options.webhookSecret };
		}
		if (options.noCredential) throw new Error('Node does not have any credentials set');
		if (type !== CREDENTIAL_TYPE) throw new Error(`unexpected credential ${type}`);
		return {
			apiKey: options.apiKey ?? TEST_API_KEY,
			baseUrl: options.baseUrl ?? `${TEST_BASE_URL}/`,
		};
	};
	const fields = {
		getCredentials: async (type: string) => {
			credentialRequests.push(type);
			return await readCredential(type);
		},
		logger: recordingLogger(logs),
		helpers: {
			httpRequest: http.httpRequest,
			// n8n's helper reads the credential from the context itself. That read is n8n's, not the
			// node's, so it goes to the same credential without counting in credentialRequests.
			async httpRequestWithAuthentication(
				this: object,
				credentialType: string,
				requestOptions: IHttpRequestOptions,
			) {
				const context = Object.create(this, { getCredentials: { value: readCredential } });
				return await http.httpRequestWithAuthentication.call(
					context,
					credentialType,
					requestOptions,
				);
			},
			returnJsonArray: (data: IDataObject | IDataObject[]) =>
				(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
		},
	};
	return { fields, logs, credentialRequests };
}
