import type { IDataObject, IHookFunctions, INode } from 'n8n-workflow';

import { WEBHOOK_SECRET_TYPE } from './api-access';

import { PRODUCTION_URL, TRIGGER_NODE } from './nodes';
import type { StaticDataStore } from './static-data';

/** The node's saved parameters and its webhook secret credential (none when undefined). */
export interface HookSetup {
	params?: IDataObject;
	webhookSecret?: string;
}

/**
 * A hand-made IHookFunctions for a trigger's lifecycle methods (checkExists, create, delete), with
 * a copy of the saved static data; `save()` stores it back, as n8n does after activation.
 */
export function hookContext(
	store: StaticDataStore,
	url: string | undefined = PRODUCTION_URL,
	node: INode = TRIGGER_NODE,
	setup: HookSetup = {},
) {
	const staticData = store.load();
	const context = {
		getNode: () => node,
		getMode: () => 'trigger',
		getActivationMode: () => 'activate',
		getWebhookName: () => 'default',
		getNodeWebhookUrl: () => url,
		getNodeParameter: (name: string, fallback?: unknown) => setup.params?.[name] ?? fallback,
		getCredentials: async (type: string) => {
			if (type !== WEBHOOK_SECRET_TYPE || setup.webhookSecret === undefined)
				throw new Error('Node does not have any credentials set');
			return { secret: setup.webhookSecret };
		},
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
