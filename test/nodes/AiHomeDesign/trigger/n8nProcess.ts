import {
	deliver as deliverInWorkflow,
	webhookContext as webhookContextInWorkflow,
	type DeliveryRequest,
	type TriggerSetup,
} from '../../../support/trigger';

/**
 * The trigger remembers completions per workflow and node for as long as n8n's process runs. A
 * workflow id it has not seen is what a fresh n8n process looks like to it: each test starts with
 * one (call restartN8n in beforeEach), and a test calls it again to model a restart. The test's
 * static data store is kept, as n8n keeps static data across restarts.
 */
let restarts = 0;
let current = 'n8n-run-0';

export function restartN8n(): void {
	current = `n8n-run-${++restarts}`;
}

/** The workflow id of the current run; tests that need two workflows derive theirs from it. */
export const currentWorkflowId = (): string => current;

export async function deliver(setup: TriggerSetup, request: DeliveryRequest) {
	return await deliverInWorkflow({ workflowId: current, ...setup }, request);
}

export function webhookContext(setup: TriggerSetup, request: DeliveryRequest) {
	return webhookContextInWorkflow({ workflowId: current, ...setup }, request);
}
