import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { deliveryKey, triggerScope } from './dedupe';
import { isUniqueViolation, withWorkflowLock } from './lock';

/**
 * Layer 2 of the duplicate check, the durable one. n8n calls a trigger's execute(), when it has one,
 * as the first step of every execution webhook() starts, with webhook()'s items (in queue mode, on
 * the worker). Here the completion's key is recorded in n8n's processed-data table (the store of
 * the Remove Duplicates node): one row for this trigger node, kept across restarts and shared by
 * every n8n process. A key already there means a duplicate: the execution ends here, with nothing
 * downstream run (so "Always Output Data" must stay off on the trigger).
 *
 * n8n reads the row and writes it back without a lock: of two checks at the same moment, both may
 * pass the same key, or the second write may drop the first's key (so a later copy of that
 * completion passes). Within one n8n process the checks of a trigger node therefore take turns
 * (regular mode, and one worker); across processes (several workers or webhook processes in queue
 * mode) the Strict Duplicate Check option (lock.ts) makes them take turns.
 * Only webhook-started executions are checked: test events, manual runs and retries pass.
 */
export const CLAIM_LIMITS = {
	/** Keys kept; the oldest go first. */
	maxEntries: 5000,
};

let warnedNoStore = false;

// Per trigger node, the check running in this process: the next one waits for it.
const running = new Map<string, Promise<void>>();

async function inTurn<T>(scope: string, task: () => Promise<T>): Promise<T> {
	const previous = running.get(scope) ?? Promise.resolve();
	const result = previous.then(task);
	const done = result.then(
		() => undefined,
		() => undefined,
	);
	running.set(scope, done);
	try {
		return await result;
	} finally {
		if (running.get(scope) === done) running.delete(scope);
	}
}

export async function claimCompletion(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData().map((item, index) => ({
		...item,
		pairedItem: item.pairedItem ?? { item: index },
	}));
	if (this.getMode() !== 'webhook') return [items];
	const first = items[0]?.json;
	if (typeof first?.process_id !== 'string' || typeof first.status !== 'string') return [items];

	const helpers = this.helpers;
	if (typeof helpers.checkProcessedAndRecord !== 'function') {
		// n8n before 1.63 has no such store: duplicates are caught in one process's memory only.
		if (!warnedNoStore) {
			warnedNoStore = true;
			this.logger.warn(
				'AI HomeDesign Trigger: this n8n has no processed-data store, so completions delivered again after a restart start the workflow again',
			);
		}
		return [items];
	}

	const key = deliveryKey(first.process_id, first.status);
	const check = async () =>
		(
			await helpers.checkProcessedAndRecord([key], 'node', {
				mode: 'entries',
				maxEntries: CLAIM_LIMITS.maxEntries,
			})
		).new.length === 1;
	// The node's first key: another process may insert the row first, then this one updates it.
	const record = async () => {
		const once = await check().then(
			(isNew) => ({ ok: true as const, isNew }),
			(error: unknown) => ({ ok: false as const, error }),
		);
		if (once.ok) return once.isNew;
		if (isUniqueViolation(once.error)) return await check();
		throw once.error;
	};
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const strict = options.strictDuplicateCheck === true;
	const scope = triggerScope(this);
	let isNew: boolean;
	try {
		isNew = await inTurn(scope, async () =>
			strict ? await withWorkflowLock(this, record) : await record(),
		);
	} catch (error) {
		throw new NodeOperationError(
			this.getNode(),
			`Could not check in n8n's database whether completion ${key} already started this workflow: ${(error as Error).message}`,
		);
	}
	return isNew ? [items] : [[]];
}
