import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

/** A delivery the trigger answers with an error status and that starts nothing. */
export interface Refusal {
	status: number;
	/** Short, names the field or the check that failed. Sent to the caller: never echo secrets. */
	reason: string;
	/** Sent as `Retry-After` on answers that ask the platform to try again. */
	retryAfterSeconds?: number;
	/** The answer's body, when not `{ received: false, error: reason }` (the reason is then only logged). */
	body?: IDataObject;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

export const accept = <T>(value: T): Checked<T> => ({ ok: true, value });
export const reject = <T>(
	status: number,
	reason: string,
	retryAfterSeconds?: number,
): Checked<T> => ({ ok: false, refusal: { status, reason, retryAfterSeconds } });

/**
 * The answer to a delivery from a stranger: a missing or wrong secret, or a process id the API
 * does not know (forged). The same for all of them, shaped like n8n's own answer to a URL with
 * no webhook, so a sender learns neither that a secret is expected nor whether an id exists.
 * `reason` goes to the log only (for the n8n owner).
 */
export function notRegistered<T>(context: IWebhookFunctions, reason: string): Checked<T> {
	const request = context.getRequestObject() as { method?: unknown; path?: unknown };
	const method = typeof request.method === 'string' ? request.method : 'POST';
	const path =
		typeof request.path === 'string' ? request.path.replace(/^\/?webhook(-test)?\//, '') : '';
	return {
		ok: false,
		refusal: {
			status: 404,
			reason,
			body: {
				code: 404,
				message: `The requested webhook "${method} ${path}" is not registered.`,
				hint: "The workflow must be active for a production URL to run successfully. You can activate the workflow using the toggle in the top-right of the editor. Note that unlike test URL calls, production URL calls aren't shown on the canvas (only in the executions list)",
			},
		},
	};
}

/** Body of the 2xx answer to a delivery the trigger took. */
export const RECEIVED: IDataObject = { received: true };

/**
 * Answers a refused delivery itself (n8n only answers with the webhook description's code, 200),
 * then tells n8n not to answer again. No `workflowData`: no execution starts.
 */
export function refuse(context: IWebhookFunctions, refusal: Refusal): IWebhookResponseData {
	const level = refusal.status >= 500 ? 'warn' : 'debug';
	context.logger[level](
		`AI HomeDesign Trigger refused a delivery (${refusal.status}): ${refusal.reason}`,
	);
	const res = context.getResponseObject();
	if (refusal.retryAfterSeconds !== undefined) {
		res.setHeader('Retry-After', String(refusal.retryAfterSeconds));
	}
	res.status(refusal.status).json(refusal.body ?? { received: false, error: refusal.reason });
	return { noWebhookResponse: true };
}

/**
 * A 200 answer that starts nothing (filtered out, or already seen): without `workflowData`, n8n
 * sends `webhookResponse` as the body and runs no workflow.
 */
export function ignore(context: IWebhookFunctions, why: string): IWebhookResponseData {
	context.logger.debug(`AI HomeDesign Trigger ignored a delivery: ${why}`);
	return { webhookResponse: { ...RECEIVED, started: false, reason: why } };
}
