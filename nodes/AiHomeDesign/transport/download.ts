import type { IExecuteFunctions, IN8nHttpFullResponse, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { throwIfCancelled } from '../shared/errors';
import {
	credentialSecrets,
	getBaseUrl,
	MAX_RESULT_BYTES,
	MAX_UPLOAD_BYTES,
	TRANSFER_TIMEOUT_MS,
} from './context';
import { isPrivateHost } from './hosts';
import { executionCancelSignal } from './request';
import { BodyTooLargeError, readBody } from './response';
import { getWithoutKey, type AnswerReader } from './send';

/** Redirect hops a download follows, each one checked again. */
export const MAX_DOWNLOAD_REDIRECTS = 5;

function parse(url: string): URL | undefined {
	try {
		return new URL(url);
	} catch {
		return undefined;
	}
}

/**
 * Result images are only fetched from https URLs on public hosts, or from the same origin as
 * the configured base URL (a local simulator or proxy). Private and loopback hosts only when the
 * Base URL itself is one (a local setup). Never from anywhere else a payload might point to.
 */
export function isAllowedDownloadUrl(url: string, baseUrl: string): boolean {
	const target = parse(url);
	const base = parse(baseUrl);
	if (!target || !base) return false;
	if (target.origin === base.origin) return true;
	if (target.protocol !== 'https:') return false;
	return !isPrivateHost(target.hostname) || isPrivateHost(base.hostname);
}

/** A photo URL the user gave: http(s), and no private or loopback host unless the Base URL is local. */
function isAllowedUserUrl(url: string, baseUrl: string): boolean {
	const target = parse(url);
	const base = parse(baseUrl);
	if (!target || !base) return false;
	if (target.protocol !== 'https:' && target.protocol !== 'http:') return false;
	if (target.username || target.password) return false;
	return !isPrivateHost(target.hostname) || isPrivateHost(base.hostname);
}

export interface Download {
	body: Buffer | NodeJS.ReadableStream;
	contentType?: string;
	/** Where the bytes came from after redirects. */
	url: string;
}

export interface DownloadOptions {
	/** Default: the execution's cancel signal. */
	signal?: AbortSignal;
	/** The user typed the URL (an input photo): plain http is allowed too. */
	userGiven?: boolean;
	/** Default: 100 MB for results, 50 MB (the platform's limit) for a user's photo. */
	maxBytes?: number;
}

/**
 * Cuts a body off once more than `maxBytes` came through (counted after decompression), and
 * when `signal` aborts (the transfer's deadline or the execution's cancel), without reading it:
 * the caller still streams it to n8n's binary store.
 */
function guardStream(body: unknown, maxBytes: number, signal: AbortSignal): void {
	const stream = body as {
		push?: (chunk: unknown, encoding?: unknown) => boolean;
		destroy?: (error?: Error) => void;
		once?: (event: string, listener: () => void) => void;
	};
	if (typeof stream.push !== 'function' || typeof stream.destroy !== 'function') return;
	const push = stream.push.bind(stream);
	const destroy = stream.destroy.bind(stream);
	let total = 0;
	// Bytes enter a readable stream through push(): counting there needs no second reader.
	stream.push = (chunk, encoding) => {
		if (chunk !== null && chunk !== undefined) {
			total += typeof chunk === 'string' ? Buffer.byteLength(chunk) : (chunk as Buffer).length;
			if (total > maxBytes) {
				destroy(new BodyTooLargeError(maxBytes));
				return false;
			}
		}
		return push(chunk, encoding);
	};
	const onAbort = () => destroy(new Error('The download was cancelled or took too long'));
	signal.addEventListener('abort', onAbort, { once: true });
	stream.once?.('close', () => signal.removeEventListener('abort', onAbort));
}

function refused(
	context: IExecuteFunctions,
	url: string,
	userGiven: boolean,
	hop: number,
): NodeApiError {
	const where = hop === 0 ? url : `${url} (redirect ${hop})`;
	return new NodeApiError(context.getNode(), { url } as JsonObject, {
		message: userGiven
			? 'Refused to download the photo from this address'
			: 'Refused to download a result from a non-HTTPS or internal address',
		description: userGiven
			? `Photos are downloaded from public http(s) addresses only, not from this machine or a private network, and not with a user name or password in the URL. Got: ${where}`
			: `Results are downloaded only from public https URLs or from the credential's base URL. Got: ${where}`,
	});
}

/**
 * Streams one image. No API key is sent: result URLs point at a CDN. Redirects are followed
 * here, hop by hop, at most `MAX_DOWNLOAD_REDIRECTS`, each hop checked like the first URL. One
 * transfer has a hard deadline and a byte cap, and ends when the execution is cancelled.
 */
export async function downloadFile(
	this: IExecuteFunctions,
	url: string,
	options: DownloadOptions = {},
): Promise<Download> {
	const baseUrl = await getBaseUrl.call(this);
	const userGiven = options.userGiven === true;
	const signal = options.signal ?? executionCancelSignal(this);
	const maxBytes = options.maxBytes ?? (userGiven ? MAX_UPLOAD_BYTES : MAX_RESULT_BYTES);
	const allowed = (target: string) =>
		userGiven ? isAllowedUserUrl(target, baseUrl) : isAllowedDownloadUrl(target, baseUrl);
	const host = (target: string) => parse(target)?.host ?? target;

	let current = url;
	for (let hop = 0; ; hop++) {
		throwIfCancelled(this.getNode(), signal);
		if (!allowed(current)) throw refused(this, current, userGiven, hop);
		const subject = userGiven ? `The photo at ${host(current)}` : `The result at ${host(current)}`;
		const request = {
			method: 'GET',
			path: current,
			subject,
			url: current,
			secrets: credentialSecrets(this),
			externalHost: userGiven ? host(current) : undefined,
			notFoundAdvice:
				'Result links are temporary: run Process → Get for fresh links, and download the files (Result Files) in the same run if later steps need them.',
		};
		const read: AnswerReader<IN8nHttpFullResponse> = (response, attemptSignal) => {
			if (response.statusCode < 300) guardStream(response.body, maxBytes, attemptSignal);
			return { ok: true, value: response };
		};
		const response = await getWithoutKey(
			this,
			request,
			{ encoding: 'stream', timeout: TRANSFER_TIMEOUT_MS },
			read,
			{ signal, returnRedirects: true, retry: {} },
		);
		if (response.statusCode >= 300) {
			const location = response.headers?.location;
			(response.body as { destroy?: () => void } | undefined)?.destroy?.();
			const next =
				typeof location === 'string' ? parse(new URL(location, current).href) : undefined;
			if (!next || hop >= MAX_DOWNLOAD_REDIRECTS) {
				throw new NodeApiError(this.getNode(), { url: current } as JsonObject, {
					message: `${subject} redirected ${next ? `more than ${MAX_DOWNLOAD_REDIRECTS} times` : 'nowhere'}`,
					description: 'Use the final address of the image directly, then run again.',
				});
			}
			current = next.href;
			continue;
		}
		const declared = Number(response.headers?.['content-length']);
		if (Number.isFinite(declared) && declared > maxBytes) {
			(response.body as { destroy?: () => void } | undefined)?.destroy?.();
			throw tooLarge(this, subject, maxBytes);
		}
		const contentType = response.headers?.['content-type'];
		return {
			body: response.body as Download['body'],
			contentType:
				typeof contentType === 'string'
					? contentType.split(';')[0].trim().toLowerCase()
					: undefined,
			url: current,
		};
	}
}

function tooLarge(context: IExecuteFunctions, subject: string, maxBytes: number): NodeApiError {
	return new NodeApiError(context.getNode(), {} as JsonObject, {
		message: `${subject} is larger than ${Math.round(maxBytes / (1024 * 1024))} MB`,
		description:
			'AI HomeDesign takes photos of up to 50 MB. Use a smaller file (or a resized copy), then run again.',
	});
}

/**
 * Downloads a whole file into memory, at most `maxBytes` counted while it streams in (a
 * compressed answer is counted after decompression).
 */
export async function downloadToBuffer(
	this: IExecuteFunctions,
	url: string,
	options: DownloadOptions = {},
): Promise<Download & { body: Buffer }> {
	const download = await downloadFile.call(this, url, options);
	const maxBytes = options.maxBytes ?? (options.userGiven ? MAX_UPLOAD_BYTES : MAX_RESULT_BYTES);
	const subject = options.userGiven ? `The photo at ${parse(download.url)?.host}` : 'The result';
	try {
		const bytes = await readBody(
			download.body,
			maxBytes,
			options.signal ?? executionCancelSignal(this),
		);
		const body = Buffer.isBuffer(bytes) ? bytes : Buffer.from(String(bytes ?? ''));
		return { ...download, body };
	} catch (error) {
		throwIfCancelled(this.getNode(), options.signal ?? executionCancelSignal(this));
		if (error instanceof BodyTooLargeError) throw tooLarge(this, subject, maxBytes);
		throw new NodeApiError(this.getNode(), { url: download.url } as JsonObject, {
			message: `${subject} broke off before it was complete`,
			description: 'The image host stopped sending. Check the URL, then run again.',
		});
	}
}
