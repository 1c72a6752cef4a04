import type { IDataObject, INode, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { FakeHttp } from '../http/fake-http';
import { apiAccess, type ApiAccessOptions, type LogEntry } from './api-access';
import { webhookUrlOf } from './nodes';
import { parametersOf, readParameter, type DescribedNode } from './params';
import { StaticDataStore } from './static-data';

/** A trigger node as n8n sees it: its description (for parameter defaults) and webhook(). */
export interface WebhookNode {
	description: DescribedNode;
	webhook(this: IWebhookFunctions): Promise<IWebhookResponseData>;
}

/** One HTTP request to the webhook URL. */
export interface DeliveryRequest {
	/** A JSON value (serialized) or raw text. */
	body?: unknown;
	raw?: string | Buffer;
	/** Header names are lowercased, as node:http does; undefined removes a default header. */
	headers?: Record<string, string | undefined>;
	query?: IDataObject;
}

export interface WebhookSetup extends Partial<ApiAccessOptions> {
	trigger: WebhookNode;
	node: INode;
	/** Over the description's defaults, as a node saved in the editor has them. */
	params?: IDataObject;
	/** Default: a new, empty one. */
	store?: StaticDataStore;
	mode?: 'webhook' | 'manual' | 'trigger';
	workflowId?: string;
	/**
	 * 'n8n' (default): n8n's body parser runs first and answers JSON it cannot parse with 422, so
	 * webhook() never sees it. 'trigger': the body reaches webhook() unparsed (rawBody only), to test
	 * the trigger's own checks on input n8n would have refused.
	 */
	bodyParsedBy?: 'n8n' | 'trigger';
}

export interface RecordedResponse {
	status?: number;
	body?: unknown;
	headers: Record<string, string>;
}

export interface DeliveryOutcome {
	/** What webhook() returned; `{}` when n8n answered before calling it. */
	result: IWebhookResponseData;
	/** What the sender got back: the node's own answer, or n8n's answer for it. */
	status: number;
	body: unknown;
	headers: Record<string, string>;
	/** An execution started. */
	started: boolean;
	/** The emitted items' json, when an execution started. */
	items?: IDataObject[];
	/** Time inside webhook(), ms. */
	answerMs: number;
	logs: LogEntry[];
	/** n8n answered before webhook() ran (a JSON body it could not parse). */
	byN8n?: boolean;
}

type ParsedBody = { ok: true; value: unknown } | { ok: false };

/** Like n8n: JSON bodies are parsed when the content type says JSON, text/plain stays text. */
function parseBody(contentType: string, raw: Buffer): ParsedBody {
	const media = contentType.split(';')[0].trim();
	if (media === 'application/json' && raw.length) {
		try {
			return { ok: true, value: JSON.parse(raw.toString('utf8')) };
		} catch {
			return { ok: false };
		}
	}
	if (media === 'text/plain') return { ok: true, value: raw.toString('utf8') };
	return { ok: true, value: {} };
}

function rawBodyOf(request: DeliveryRequest): Buffer {
	if (request.raw !== undefined)
		return Buffer.isBuffer(request.raw) ? request.raw : Buffer.from(request.raw, 'utf8');
	if (request.body === undefined) return Buffer.alloc(0);
	return Buffer.from(JSON.stringify(request.body), 'utf8');
}

/**
 * A hand-made IWebhookFunctions around one request: parameters with the description's defaults,
 * static data copied from `store`, the API through `http`; the response object records what the
 * node sent. `unparseable` says n8n would have answered 422 itself (see bodyParsedBy).
 */
export function createWebhookContext(setup: WebhookSetup, request: DeliveryRequest) {
	const { node } = setup;
	const store = setup.store ?? new StaticDataStore();
	const raw = rawBodyOf(request);
	const headers: Record<string, string> = {
		'content-type': 'application/json',
		'content-length': String(raw.length),
	};
	for (const [name, value] of Object.entries(request.headers ?? {})) {
		if (value === undefined) delete headers[name.toLowerCase()];
		else headers[name.toLowerCase()] = value;
	}
	const parsed = parseBody(headers['content-type'] ?? '', raw);
	const bodyData = parsed.ok ? parsed.value : {};
	const query = request.query ?? {};
	const params = parametersOf(setup.trigger.description, setup.params);
	const response: RecordedResponse = { headers: {} };
	const res = {
		status(code: number) {
			response.status = code;
			return res;
		},
		json(body: unknown) {
			response.body = body;
			return res;
		},
		setHeader(name: string, value: string) {
			response.headers[name.toLowerCase()] = value;
			return res;
		},
	};
	const staticData = store.load();
	const api = apiAccess(node, { ...setup, http: setup.http ?? new FakeHttp() });
	const context = {
		getNode: () => node,
		getWorkflow: () => ({ id: setup.workflowId ?? 'workflow-1', name: 'Test', active: true }),
		getMode: () => setup.mode ?? 'webhook',
		getNodeParameter: (name: string, fallback?: unknown) => {
			const value = readParameter(params, name);
			return value === undefined ? fallback : value;
		},
		getBodyData: () => bodyData,
		getHeaderData: () => headers,
		getQueryData: () => query,
		getRequestObject: () => ({ headers, query, rawBody: raw, body: bodyData }),
		getResponseObject: () => res,
		getWorkflowStaticData: (type: string) => {
			if (type !== 'node') throw new Error(`unexpected static data type ${type}`);
			return staticData;
		},
		getNodeWebhookUrl: () => webhookUrlOf(node),
		...api.fields,
	};
	return {
		context: context as unknown as IWebhookFunctions,
		response,
		staticData,
		store,
		logs: api.logs,
		credentialRequests: api.credentialRequests,
		unparseable: !parsed.ok,
	};
}

/**
 * Sends one delivery through the trigger's webhook() and answers the way n8n does: the node's own
 * answer when it sent one (noWebhookResponse), else 200 with `webhookResponse`, or the description's
 * `responseData` ({ received: true }) when an execution starts, or n8n's 'Webhook call received'.
 * Static data: see StaticDataStore. Body parsing: see WebhookSetup.bodyParsedBy.
 */
export async function deliverToTrigger(
	setup: WebhookSetup,
	request: DeliveryRequest,
): Promise<DeliveryOutcome> {
	const { context, response, staticData, store, logs, unparseable } = createWebhookContext(
		setup,
		request,
	);
	if (unparseable && (setup.bodyParsedBy ?? 'n8n') === 'n8n') {
		return {
			result: {},
			status: 422,
			body: { message: 'Failed to parse request body' },
			headers: {},
			started: false,
			answerMs: 0,
			logs,
			byN8n: true,
		};
	}
	const t0 = performance.now();
	const result = await setup.trigger.webhook.call(context);
	const answerMs = performance.now() - t0;
	const started = result.workflowData !== undefined;
	if (started && store.persistWebhookWrites) store.save(staticData);
	const common = { result, started, answerMs, logs };
	if (result.noWebhookResponse) {
		if (response.status === undefined)
			throw new Error('noWebhookResponse, but the node sent no answer');
		return { ...common, status: response.status, body: response.body, headers: response.headers };
	}
	if (response.status !== undefined)
		throw new Error('the node answered but did not say noWebhookResponse');
	return {
		...common,
		status: 200,
		body: started
			? { received: true }
			: (result.webhookResponse ?? { message: 'Webhook call received' }),
		headers: response.headers,
		items: result.workflowData?.[0].map((item) => item.json),
	};
}
