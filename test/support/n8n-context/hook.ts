import type { IHookFunctions, INode } from 'n8n-workflow';

import { PRODUCTION_URL, TRIGGER_NODE } from './nodes';
import type { StaticDataStore } from './static-data';

/**
 * A hand-made IHookFunctions for a trigger's lifecycle methods (checkExists, create, delete), with
 * a copy of the saved static data; `save()` stores it back, as n8n does after activation.
 */
export function hookContext(
	store: StaticDataStore,
	url: string | undefined = PRODUCTION_URL,
	node: INode = TRIGGER_NODE,
) {
	const staticData = store.load();
	const context = {
		getNode: () => node,
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
