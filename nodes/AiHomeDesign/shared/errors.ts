import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * A process that ended without results (failed) or did not end in time. Carries the process's
 * fields so that, under "Continue On Fail", the item still says which process it was.
 */
export class ProcessOutcomeError extends NodeOperationError {
	constructor(
		node: INode,
		readonly details: IDataObject,
		message: string,
		description: string,
	) {
		super(node, message, { description });
	}
}

/** The execution was cancelled (stop button, timeout, shutdown) while the node waited. */
export class ExecutionCancelledWhileWaiting extends NodeOperationError {
	constructor(node: INode) {
		super(node, 'The execution was cancelled while waiting for AI HomeDesign');
	}
}

export function throwIfCancelled(node: INode, signal?: AbortSignal): void {
	if (signal?.aborted) throw new ExecutionCancelledWhileWaiting(node);
}
