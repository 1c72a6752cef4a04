import type {
	IExecuteFunctions,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { getTriggerTools } from './methods/loadOptions';
import { CREDENTIAL_TYPE } from './shared/constants';
import { claimCompletion } from './trigger/claim';
import { triggerProperties } from './trigger/description';
import { forgetUrl, isRecorded, recordUrl } from './trigger/lifecycle';
import { assertSecretUsable, testWebhookSecret } from './trigger/secret';
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
		// n8n's node search shows one entry for both nodes, with the trigger's description: it names both.
		description:
			'Virtual staging, decluttering and photo enhancement for real estate with AI HomeDesign. The trigger starts a workflow when a process finishes, with its results.',
		defaults: { name: 'AI HomeDesign Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: CREDENTIAL_TYPE,
				required: true,
				displayOptions: { show: { verifyWithApi: [true] } },
			},
			{
				// The literal names: lint matches them with the credential (WEBHOOK_SECRET_CREDENTIAL, SECRET_FROM_CREDENTIAL).
				name: 'aiHomeDesignWebhookApi',
				required: true,
				testedBy: 'testWebhookSecret',
				displayOptions: { show: { authentication: ['urlSecret'] } },
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

	methods = {
		loadOptions: { getTools: getTriggerTools },
		credentialTest: { testWebhookSecret },
	};

	// The platform has no registration API: these keep a record of the published URL only.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				// Called on every publish and test listen: an unusable secret stops it with the reason.
				await assertSecretUsable(this);
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

	// The first step of each execution webhook() starts: the durable duplicate check (claim.ts).
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await claimCompletion.call(this);
	}
}
