import type { INode } from 'n8n-workflow';

/** The action node as n8n hands it to execute(). */
export const TEST_NODE: INode = {
	id: 'node-1',
	name: 'AI HomeDesign',
	type: 'n8n-nodes-aihomedesign.aiHomeDesign',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** The trigger node as n8n hands it to webhook() and the lifecycle methods. */
export const TRIGGER_NODE: INode = {
	id: 'trigger-node-1',
	name: 'AI HomeDesign Trigger',
	type: 'n8n-nodes-aihomedesign.aiHomeDesignTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
	webhookId: 'c0ffee00-0000-4000-8000-000000000001',
};

/** The production webhook URL n8n gives a trigger node (its path is the description's `aihomedesign`). */
export const webhookUrlOf = (node: INode): string =>
	`https://n8n.example.com/webhook/${node.webhookId}/aihomedesign`;

export const PRODUCTION_URL = webhookUrlOf(TRIGGER_NODE);
