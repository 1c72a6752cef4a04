'use strict';
// Reference triggers for the ingestion benchmark only (loaded into the bench's n8n with
// N8N_CUSTOM_EXTENSIONS, type CUSTOM.<name>; never part of the package). They do no work at all: the
// body becomes the one item. A gap between them and n8n's built-in Webhook node is n8n's overhead for a
// webhook node that is not its own; a gap between them and the AI HomeDesign Trigger is the trigger's own.

function nullWebhook() {
	return { workflowData: [[{ json: this.getBodyData() }]] };
}

function referenceTrigger(name, displayName, webhook) {
	return class {
		constructor() {
			this.description = {
				displayName,
				name,
				group: ['trigger'],
				version: 1,
				description:
					'Benchmark reference: starts the workflow with the request body, does nothing else',
				defaults: { name: displayName },
				inputs: [],
				outputs: ['main'],
				webhooks: [
					{
						name: 'default',
						httpMethod: 'POST',
						responseMode: 'onReceived',
						path: 'null',
						...webhook,
					},
				],
				properties: [],
			};
			this.webhook = nullWebhook;
		}
	};
}

module.exports = { referenceTrigger };
