import type {
	IDataObject,
	IHookFunctions,
	INode,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { AiHomeDesignTrigger } from '../../nodes/AiHomeDesign/AiHomeDesignTrigger.node';
import { FakeHttp, TEST_API_KEY, TEST_BASE_URL } from './fakeHttp';

export const TRIGGER_NODE: INode = {
	id: 'trigger-node-1',
	name: 'AI HomeDesign Trigger',
	type: 'n8n-nodes-aihomedesign.aiHomeDesignTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
	webhookId: 'c0ffee00-0000-4000-8000-000000000001',
};

export const PRODUCTION_URL = `https://n8n.example.com/webhook/${TRIGGER_NODE.webhookId}/aihomedesign`;

export const PROCESS_ID = '69a6bb11a374700bff4a1333';
export const ORDER_ID = '69a6aa03a374700bff4a1328';
export const ASSET_ID = '69a6cc22a374700bff4a1400';

/** A `process.completed` body as the platform documents it. */
export function completedBody(overrides: IDataObject = {}): IDataObject {
	return {
		event: 'process.completed',
		process_id: PROCESS_ID,
		order_id: ORDER_ID,
		tool: 'tool-virtual-staging',
		status: 'done',
		final_assets: [
			{
				asset_id: ASSET_ID,
				asset_type: 'image',
				temp_src: 'https://cdn.aihomedesign.com/result.jpg',
				temp_thumbnail_src: 'https://cdn.aihomedesign.com/result_thumb.jpg',
			},
		],
		...overrides,
	};
}

/**
 * The workflow's saved static data, as n8n keeps it in its database: every request gets its own
 * copy. What webhook() changes is dropped by default, as n8n 2.41 does (it reloads static data
 * from the database before a webhook-started execution). `persistWebhookWrites` models a host that
 * would save it after the execution instead.
 */
export class StaticDataStore {
	saved: IDataObject = {};

	constructor(readonly persistWebhookWrites = false) {}

	load(): IDataObject {
		return JSON.parse(JSON.stringify(this.saved)) as IDataObject;
	}

	save(data: IDataObject): void {
		this.saved = JSON.parse(JSON.stringify(data)) as IDataObject;
	}
}

export interface RecordedResponse {
	status?: number;
	body?: unknown;
	headers: Record<string, string>;
}

export interface DeliveryRequest {
	/** A JSON value (serialized) or raw text. */
	body?: unknown;
	raw?: string | Buffer;
	headers?: Record<string, string | undefined>;
	query?: IDataObject;
}

export interface TriggerSetup {
	params?: IDataObject;
	http?: FakeHttp;
	store?: StaticDataStore;
	mode?: 'webhook' | 'manual' | 'trigger';
	workflowId?: string;
	/** No credential saved on the node. */
	noCredential?: boolean;
}

/** The trigger's parameters as a fresh node in the editor has them. */
const DEFAULTS: IDataObject = Object.fromEntries(
	new AiHomeDesignTrigger().description.properties
		.filter((property) => property.type !== 'notice')
		.map((property) => [property.name, property.default]),
);

function paramGetter(params: IDataObject) {
	const all = { ...DEFAULTS, ...params };
	return (name: string, fallback?: unknown) => (all[name] === undefined ? fallback : all[name]);
}

/** A hand-made IWebhookFunctions around one request; the response object records what was sent. */
export function webhookContext(setup: TriggerSetup, request: DeliveryRequest) {
	const http = setup.http ?? new FakeHttp();
	const store = setup.store ?? new StaticDataStore();
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	for (const [name, value] of Object.entries(request.headers ?? {})) {
		if (value === undefined) delete headers[name];
		else headers[name] = value;
	}
	const raw =
		request.raw !== undefined
			? Buffer.isBuffer(request.raw)
				? request.raw
				: Buffer.from(request.raw, 'utf8')
			: request.body === undefined
				? Buffer.alloc(0)
				: Buffer.from(JSON.stringify(request.body), 'utf8');
	// Like n8n: JSON bodies are parsed when the content type says JSON, text/plain stays text.
	let bodyData: unknown = {};
	const media = (headers['content-type'] ?? '').split(';')[0].trim();
	if (media === 'application/json' && raw.length) {
		try {
			bodyData = JSON.parse(raw.toString('utf8'));
		} catch {
			bodyData = {};
		}
	} else if (media === 'text/plain') {
		bodyData = raw.toString('utf8');
	}
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
	const credentialRequests: string[] = [];
	const context = {
		getNode: () => TRIGGER_NODE,
		getWorkflow: () => ({ id: setup.workflowId ?? 'workflow-1', name: 'Test', active: true }),
		getMode: () => setup.mode ?? 'webhook',
		getNodeParameter: paramGetter(setup.params ?? {}),
		getBodyData: () => bodyData,
		getHeaderData: () => headers,
		getQueryData: () => request.query ?? {},
		getRequestObject: () => ({ headers, query: request.query ?? {}, rawBody: raw, body: bodyData }),
		getResponseObject: () => res,
		getWorkflowStaticData: (type: string) => {
			if (type !== 'node') throw new Error(`unexpected static data type ${type}`);
			return staticData;
		},
		getNodeWebhookUrl: () => PRODUCTION_URL,
		getCredentials: async (type: string) => {
			credentialRequests.push(type);
			if (setup.noCredential) throw new Error('Node does not have any credentials set');
			return { apiKey: TEST_API_KEY, baseUrl: `${TEST_BASE_URL}/` };
		},
		logger: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
		helpers: {
			httpRequestWithAuthentication: async (credentialType: string, options: never) => {
				if (credentialType !== 'aiHomeDesignApi')
					throw new Error(`unexpected credential ${credentialType}`);
				return await http.handle(TRIGGER_NODE, options, TEST_API_KEY);
			},
			httpRequest: async (options: never) => await http.handle(TRIGGER_NODE, options),
			returnJsonArray: (data: IDataObject | IDataObject[]) =>
				(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
		},
	};
	return {
		context: context as unknown as IWebhookFunctions,
		response,
		staticData,
		credentialRequests,
		store,
	};
}

export interface DeliveryOutcome {
	result: IWebhookResponseData;
	/** What the platform got back: the node's own answer, or n8n's answer for it. */
	status: number;
	body: unknown;
	headers: Record<string, string>;
	/** The emitted items' json, when an execution started. */
	items?: IDataObject[];
}

/**
 * Sends one delivery through the trigger's webhook() and answers the way n8n does: the node's own
 * answer when it sent one, else 200 with `webhookResponse` (or `{ received: true }`, the
 * description's `responseData`, when an execution starts). Static data: see StaticDataStore.
 */
export async function deliver(
	setup: TriggerSetup,
	request: DeliveryRequest,
): Promise<DeliveryOutcome> {
	const { context, response, staticData, store } = webhookContext(setup, request);
	const result = await new AiHomeDesignTrigger().webhook.call(context);
	if (result.workflowData && store.persistWebhookWrites) store.save(staticData);
	if (result.noWebhookResponse) {
		if (response.status === undefined)
			throw new Error('noWebhookResponse, but the node sent no answer');
		return { result, status: response.status, body: response.body, headers: response.headers };
	}
	if (response.status !== undefined)
		throw new Error('the node answered but did not say noWebhookResponse');
	return {
		result,
		status: 200,
		body: result.workflowData
			? { received: true }
			: (result.webhookResponse ?? { message: 'Webhook call received' }),
		headers: response.headers,
		items: result.workflowData?.[0].map((item) => item.json),
	};
}

/** A hand-made IHookFunctions for the lifecycle methods. */
export function hookContext(store: StaticDataStore, url: string | undefined = PRODUCTION_URL) {
	const staticData = store.load();
	const context = {
		getNode: () => TRIGGER_NODE,
		getMode: () => 'trigger',
		getActivationMode: () => 'activate',
		getWebhookName: () => 'default',
		getNodeWebhookUrl: () => url,
		getWorkflowStaticData: (type: string) => {
			if (type !== 'node') throw new Error(`unexpected static data type ${type}`);
			return staticData;
		},
		logger: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
	};
	return {
		context: context as unknown as IHookFunctions,
		staticData,
		save: () => store.save(staticData),
	};
}
