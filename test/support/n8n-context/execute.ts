import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
} from 'n8n-workflow';

import { apiAccess, type ApiAccessOptions, type LogEntry } from './api-access';
import { TEST_NODE } from './nodes';
import { readParameter } from './params';
import type { ProcessedDataStore } from './processed-data';

export { TEST_NODE } from './nodes';
export type { LogEntry } from './api-access';
export { ProcessedDataStore } from './processed-data';

export interface ContextOptions extends ApiAccessOptions {
	/** Parameters for every item, or per item; read by name or `a.b` path. */
	params: IDataObject | ((itemIndex: number) => IDataObject);
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	signal?: AbortSignal;
	/** Default TEST_NODE. */
	node?: INode;
	/**
	 * True (default) keeps downloaded bytes (base64), as n8n's in-memory binary mode does; false
	 * streams each file through and keeps only its size, as the filesystem mode does.
	 */
	keepBinary?: boolean;
	/** What getMode() says; default 'manual'. */
	mode?: string;
	/** Default 'workflow-1'. */
	workflowId?: string;
	/** n8n's processed-data table behind the dedupe helpers (checkProcessedAndRecord, ...). */
	processedData?: ProcessedDataStore;
}

export interface BinaryStats {
	files: number;
	bytes: number;
	maxFileBytes: number;
	/** Files handed over as a stream (not a Buffer). */
	streamed: number;
}

async function toBuffer(body: Buffer | AsyncIterable<Uint8Array>): Promise<Buffer> {
	if (Buffer.isBuffer(body)) return body;
	const chunks: Buffer[] = [];
	for await (const chunk of body) chunks.push(Buffer.from(chunk));
	return Buffer.concat(chunks);
}

/**
 * A hand-made IExecuteFunctions for the action node: parameters from a plain object, the API through
 * `http` (FakeHttp or n8n-core's helpers), binary data in memory or counted, logs recorded.
 */
export function createExecuteContext(options: ContextOptions): {
	context: IExecuteFunctions;
	logs: LogEntry[];
	credentialRequests: string[];
	binaryStats: BinaryStats;
} {
	const node = options.node ?? TEST_NODE;
	const items: INodeExecutionData[] = options.items ?? [{ json: {} }];
	const keepBinary = options.keepBinary ?? true;
	const paramsFor = (i: number) =>
		typeof options.params === 'function' ? options.params(i) : options.params;
	const binaryStats: BinaryStats = { files: 0, bytes: 0, maxFileBytes: 0, streamed: 0 };
	const api = apiAccess(node, options);
	const workflowId = options.workflowId ?? 'workflow-1';
	const context = {
		getNode: () => node,
		getMode: () => options.mode ?? 'manual',
		getWorkflow: () => ({ id: workflowId, name: 'Test', active: true }),
		getInputData: () => items,
		continueOnFail: () => options.continueOnFail ?? false,
		getExecutionCancelSignal: () => options.signal,
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => {
			const value = readParameter(paramsFor(itemIndex), name);
			return value === undefined ? fallback : value;
		},
		...api.fields,
		helpers: {
			...api.fields.helpers,
			...options.processedData?.helpersFor(workflowId, node),
			async prepareBinaryData(
				data: Buffer | AsyncIterable<Uint8Array>,
				fileName?: string,
				mimeType?: string,
			): Promise<IBinaryData> {
				let bytes = 0;
				let kept: Buffer | undefined;
				if (Buffer.isBuffer(data)) {
					bytes = data.length;
					kept = keepBinary ? data : undefined;
				} else {
					binaryStats.streamed++;
					if (keepBinary) {
						kept = await toBuffer(data);
						bytes = kept.length;
					} else {
						for await (const chunk of data) bytes += chunk.length;
					}
				}
				binaryStats.files++;
				binaryStats.bytes += bytes;
				binaryStats.maxFileBytes = Math.max(binaryStats.maxFileBytes, bytes);
				return {
					data: kept ? kept.toString('base64') : 'filesystem',
					fileName,
					mimeType: mimeType ?? 'application/octet-stream',
					fileSize: `${bytes} B`,
				};
			},
			binaryToBuffer: toBuffer,
			assertBinaryData: (itemIndex: number, property: string): IBinaryData => {
				const binary = items[itemIndex]?.binary?.[property];
				if (!binary) throw new Error(`item ${itemIndex} has no binary field "${property}"`);
				return binary;
			},
			getBinaryDataBuffer: async (itemIndex: number, property: string) =>
				Buffer.from(items[itemIndex]!.binary![property].data, 'base64'),
		},
	};
	return {
		context: context as unknown as IExecuteFunctions,
		logs: api.logs,
		credentialRequests: api.credentialRequests,
		binaryStats,
	};
}

/** The context alone, for tests that need nothing else. */
export const executeContext = (options: ContextOptions): IExecuteFunctions =>
	createExecuteContext(options).context;
