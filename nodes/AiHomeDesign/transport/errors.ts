import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import type { ZodError } from 'zod';

import { apiErrorBodySchema } from '../schemas';
import { insecureBaseUrlWarning } from './context';
import { DEFAULT_BASE_URL, MIN_POLL_INTERVAL_SECONDS } from '../shared/constants';

/** What the failed request was about, for messages such as "Process 69a6… was not found". */
export interface RequestSubject {
	method: string;
	path: string;
	subject?: string;
	/** Set on API requests: an http:// Base URL adds a warning to every error. */
	baseUrl?: string;
	/** Credential values scrubbed from every quoted text (see `scrub`). */
	secrets?: readonly string[];
	/**
	 * Set when the server is not AI HomeDesign's (the image host of a user's photo URL): errors
	 * name that host and say nothing about the AI HomeDesign key, plan or rate limit.
	 */
	externalHost?: string;
	/** A 422 in words, from the caller (the tool and settings it refused), instead of the generic advice. */
	refusal?: { message: string; description: string };
	/** What to do about a 404 from a request that names no ID (a result link, the tool catalog). */
	notFoundAdvice?: string;
}

/** A URL without user info, query (signed links carry tokens there) and fragment, for a message. */
function shownUrl(url: string): string {
	try {
		const parsed = new URL(url);
		return `${parsed.origin}${parsed.pathname === '/' ? '' : parsed.pathname}`;
	} catch {
		return scrub(url.split(/[?#]/)[0]);
	}
}

/** An error answer from a server that is not AI HomeDesign's. */
function externalHttpError(
	node: INode,
	status: number,
	said: string | undefined,
	request: RequestSubject,
	attempts: number,
): NodeApiError {
	const host = request.externalHost ?? 'the image host';
	const advice: Record<number, string> = {
		401: 'It asks for a login: use a link that opens in a private browser window without signing in (a public or shared link).',
		403: 'It refuses to hand the photo out: use a public or shared link, or upload the photo as binary data instead.',
		404: `Check the Image URL: nothing is (or is any longer) at ${shownUrl(request.path)}. Open it in a private browser window: it should show the photo itself.`,
		429: `It limits how often it may be asked (tried ${attempts} time(s)). Wait a little, or fetch fewer photos at once.`,
	};
	let description =
		advice[status] ??
		(status >= 500
			? `It failed ${attempts} time(s) in a row. Try again later, or use another copy of the photo.`
			: 'Check the link, or upload the photo as binary data instead.');
	description +=
		' This is about the image host, not about AI HomeDesign: nothing was sent to AI HomeDesign.';
	if (said) description += ` The host said: "${said}".`;
	return new NodeApiError(
		node,
		{ status, host, request: `${request.method} ${host}` } as JsonObject,
		{
			message:
				status === 404
					? `The image host ${host} has no photo at this URL (404)`
					: `The image host ${host} answered ${status} for the photo URL`,
			description,
			httpCode: String(status),
		},
	);
}

/** A warning sentence to append when the request went to a plain-http Base URL. */
function insecureNote(request: RequestSubject): string {
	const warning = request.baseUrl ? insecureBaseUrlWarning(request.baseUrl) : undefined;
	return warning ? ` Warning: ${warning}` : '';
}

/** How much of a server's own words a message quotes. */
export const MAX_QUOTED_CHARS = 300;

const REDACTED = '[redacted]';

/**
 * A server's text made safe to show: every credential value (the API key first) and anything
 * that looks like an echoed key header replaced, control characters (CR/LF) flattened, and cut
 * at `MAX_QUOTED_CHARS`. A server that echoes request headers cannot put the key in a message.
 */
export function scrub(text: string, secrets: readonly string[] = []): string {
	let safe = text;
	for (const secret of secrets) {
		if (secret) safe = safe.split(secret).join(REDACTED);
	}
	safe = safe
		.replace(
			/(x-api-key|authorization|api[_-]?key)(["']?\s*[:=]\s*["']?)[^\s"',;}]+/gi,
			`$1$2${REDACTED}`,
		)
		.split('')
		.map((c) => (c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127 ? ' ' : c))
		.join('')
		.replace(/ {2,}/g, ' ')
		.trim();
	return safe.length > MAX_QUOTED_CHARS ? `${safe.slice(0, MAX_QUOTED_CHARS)}…` : safe;
}

function platformText(body: unknown, secrets: readonly string[]): string | undefined {
	const parsed = apiErrorBodySchema.safeParse(body);
	const said = parsed.success
		? (parsed.data.error ?? parsed.data.message)
		: typeof body === 'string' && body.length > 0 && body.length < 2000 && !/^\s*</.test(body)
			? body
			: undefined;
	if (typeof said !== 'string') return undefined;
	const safe = scrub(said, secrets);
	return safe === '' ? undefined : safe;
}

const ADVICE: Record<number, { message: (s: RequestSubject) => string; description: string }> = {
	400: {
		message: () => 'AI HomeDesign refused the request as incomplete or invalid (400)',
		description: 'Check the fields named in the platform message below.',
	},
	401: {
		message: () => 'The AI HomeDesign API key was rejected (401)',
		description:
			'Open the AI HomeDesign credential and paste the key again from the dashboard, under API. Keys need the Enterprise plan.',
	},
	403: {
		message: () => 'Your AI HomeDesign plan does not allow this (403)',
		description:
			'The key is valid, but the plan lacks API access or this tool. Ask AI HomeDesign to enable it for your account, or pick another tool.',
	},
	422: {
		message: () => 'The inputs do not fit the chosen tool (422)',
		description:
			"Every input slot and widget item must belong to the chosen tool. Pick them from the node's dropdowns, or check the slugs in your JSON.",
	},
	429: {
		message: () => 'AI HomeDesign rate limit reached (429)',
		description: `The platform allows 10 processes per 10 minutes and one status check per process every ${MIN_POLL_INTERVAL_SECONDS} seconds. Wait a few minutes and run again, or send fewer items at once.`,
	},
};

/** Whether a Base URL's path misses the API version: the platform answers a bare 404 below it. */
export function missesApiVersion(baseUrl: string): boolean {
	try {
		return !/\/v3$/i.test(new URL(baseUrl).pathname.replace(/\/+$/, ''));
	} catch {
		return false;
	}
}

/** A 404: the ID, the Base URL, or what the caller says (a result link, the tool catalog). */
function notFound(request: RequestSubject): { message: string; description: string } {
	const base = request.baseUrl;
	if (base && missesApiVersion(base)) {
		return {
			message: "Nothing was found at the credential's Base URL (404): it should end with /v3",
			description: `The Base URL is ${shownUrl(base)}. Set it to ${DEFAULT_BASE_URL}, or to your proxy's address ending in /v3.`,
		};
	}
	if (request.notFoundAdvice) {
		return {
			message: `${request.subject ?? 'The requested address'} was not found (404)`,
			description: request.notFoundAdvice,
		};
	}
	if (!request.subject) {
		return {
			message: 'AI HomeDesign has nothing at this address (404)',
			description: `Check the Base URL in the credential: ${DEFAULT_BASE_URL}, or your proxy's address ending in /v3.`,
		};
	}
	return {
		message: `${request.subject} was not found (404)`,
		description:
			'Check the ID: it must be a 24-character ID from the same AI HomeDesign account as the credential.',
	};
}

/** Turns an HTTP error answer into the error a user sees: what happened and what to do. */
export function httpError(
	node: INode,
	status: number,
	body: unknown,
	request: RequestSubject,
	attempts: number,
): NodeApiError {
	const said = platformText(body, request.secrets ?? []);
	if (request.externalHost) return externalHttpError(node, status, said, request, attempts);
	const advice = ADVICE[status];
	let message: string;
	let description: string;
	if (status === 422 && request.refusal) {
		({ message, description } = request.refusal);
	} else if (status === 404) {
		({ message, description } = notFound(request));
	} else if (advice) {
		message = advice.message(request);
		description = advice.description;
	} else if (status >= 500) {
		message = `AI HomeDesign had a problem answering (${status})`;
		description = `The platform failed ${attempts} time(s) in a row. Try again later. If it keeps failing for one tool, check the tool slug: the platform answers 500 to unknown tools.`;
	} else {
		message = `AI HomeDesign answered ${status}`;
		description = 'The request was not accepted.';
	}
	if (said) description += ` Platform message: "${said}".`;
	description += insecureNote(request);
	return new NodeApiError(
		node,
		{ status, error: said ?? null, request: `${request.method} ${request.path}` } as JsonObject,
		{
			message,
			description,
			httpCode: String(status),
		},
	);
}

/**
 * A request that creates something (POST) got no clear answer: a 5xx, a timeout, a dropped
 * connection or an unreadable 2xx. The platform may have acted, so the transport does not send
 * it again; the endpoint reconciles (a process) or stops (an order). `error` is what the user
 * sees when nothing more can be found out.
 */
export class AmbiguousOutcomeError extends NodeApiError {
	readonly ambiguous = true;
}

export function isAmbiguous(error: unknown): error is AmbiguousOutcomeError {
	return error instanceof AmbiguousOutcomeError;
}

/** Lets an ambiguous error through to the caller's reconciling; passes any other one on as it is. */
export function ambiguousOrRethrow(error: unknown): AmbiguousOutcomeError {
	if (error instanceof AmbiguousOutcomeError) return error;
	throw error;
}

/** Passes an error that is already the user's error on, as it is. */
export function passOn(error: NodeApiError): never {
	throw error;
}

/** Copies a final error into an ambiguous one: same message, description and code. */
export function markAmbiguous(node: INode, error: NodeApiError): AmbiguousOutcomeError {
	return new AmbiguousOutcomeError(node, { ambiguous: true } as JsonObject, {
		message: error.message,
		description: error.description ?? undefined,
		httpCode: error.httpCode ?? undefined,
	});
}

export function networkError(
	node: INode,
	code: string,
	request: RequestSubject,
	host: string,
	attempts: number,
): NodeApiError {
	const mayHaveHappened = request.method !== 'GET';
	const ErrorType = mayHaveHappened ? AmbiguousOutcomeError : NodeApiError;
	if (request.externalHost) {
		return new NodeApiError(
			node,
			{ networkError: code, host: request.externalHost } as JsonObject,
			{
				message: `Could not reach the image host ${request.externalHost}`,
				description: `No answer after ${attempts} attempt(s) (${code}). Check that the photo URL opens in a browser, then run again. Nothing was sent to AI HomeDesign.`,
			},
		);
	}
	return new ErrorType(
		node,
		{ networkError: code, request: `${request.method} ${request.path}` } as JsonObject,
		{
			// The code stays out of the message: n8n would swap a message naming it for a generic one.
			message: `Could not reach AI HomeDesign at ${host}`,
			description: mayHaveHappened
				? `No answer came back (${code}), so it is unknown whether the request was carried out. It was not sent again, to avoid creating or charging twice: check the dashboard before running again.`
				: `No answer after ${attempts} attempt(s) (${code}). Check the Base URL in the credential and your network, then run again.${insecureNote(request)}`,
		},
	);
}

function originOf(location: unknown, base: string): string | undefined {
	try {
		return new URL(String(location), base).origin;
	} catch {
		return undefined;
	}
}

/**
 * A 3xx answer to an API request. Not followed: the API key would go with it, to wherever the
 * answer points (n8n strips only Authorization and Cookie on a cross-origin redirect).
 */
export function redirectError(
	node: INode,
	status: number,
	location: unknown,
	request: RequestSubject & { url: string },
): NodeApiError {
	const target = originOf(Array.isArray(location) ? location[0] : location, request.url);
	const own = originOf(request.url, request.url);
	const where = target && target !== own ? `to another origin, ${target}` : 'elsewhere';
	return new NodeApiError(
		node,
		{
			status,
			request: `${request.method} ${request.path}`,
			redirect: target ?? null,
		} as JsonObject,
		{
			message: `AI HomeDesign answered with a redirect (${status}) ${where}; it was not followed`,
			description: `The API key is only ever sent to the Base URL's origin (${own ?? 'unknown'}). Check the Base URL in the credential: use the address the API answers at directly (the default is ${DEFAULT_BASE_URL}).`,
			httpCode: String(status),
		},
	);
}

export function shapeError(node: INode, error: ZodError, request: RequestSubject): NodeApiError {
	const issue = error.issues[0];
	const field = issue?.path.length ? issue.path.join('.') : '(the whole answer)';
	return new NodeApiError(
		node,
		{ request: `${request.method} ${request.path}`, field } as JsonObject,
		{
			message: `AI HomeDesign answered in an unexpected shape: field "${field}" ${issue?.message ?? 'is invalid'}`,
			description:
				'The platform may have changed its API. Update the community node; if this persists, report it with this message.',
		},
	);
}
