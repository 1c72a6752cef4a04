import type { IBinaryData, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { FinalAsset, Process } from '../schemas';
import { downloadFile } from '../transport';

export type ResultFiles = 'none' | 'full' | 'thumbnail';

export interface ResultAsset extends IDataObject {
	asset_id: string;
	asset_type: string | null;
	src: string | null;
	thumbnail: string | null;
}

export interface ProcessSummary extends IDataObject {
	process_id: string;
	status: string;
	tool: string | null;
	order_id: string | null;
	final_assets: ResultAsset[];
}

/** One result asset as the node outputs it: the permanent URL where there is one, else the temporary one. */
export function toResultAsset(asset: FinalAsset): ResultAsset {
	return {
		asset_id: asset.asset_id,
		asset_type: asset.asset_type ?? null,
		src: asset.src || asset.temp_src || null,
		thumbnail: asset.thumbnail_src || asset.temp_thumbnail_src || null,
	};
}

export function summarizeProcess(
	processId: string,
	snapshot: Process,
	known: { tool?: string; order_id?: string } = {},
): ProcessSummary {
	return {
		process_id: processId,
		status: snapshot.status,
		tool: snapshot.tool ?? known.tool ?? null,
		order_id: snapshot.order_id ?? known.order_id ?? null,
		final_assets: (snapshot.final_assets ?? []).map(toResultAsset),
	};
}

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
export function binaryPropertyName(prefix: string, index: number): string {
	return index === 0 ? prefix : `${prefix}_${index}`;
}

/**
 * Downloads the chosen size of each result image into binary properties, streamed.
 * Names read `<tool>-<process id>-<n>.<ext>` so files from many processes do not collide.
 */
export async function downloadResults(
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
