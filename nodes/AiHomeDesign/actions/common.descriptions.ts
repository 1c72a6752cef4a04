import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ResultFiles } from '../helpers/processOutput';
import { MIN_POLL_INTERVAL_MS, type WaitSettings } from '../helpers/waitForProcesses';

export const DEFAULT_TIMEOUT_SECONDS = 900;

/** Polling settings, shared by every operation that waits for a process. */
export const waitOptionsField: INodeProperties = {
	displayName: 'Wait Options',
	name: 'waitOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollInterval',
			type: 'number',
			typeOptions: { minValue: 5 },
			default: 5,
			description:
				'Seconds between two status checks of a process. The platform allows one check per process every 5 seconds, so lower values are raised to 5.',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_TIMEOUT_SECONDS,
			description:
				'How long to wait before giving up. The process keeps running on the platform; the error (or the item, with Continue On Fail) carries its ID to pick it up later.',
		},
	],
};

/** Whether result images come as URLs only, or also as files. */
export const resultFilesFields: INodeProperties[] = [
	{
		displayName: 'Result Files',
		name: 'resultFiles',
		type: 'options',
		options: [
			{ name: 'URLs Only', value: 'none', description: 'Output the result URLs; download nothing' },
			{
				name: 'Download Full Size',
				value: 'full',
				description: 'Also download each result image as binary data',
			},
			{
				name: 'Download Thumbnails',
				value: 'thumbnail',
				description: 'Also download each result thumbnail as binary data',
			},
		],
		default: 'none',
		description: 'Result URLs are temporary: download them here if later steps need the files',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The first image goes into this field, further ones into data_1, data_2, and so on',
		displayOptions: { hide: { resultFiles: ['none'] } },
	},
];

/** `justCreated`: the process was created a moment ago, so the first check waits one interval. */
export function readWaitSettings(
	context: IExecuteFunctions,
	itemIndex: number,
	justCreated = false,
): WaitSettings {
	const options = context.getNodeParameter('waitOptions', itemIndex, {}) as {
		pollInterval?: number;
		timeout?: number;
	};
	const timeout = options.timeout ?? DEFAULT_TIMEOUT_SECONDS;
	if (!(timeout > 0)) {
		throw new NodeOperationError(
			context.getNode(),
			'The timeout must be a positive number of seconds',
			{ itemIndex },
		);
	}
	const intervalMs = Math.max(MIN_POLL_INTERVAL_MS, (options.pollInterval ?? 5) * 1000);
	return { intervalMs, timeoutMs: timeout * 1000, firstPollDelayMs: justCreated ? intervalMs : 0 };
}

export function readResultFiles(
	context: IExecuteFunctions,
	itemIndex: number,
): { files: ResultFiles; binaryPrefix: string } {
	const files = context.getNodeParameter('resultFiles', itemIndex, 'none') as ResultFiles;
	const binaryPrefix =
		files === 'none'
			? 'data'
			: (context.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string);
	return { files, binaryPrefix };
}

/** Trims and checks a platform id typed or mapped by the user, so a typo fails here, not as a 404 later. */
export function readObjectId(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
): string {
	const value = String(context.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (!/^[a-f0-9]{24}$/i.test(value)) {
		throw new NodeOperationError(context.getNode(), `${label} "${value}" is not a valid ID`, {
			itemIndex,
			description:
				'AI HomeDesign IDs are 24 characters of 0-9 and a-f, e.g. 69a6bb11a374700bff4a1333.',
		});
	}
	return value;
}
