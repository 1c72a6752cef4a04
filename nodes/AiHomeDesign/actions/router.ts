import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { startBatchPacer } from '../polling/batchPace';
import { waitOutcomeToItems } from '../polling/outcome';
import { waitForProcesses } from '../polling/waitForProcesses';
import { ExecutionCancelledWhileWaiting, ProcessOutcomeError } from '../shared/errors';
import type { OperationExecute, ResourceOperations, WaitRequest } from '../shared/types';
import * as order from './order';
import * as processResource from './process';
import * as project from './project';
import * as tool from './tool';

export const resources = {
	order: order.operations,
	process: processResource.operations,
	project: project.operations,
	tool: tool.operations,
} satisfies Record<string, ResourceOperations>;

/** A Resource dropdown value; the node's description is typed with it, so each names a resource here. */
export type ResourceName = keyof typeof resources;

const owns = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

/** Own keys only, so a value such as "toString" is unsupported rather than a prototype method. */
function operationFor(resource: string, operation: string): OperationExecute | undefined {
	if (!owns(resources, resource)) return undefined;
	const operations: ResourceOperations = resources[resource as ResourceName];
	return owns(operations, operation) ? operations[operation] : undefined;
}

/**
 * Run Tool on Image items, with the longest each may wait for a slot. Process → Create is not
 * paced: it fails at once on a 429, as its users chose.
 */
function pacedItems(context: IExecuteFunctions, itemCount: number): Map<number, number> {
	const paced = new Map<number, number>();
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			if (context.getNodeParameter('resource', itemIndex) !== 'process') continue;
			if (context.getNodeParameter('operation', itemIndex) !== 'runTool') continue;
			paced.set(itemIndex, processResource.readRunToolQueueMs(context, itemIndex));
		} catch {
			// A parameter that cannot be read fails in the item's own turn, with its own message.
		}
	}
	return paced;
}

/** Attaches the item to an error, or, under "Continue On Fail", turns it into an output item. */
function failItem(
	context: IExecuteFunctions,
	error: Error,
	itemIndex: number,
): INodeExecutionData[] {
	if (error instanceof ExecutionCancelledWhileWaiting) throw error;
	if (context.continueOnFail()) {
		const details: IDataObject = error instanceof ProcessOutcomeError ? error.details : {};
		return [{ json: { ...details, error: error.message } }];
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex = itemIndex;
		throw error;
	}
	throw new NodeOperationError(context.getNode(), error, { itemIndex });
}

/**
 * Runs the chosen operation for every item. Operations that wait hand their processes back, and
 * all of them are polled together, so 20 items wait about as long as the slowest process.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const signal = this.getExecutionCancelSignal?.();
	const output: INodeExecutionData[][] = items.map(() => []);
	const waits: Array<{ itemIndex: number; request: WaitRequest }> = [];
	// Creates keep to the platform's 10 per 10 minutes; a batch that cannot is refused here, before any item runs.
	const paced = startBatchPacer(this, pacedItems(this, items.length), signal);

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			const execute = operationFor(resource, operation);
			if (!execute) {
				throw new NodeOperationError(
					this.getNode(),
					`The operation "${operation}" of "${resource}" is not supported`,
					{ itemIndex },
				);
			}
			const result = await paced(itemIndex, async () => await execute.call(this, itemIndex));
			if ('wait' in result) waits.push({ itemIndex, request: result.wait });
			else output[itemIndex] = result.items;
		} catch (error) {
			output[itemIndex] = failItem(this, error as Error, itemIndex);
		}
	}

	if (waits.length > 0) {
		const outcomes = await waitForProcesses(
			this,
			waits.map(({ request }) => ({
				processId: request.processId,
				settings: request.settings,
				size: request.size,
			})),
			signal,
		);
		for (const { itemIndex, request } of waits) {
			try {
				output[itemIndex] = await waitOutcomeToItems(
					this,
					request,
					outcomes.get(request.processId),
					signal,
				);
			} catch (error) {
				output[itemIndex] = failItem(this, error as Error, itemIndex);
			}
		}
	}

	// Every output item, error items included, points back at the input item it came from.
	return [
		output.flatMap((itemOutput, itemIndex) =>
			itemOutput.map((item) => ({ ...item, pairedItem: { item: itemIndex } })),
		),
	];
}
