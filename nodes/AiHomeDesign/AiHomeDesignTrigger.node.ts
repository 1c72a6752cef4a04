import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { getTriggerTools } from './methods/loadOptions';
import { CREDENTIAL_TYPE } from './shared/constants';
import { triggerProperties } from './trigger/description';
import { forgetUrl, isRecorded, recordUrl } from './trigger/lifecycle';
import { handleDelivery } from './trigger/webhook';

export class AiHomeDesignTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AI HomeDesign Trigger',
		name: 'aiHomeDesignTrigger',
		icon: { light: 'file:aihomedesign.svg', dark: 'file:aihomedesign.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'=Process {{ $parameter["statusFilter"] === "both" ? "done or failed" : $parameter["statusFilter"] }}',
		description: 'Starts the workflow when an AI HomeDesign process finishes, with its results',
		defaults: { name: 'AI HomeDesign Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: CREDENTIAL_TYPE,
				required: true,
				displayOptions: { show: { verifyWithApi: [true] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// Empty, not left out: n8n then answers with the body webhook() returns (left out, it sends the
				// bare text "firstEntryJson"). Not an expression: evaluating one costs time on every delivery.
				responseData: '',
				path: 'aihomedesign',
			},
		],
		properties: triggerProperties,
	};

	methods = { loadOptions: { getTools: getTriggerTools } };

	// The platform has no registration API: these keep a record of the published URL only.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return isRecorded(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return recordUrl(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return forgetUrl(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery.call(this);
	}
}
