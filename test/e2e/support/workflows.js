'use strict';
// The example workflows in test/e2e/workflows/ (clean JSON a user can import), prepared for a run:
// the credential they name is created by the harness with the simulator's URL, so no port is ever
// written into a workflow file.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const WORKFLOWS_DIR = path.join(__dirname, '..', 'workflows');
const CREDENTIAL_TYPE = 'aiHomeDesignApi';
/** The credential every example workflow names; create it with simulatorCredential(). */
const SIMULATOR_CREDENTIAL = Object.freeze({
	id: 'aihdSimulatorCr1',
	name: 'AI HomeDesign (simulator)',
});
const ACTION_TYPE = 'n8n-nodes-aihomedesign.aiHomeDesign';
const TRIGGER_TYPE = 'n8n-nodes-aihomedesign.aiHomeDesignTrigger';
/** The trigger's webhook path (its description); n8n serves it under the node's webhookId. */
const TRIGGER_PATH = 'aihomedesign';

const FILES = Object.freeze({
	createAndWait: 'manual-create-and-wait.json',
	photoToStaged: 'manual-photo-to-staged.json',
	stagingWebhook: 'webhook-photo-to-staged.json',
	triggerRecord: 'trigger-record.json',
});

function usesCredential(node) {
	return node.type === ACTION_TYPE || node.type === TRIGGER_TYPE;
}

/**
 * Reads one workflow file (a fresh copy each call). Options:
 *   credential  { id, name } put on every AI HomeDesign node that names a credential (default: as in the file)
 *   id, name    a different workflow id / name (e.g. a second copy in the same n8n)
 *   pathSuffix  appended to every Webhook node's path; every webhookId is renewed (a copy must not share them)
 *   trigger     parameters merged into the AI HomeDesign Trigger node (e.g. { secret })
 */
function loadWorkflow(file, options = {}) {
	const full = path.isAbsolute(file) ? file : path.join(WORKFLOWS_DIR, file);
	const workflow = JSON.parse(fs.readFileSync(full, 'utf8'));
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
				node.parameters.path = `${node.parameters.path}${options.pathSuffix}`;
			if (node.webhookId) node.webhookId = crypto.randomUUID();
		}
		if (options.trigger && node.type === TRIGGER_TYPE)
			Object.assign(node.parameters, options.trigger);
	}
	return workflow;
}

/** The credential the workflows name, pointing at a running simulator's `apiBaseUrl`. */
function simulatorCredential(apiBaseUrl, options = {}) {
	return {
		id: options.id || SIMULATOR_CREDENTIAL.id,
		name: options.name || SIMULATOR_CREDENTIAL.name,
		type: CREDENTIAL_TYPE,
		data: { apiKey: options.apiKey || 'test-api-key', baseUrl: apiBaseUrl },
	};
}

function findNode(workflow, type) {
	const node = workflow.nodes.find((n) => n.type === type && !n.disabled);
	if (!node) throw new Error(`workflow "${workflow.name}" has no ${type} node`);
	return node;
}

/** Path (below /webhook/) of the workflow's AI HomeDesign Trigger: `<webhookId>/aihomedesign`. */
function triggerWebhookPath(workflow) {
	return `${findNode(workflow, TRIGGER_TYPE).webhookId}/${TRIGGER_PATH}`;
}

/** Path (below /webhook/) of the workflow's Webhook node. */
function webhookNodePath(workflow) {
	return findNode(workflow, 'n8n-nodes-base.webhook').parameters.path;
}

module.exports = {
	WORKFLOWS_DIR,
	FILES,
	CREDENTIAL_TYPE,
	SIMULATOR_CREDENTIAL,
	ACTION_TYPE,
	TRIGGER_TYPE,
	loadWorkflow,
	simulatorCredential,
	triggerWebhookPath,
	webhookNodePath,
};
