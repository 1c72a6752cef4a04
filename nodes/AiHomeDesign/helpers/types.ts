import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ResultFiles } from './processOutput';
import type { WaitSettings } from './waitForProcesses';

/** How a waited-for process turns into an output item. */
export interface WaitRequest {
	processId: string;
	settings: WaitSettings;
	/** What the node already knows about the process (the status answer may omit it). */
	known: { tool?: string; order_id?: string };
	files: ResultFiles;
	binaryPrefix: string;
	/** Fields added to the output item, e.g. the uploaded order's id. */
	extra?: IDataObject;
}

/** An operation either has its items now, or hands the router processes to wait for alongside the other items'. */
export type OperationResult = { items: INodeExecutionData[] } | { wait: WaitRequest };

export type OperationExecute = (
	this: IExecuteFunctions,
	itemIndex: number,
) => Promise<OperationResult>;

export type ResourceOperations = Record<string, OperationExecute>;
