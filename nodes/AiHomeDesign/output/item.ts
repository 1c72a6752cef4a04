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

/** Raster image types only: an SVG (or HTML) answer is not kept as such; its bytes become `.bin`. */
function extensionOf(url: string, mimeType: string | undefined): string {
	if (mimeType && EXTENSIONS[mimeType]) return EXTENSIONS[mimeType];
	if (mimeType && mimeType !== 'application/octet-stream') return 'bin';
	const match = /\.([a-z0-9]{2,5})$/i.exec(new URL(url).pathname);
	const extension = match ? match[1].toLowerCase().replace('jpeg', 'jpg') : 'jpg';
	return Object.values(EXTENSIONS).includes(extension) ? extension : 'bin';
}

/** A file-name segment from what the API said: lower-case letters, digits and dashes only. */
function safeSegment(value: string, fallback: string): string {
	const safe = value
		.toLowerCase()
		.replace(/[^a-z0-9-]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60);
	return safe || fallback;
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
		const tool = safeSegment((summary.tool ?? 'result').replace(/^tool-/, ''), 'result');
		const suffix = size === 'thumbnail' ? '-thumb' : '';
		const id = safeSegment(summary.process_id, 'process');
		const fileName = `${tool}-${id}-${index + 1}${suffix}.${extension}`;
		binary[binaryPropertyName(prefix, index)] = await context.helpers.prepareBinaryData(
			download.body as Buffer,
			fileName,
			mimeOf(extension),
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
