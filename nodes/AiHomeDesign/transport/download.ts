import type { IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { getBaseUrl, TRANSFER_TIMEOUT_MS } from './context';
import { asIs, getWithoutKey } from './send';

/**
 * Result images are only fetched from https URLs, or from the same origin as the configured
 * base URL (a local simulator or proxy): never from anywhere else a payload might point to.
 */
export function isAllowedDownloadUrl(url: string, baseUrl: string): boolean {
	let target: URL;
	try {
		target = new URL(url);
	} catch {
		return false;
	}
	if (target.protocol === 'https:') return true;
	return target.origin === new URL(baseUrl).origin;
}

export interface Download {
	body: Buffer | NodeJS.ReadableStream;
	contentType?: string;
}

/**
 * Streams one image. No API key is sent: result URLs point at a CDN. `userGiven`: the user typed
 * the URL (an input photo), so plain http is allowed too.
 */
export async function downloadFile(
	this: IExecuteFunctions,
	url: string,
	options: { signal?: AbortSignal; userGiven?: boolean } = {},
): Promise<Download> {
	const baseUrl = await getBaseUrl.call(this);
	const request = { method: 'GET', path: url, subject: `The image at ${url}`, url };
	const allowed = options.userGiven
		? /^https?:\/\//i.test(url)
		: isAllowedDownloadUrl(url, baseUrl);
	if (!allowed) {
		throw new NodeApiError(this.getNode(), { url } as JsonObject, {
			message: 'Refused to download a result from a non-HTTPS address',
			description: `Results are downloaded only from https URLs or from the credential's base URL. Got: ${url}`,
		});
	}
	const response = await getWithoutKey(
		this,
		request,
		{ encoding: 'stream', timeout: TRANSFER_TIMEOUT_MS, abortSignal: options.signal },
		asIs,
		options.signal,
	);
	const contentType = response.headers?.['content-type'];
	return {
		body: response.body as Download['body'],
		contentType: typeof contentType === 'string' ? contentType.split(';')[0].trim() : undefined,
	};
}
