import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import type { ZodError } from 'zod';

import { apiErrorBodySchema } from '../schemas';
import { MIN_POLL_INTERVAL_SECONDS } from '../shared/constants';

/** What the failed request was about, for messages such as "Process 69a6… was not found". */
export interface RequestSubject {
	method: string;
	path: string;
	subject?: string;
}

function platformText(body: unknown): string | undefined {
	const parsed = apiErrorBodySchema.safeParse(body);
	if (parsed.success) return parsed.data.error ?? parsed.data.message;
	return typeof body === 'string' && body.length > 0 && body.length < 300 ? body : undefined;
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
	404: {
		message: (s) => `${s.subject ?? 'The requested item'} was not found (404)`,
		description:
			'Check the ID: it must be a 24-character ID from the same AI HomeDesign account as the credential.',
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

/** Turns an HTTP error answer into the error a user sees: what happened and what to do. */
export function httpError(
	node: INode,
	status: number,
	body: unknown,
	request: RequestSubject,
	attempts: number,
): NodeApiError {
	const said = platformText(body);
	const advice = ADVICE[status];
	let message: string;
	let description: string;
	if (advice) {
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

export function networkError(
	node: INode,
	code: string,
	request: RequestSubject,
	host: string,
	attempts: number,
): NodeApiError {
	const mayHaveHappened = request.method !== 'GET';
	return new NodeApiError(
		node,
		{ networkError: code, request: `${request.method} ${request.path}` } as JsonObject,
		{
			// The code stays out of the message: n8n would swap a message naming it for a generic one.
			message: `Could not reach AI HomeDesign at ${host}`,
			description: mayHaveHappened
				? `No answer came back (${code}), so it is unknown whether the request was carried out. It was not sent again, to avoid creating or charging twice: check the dashboard before running again.`
				: `No answer after ${attempts} attempt(s) (${code}). Check the Base URL in the credential and your network, then run again.`,
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
