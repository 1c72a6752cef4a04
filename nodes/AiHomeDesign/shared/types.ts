import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodePropertyOptions,
} from 'n8n-workflow';

/** Which result images an item carries as binary besides their URLs. */
export type ResultFiles = 'none' | 'full' | 'thumbnail';

/** The platform's `width`/`height` query for resized result images (absent: the original size). */
export interface ResultSize {
	width?: number;
	height?: number;
}

export interface WaitSettings {
	/** Between two status requests for one process; raised to 5 s when lower. */
	intervalMs: number;
	/** From the start of the wait until the process counts as timed out. */
	timeoutMs: number;
	/** Before the first status request (a process created a moment ago is not done yet). */
	firstPollDelayMs?: number;
}

/** How a waited-for process turns into an output item. */
export interface WaitRequest {
	processId: string;
	settings: WaitSettings;
	/** What the node already knows about the process (the status answer may omit it). */
	known: { tool?: string; order_id?: string; process_group_id?: string };
	files: ResultFiles;
	binaryPrefix: string;
	/** Result images resized by the platform (the status request carries it). */
	size?: ResultSize;
	/** Fields added to the output item, e.g. the uploaded order's id. */
	extra?: IDataObject;
}

/** An operation either has its items now, or hands the router processes to wait for alongside the other items'. */
export type OperationResult = { items: INodeExecutionData[] } | { wait: WaitRequest };

export type OperationExecute = (
	this: IExecuteFunctions,
	itemIndex: number,
) => Promise<OperationResult>;

/** A resource's operations by the `value` of their Operation option. */
export type ResourceOperations<Name extends string = string> = Record<Name, OperationExecute>;

/** An Operation dropdown entry whose value must name one of the resource's operations. */
export type OperationOption<Name extends string> = INodePropertyOptions & { value: Name };
