import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toOutputItem } from '../output/item';
import { isKnownProcessStatus } from '../schemas';
import { summarizeProcess } from '../output/summary';
import { ProcessOutcomeError } from '../shared/errors';
import type { WaitRequest } from '../shared/types';
import type { WaitOutcome } from './waitForProcesses';

/** Turns the outcome of one wait into the item, or into the error a user can branch on. */
export async function waitOutcomeToItems(
	context: IExecuteFunctions,
	request: WaitRequest,
	outcome: WaitOutcome | undefined,
	signal?: AbortSignal,
): Promise<INodeExecutionData[]> {
	const node = context.getNode();
	const { processId } = request;
	if (!outcome) throw new NodeOperationError(node, `No status was read for process ${processId}`);
	if (outcome.kind === 'error') throw outcome.error;
	if (outcome.kind === 'timeout') {
		const raw = outcome.lastSeen?.status;
		const status = raw ?? 'unknown';
		const seconds = Math.round(outcome.waitedMs / 1000);
		const known = raw === undefined || isKnownProcessStatus(raw);
		throw new ProcessOutcomeError(
			node,
			{ process_id: processId, status, timed_out: true, ...request.known, ...request.extra },
			known
				? `Process ${processId} was still ${status} after ${seconds} s`
				: `Process ${processId} still had the status "${status}" after ${seconds} s, a status this node does not know`,
			`${known ? '' : 'The node kept waiting, as the process may still finish. '}It keeps running on AI HomeDesign. Pick it up later with Process → Wait for Completion and this process ID, or with the AI HomeDesign Trigger. To wait longer here, raise the timeout.`,
		);
	}
	const summary = {
		...summarizeProcess(processId, outcome.snapshot, request.known),
		...request.extra,
	};
	if (summary.status === 'failed') {
		throw new ProcessOutcomeError(
			node,
			summary,
			`Process ${processId} failed on AI HomeDesign`,
			'The platform gives no reason. Check that the photo suits the tool (and the mask, if any), then run again: a new process is charged.',
		);
	}
	return [await toOutputItem(context, summary, request.files, request.binaryPrefix, signal)];
}
