/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test infrastructure, never shipped */
// The example workflows in test/e2e/workflows/ (clean JSON a user can import), prepared for a run: the
// credential they name is created by the harness with the simulator's URL, so no port is ever written into
// a workflow file. Plus the rule for which workflows n8n can publish.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface WorkflowNodeJson {
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	/** Give webhook and trigger nodes a fixed one. */
	webhookId?: string;
	credentials?: Record<string, { id: string; name: string }>;
	disabled?: boolean;
	[key: string]: unknown;
}

export interface WorkflowJson {
	/** Generated (16 letters/digits) when missing; read it back from `instance.workflows`. */
	id?: string;
	name: string;
	nodes: WorkflowNodeJson[];
	connections?: Record<string, unknown>;
	settings?: Record<string, unknown>;
	[key: string]: unknown;
}

export interface CredentialJson {
	id?: string;
	name: string;
	type: string;
	/** Plain values: `n8n import:credentials` encrypts them with the instance's key. */
	data: Record<string, unknown>;
}

export const WORKFLOWS_DIR = path.join(__dirname, '..', 'workflows');
export const CREDENTIAL_TYPE = 'aiHomeDesignApi';
/** The credential every example workflow names; create it with simulatorCredential(). */
export const SIMULATOR_CREDENTIAL = Object.freeze({
	id: 'aihdSimulatorCr1',
	name: 'AI HomeDesign (simulator)',
});
/** The trigger's secret credential (Secret: Secret in URL); create it with webhookSecretCredential(). */
export const WEBHOOK_SECRET_TYPE = 'aiHomeDesignWebhookApi';
export const WEBHOOK_SECRET_CREDENTIAL = Object.freeze({
	id: 'aihdWebhookSecr1',
	name: 'AI HomeDesign Webhook Secret',
});
export const ACTION_TYPE = 'n8n-nodes-aihomedesign.aiHomeDesign';
export const TRIGGER_TYPE = 'n8n-nodes-aihomedesign.aiHomeDesignTrigger';
/** The trigger's webhook path (its description); n8n serves it under the node's webhookId. */
const TRIGGER_PATH = 'aihomedesign';

/** The example workflow files. */
export const FILES = Object.freeze({
	/** Manual Trigger → sample photo → Order Create → Process Create (wait, download) → check. */
	createAndWait: 'manual-create-and-wait.json',
	/** Manual Trigger → sample photo → Run Tool on Image → check (the demo's). */
	photoToStaged: 'manual-photo-to-staged.json',
	/** Webhook (raw image body) → Run Tool on Image → check; answers with the staged image. */
	stagingWebhook: 'webhook-photo-to-staged.json',
	/** AI HomeDesign Trigger → Set "Record completion". */
	triggerRecord: 'trigger-record.json',
	/** Manual Trigger → photo and mask → Order Create → automatic item removal → mask refinement (group id). */
	maskRefinement: 'item-removal-then-mask.json',
});

export interface LoadWorkflowOptions {
	/** Put on every AI HomeDesign node that names a credential. */
	credential?: { id: string; name: string };
	/** A different workflow id / name (e.g. for a second copy in the same n8n). */
	id?: string;
	name?: string;
	/** Appended to Webhook paths; every webhookId is renewed (a copy must not share them). */
	pathSuffix?: string;
	/** Merged into the AI HomeDesign Trigger's parameters, e.g. { secret } (the legacy field). */
	trigger?: Record<string, unknown>;
	/** The trigger takes its secret from this credential (see webhookSecretCredential). */
	webhookSecret?: { id: string; name: string };
}

const usesCredential = (node: WorkflowNodeJson) =>
	node.type === ACTION_TYPE || node.type === TRIGGER_TYPE;

/** A fresh copy of a workflow file (a name in FILES, or an absolute path). */
export function loadWorkflow(
	file: string,
	options: LoadWorkflowOptions = {},
): WorkflowJson & { id: string } {
	const full = path.isAbsolute(file) ? file : path.join(WORKFLOWS_DIR, file);
	const workflow = JSON.parse(fs.readFileSync(full, 'utf8')) as WorkflowJson & { id: string };
	if (options.id) workflow.id = options.id;
	if (options.name) workflow.name = options.name;
	for (const node of workflow.nodes) {
		if (options.credential && usesCredential(node) && node.credentials?.[CREDENTIAL_TYPE]) {
			node.credentials[CREDENTIAL_TYPE] = {
				id: options.credential.id,
				name: options.credential.name,
			};
		}
		if (options.pathSuffix) {
			if (node.type === 'n8n-nodes-base.webhook')
				node.parameters.path = `${String(node.parameters.path)}${options.pathSuffix}`;
			if (node.webhookId) node.webhookId = randomUUID();
		}
		if (node.type === TRIGGER_TYPE) {
			// The simulator serves results from 127.0.0.1 over http, which the trigger refuses by default.
			node.parameters.options = { ...(node.parameters.options as object), localResultLinks: true };
			if (options.trigger) Object.assign(node.parameters, options.trigger);
			if (options.webhookSecret) {
				node.parameters.authentication = 'urlSecret';
				node.credentials = { ...node.credentials, [WEBHOOK_SECRET_TYPE]: options.webhookSecret };
			}
		}
	}
	return workflow;
}

/** The credential the workflows name, pointing at a running simulator's `apiBaseUrl`. */
export function simulatorCredential(
	apiBaseUrl: string,
	options: { apiKey?: string; id?: string; name?: string } = {},
): CredentialJson & { id: string } {
	return {
		id: options.id ?? SIMULATOR_CREDENTIAL.id,
		name: options.name ?? SIMULATOR_CREDENTIAL.name,
		type: CREDENTIAL_TYPE,
		data: { apiKey: options.apiKey ?? 'test-api-key', baseUrl: apiBaseUrl },
	};
}

/** The trigger's secret credential, for `startN8n({ credentials })`. */
export function webhookSecretCredential(
	secret: string,
	options: { id?: string; name?: string } = {},
): CredentialJson & { id: string } {
	return {
		id: options.id ?? WEBHOOK_SECRET_CREDENTIAL.id,
		name: options.name ?? WEBHOOK_SECRET_CREDENTIAL.name,
		type: WEBHOOK_SECRET_TYPE,
		data: { secret },
	};
}

function findNode(workflow: WorkflowJson, type: string): WorkflowNodeJson {
	const node = workflow.nodes.find((n) => n.type === type && !n.disabled);
	if (!node) throw new Error(`workflow "${workflow.name}" has no ${type} node`);
	return node;
}

/** The path (below /webhook/) of the workflow's AI HomeDesign Trigger: `<webhookId>/aihomedesign`. */
export function triggerWebhookPath(workflow: WorkflowJson): string {
	return `${findNode(workflow, TRIGGER_TYPE).webhookId}/${TRIGGER_PATH}`;
}

/** The path (below /webhook/) of the workflow's Webhook node. */
export function webhookNodePath(workflow: WorkflowJson): string {
	return String(findNode(workflow, 'n8n-nodes-base.webhook').parameters.path);
}

/** Node types that end in "Trigger" but that n8n does not activate (they start runs some other way). */
const NOT_ACTIVATABLE = new Set([
	'n8n-nodes-base.manualTrigger',
	'n8n-nodes-base.executeWorkflowTrigger',
	'n8n-nodes-base.errorTrigger',
	'n8n-nodes-base.evaluationTrigger',
]);

/** Whether a workflow has a node that publishing activates: a Webhook or a *Trigger node other than the
 * manual, sub-workflow, error and evaluation triggers. Workflows without one cannot be published. */
export function hasActivatableTrigger(workflow: WorkflowJson): boolean {
	return (workflow.nodes ?? []).some(
		(n) =>
			!n.disabled &&
			!NOT_ACTIVATABLE.has(n.type) &&
			(n.type === 'n8n-nodes-base.webhook' || /trigger$/i.test(n.type)),
	);
}
