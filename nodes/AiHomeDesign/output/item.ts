import type { IBinaryData, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ResultFiles } from '../shared/types';
import { downloadFile } from '../transport';
import type { ProcessSummary } from './summary';

const EXTENSIONS: Record<string, string> = {
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/webp': 'webp',
	'image/gif': 'gif',
};

function extensionOf(url: string, mimeType: string | undefined): string {
	if (mimeType && EXTENSIONS[mimeType]) return EXTENSIONS[mimeType];
	const match = /\.([a-z0-9]{2,5})$/i.exec(new URL(url).pathname);
	return match ? match[1].toLowerCase() : 'jpg';
}

function mimeOf(extension: string): string {
	return (
		Object.entries(EXTENSIONS).find(([, ext]) => ext === extension)?.[0] ??
		'application/octet-stream'
	);
}

/** `data` for the first result, `data_1`, `data_2`… for the next ones. */
function binaryPropertyName(prefix: string, index: number): string {
	return index === 0 ? prefix : `${prefix}_${index}`;
}

/**
 * Downloads the chosen size of each result image into binary properties, streamed.
 * Names read `<tool>-<process id>-<n>.<ext>` so files from many processes do not collide.
 */
async function downloadResults(
	context: IExecuteFunctions,
	summary: ProcessSummary,
	size: Exclude<ResultFiles, 'none'>,
	prefix: string,
	signal?: AbortSignal,
): Promise<Record<string, IBinaryData>> {
	const binary: Record<string, IBinaryData> = {};
	let index = 0;
	for (const asset of summary.final_assets) {
		const url = size === 'thumbnail' ? (asset.thumbnail ?? asset.src) : asset.src;
		if (!url) continue;
		const download = await downloadFile.call(context, url, { signal });
		const extension = extensionOf(url, download.contentType);
		const tool = (summary.tool ?? 'result').replace(/^tool-/, '');
		const suffix = size === 'thumbnail' ? '-thumb' : '';
		const fileName = `${tool}-${summary.process_id}-${index + 1}${suffix}.${extension}`;
		binary[binaryPropertyName(prefix, index)] = await context.helpers.prepareBinaryData(
			download.body as Buffer,
			fileName,
			download.contentType?.startsWith('image/') ? download.contentType : mimeOf(extension),
		);
		index++;
	}
	return binary;
}

/** A process summary as an output item, with its result images as binary when asked. */
export async function toOutputItem(
	context: IExecuteFunctions,
	summary: ProcessSummary,
	files: ResultFiles,
	binaryPrefix: string,
	signal?: AbortSignal,
): Promise<INodeExecutionData> {
	if (files === 'none') return { json: summary };
	const binary = await downloadResults(context, summary, files, binaryPrefix, signal);
	return { json: summary, binary };
}
