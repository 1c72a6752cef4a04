import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
} from 'n8n-workflow';

import { FakeHttp, TEST_API_KEY, TEST_BASE_URL } from './fakeHttp';

export const TEST_NODE: INode = {
	id: 'node-1',
	name: 'AI HomeDesign',
	type: 'n8n-nodes-aihomedesign.aiHomeDesign',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

function getPath(source: unknown, path: string): unknown {
	return path
		.split('.')
		.reduce<unknown>(
			(value, key) => (value == null ? undefined : (value as IDataObject)[key]),
			source,
		);
}

export interface ContextOptions {
	http: FakeHttp;
	/** Parameters for every item, or per item. */
	params: IDataObject | ((itemIndex: number) => IDataObject);
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	signal?: AbortSignal;
	apiKey?: string;
}

/** A hand-made IExecuteFunctions: parameters from a plain object, HTTP through FakeHttp, binary data in memory. */
export function executeContext(options: ContextOptions): IExecuteFunctions {
	const items: INodeExecutionData[] = options.items ?? [{ json: {} }];
	const apiKey = options.apiKey ?? TEST_API_KEY;
	const paramsFor = (i: number) =>
		typeof options.params === 'function' ? options.params(i) : options.params;
	const context = {
		getNode: () => TEST_NODE,
		getInputData: () => items,
		continueOnFail: () => options.continueOnFail ?? false,
		getExecutionCancelSignal: () => options.signal,
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => {
			const value = getPath(paramsFor(itemIndex), name);
			return value === undefined ? fallback : value;
		},
		getCredentials: async () => ({ apiKey, baseUrl: `${TEST_BASE_URL}/` }),
		logger: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
		helpers: {
			httpRequestWithAuthentication: async (credentialType: string, requestOptions: never) => {
				if (credentialType !== 'aiHomeDesignApi')
					throw new Error(`unexpected credential ${credentialType}`);
				return await options.http.handle(TEST_NODE, requestOptions, apiKey);
			},
			httpRequest: async (requestOptions: never) =>
				await options.http.handle(TEST_NODE, requestOptions),
			prepareBinaryData: async (
				data: Buffer,
				fileName?: string,
				mimeType?: string,
			): Promise<IBinaryData> => ({
				data: data.toString('base64'),
				fileName,
				mimeType: mimeType ?? 'application/octet-stream',
				fileSize: String(data.length),
			}),
			binaryToBuffer: async (data: Buffer) => data,
			assertBinaryData: (itemIndex: number, property: string): IBinaryData => {
				const binary = items[itemIndex]?.binary?.[property];
				if (!binary) throw new Error(`item ${itemIndex} has no binary field "${property}"`);
				return binary;
			},
			getBinaryDataBuffer: async (itemIndex: number, property: string) =>
				Buffer.from(items[itemIndex]!.binary![property].data, 'base64'),
		},
	};
	return context as unknown as IExecuteFunctions;
}
