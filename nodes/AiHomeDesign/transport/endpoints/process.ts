import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import {
	createProcessResponseSchema,
	processSchema,
	type CreateProcessBody,
	type Process,
} from '../../schemas';
import { clock } from '../../shared/clock';
import { MIN_POLL_INTERVAL_MS } from '../../shared/constants';
import { throwIfCancelled } from '../../shared/errors';
import type { ApiContext } from '../context';
import { ambiguousOrRethrow, type AmbiguousOutcomeError } from '../errors';
import { apiRequest, executionCancelSignal } from '../request';
import type { RetryPolicy } from '../retry';
import { getOrder } from './order';
import { findCreatedProcess, type Reconciled } from './reconcile';

/**
 * After an ambiguous answer the order is read this long after the send, then again: a process
 * the platform was still creating when the gateway gave up shows up a little later.
 */
export const RECONCILE_READ_DELAYS_MS = [5000, 15_000];
/** Sends of one `POST /process` at most: the second only after the order showed none was made. */
const MAX_PROCESS_SENDS = 2;

/**
 * Reads one process: for Get, the poller and the trigger's verification. Retries keep the
 * platform's 5-second spacing unless the caller says otherwise.
 */
export async function getProcess(
	this: ApiContext,
	processId: string,
	options: {
		signal?: AbortSignal;
		retry?: Partial<RetryPolicy>;
		/** The platform's `width`/`height`: result URLs resized (absent: the original size). */
		size?: { width?: number; height?: number };
	} = {},
): Promise<Process> {
	const { data } = await apiRequest.call(this, {
		method: 'GET',
		path: `/process/${encodeURIComponent(processId)}`,
		qs: options.size ? { ...options.size } : undefined,
		schema: processSchema,
		subject: `Process ${processId}`,
		signal: options.signal,
		retry: { minDelayMs: MIN_POLL_INTERVAL_MS, ...options.retry },
	});
	return data;
}

/**
 * Creates one process, exactly once. A 429 is waited out (`rateLimitQueueMs`). An ambiguous
 * answer (5xx, timeout, dropped connection, unreadable 2xx) is never re-sent blindly: the order
 * is read back and the process this request created is adopted; only when the order shows that
 * none was created is the request sent again (once). When the order cannot tell, the node stops
 * and says what to check in the dashboard. `orderIsNew`: the order was uploaded by this item a
 * moment ago (Run Tool), so every matching process on it is this item's.
 */
export async function createProcess(
	this: IExecuteFunctions,
	body: CreateProcessBody,
	rateLimitQueueMs = 0,
	options: { orderIsNew?: boolean; refusal?: { message: string; description: string } } = {},
): Promise<{
	processId: string;
	rateLimitedMs: number;
	reconciled?: boolean;
	/** The group a mask refinement joins, for tools that create one (e.g. AI Item Removal). */
	processGroupId?: string;
}> {
	const signal = executionCancelSignal(this);
	for (let send = 1; ; send++) {
		const sentAt = clock.now();
		let ambiguous: AmbiguousOutcomeError;
		try {
			const answer = await apiRequest.call(this, {
				method: 'POST',
				path: '/process',
				body: body as unknown as IDataObject,
				schema: createProcessResponseSchema,
				subject: `Order ${body.order_id}`,
				signal,
				retry: { rateLimitQueueMs },
				refusal: options.refusal,
			});
			return {
				processId: answer.data.process_ids[0],
				rateLimitedMs: answer.rateLimitedMs,
				processGroupId: answer.data.process_group_id ?? undefined,
			};
		} catch (error) {
			ambiguous = ambiguousOrRethrow(error);
		}
		const outcome = await readBack(this, body, sentAt, options.orderIsNew === true, signal);
		if (outcome.kind === 'found') {
			this.logger?.info(
				`AI HomeDesign: POST /process got no clear answer; adopted process ${outcome.processId} found on order ${body.order_id}`,
			);
			return { processId: outcome.processId, rateLimitedMs: 0, reconciled: true };
		}
		if (outcome.kind === 'none' && send < MAX_PROCESS_SENDS) {
			this.logger?.info(
				`AI HomeDesign: POST /process got no clear answer and order ${body.order_id} shows no new process; sending it again`,
			);
			continue;
		}
		throw cannotTell(this, body, ambiguous, outcome);
	}
}

async function readBack(
	context: IExecuteFunctions,
	body: CreateProcessBody,
	sentAt: number,
	orderIsNew: boolean,
	signal?: AbortSignal,
): Promise<Reconciled> {
	let outcome: Reconciled = { kind: 'unknown', why: 'the order could not be read' };
	for (const delay of RECONCILE_READ_DELAYS_MS) {
		const wait = sentAt + delay - clock.now();
		if (wait > 0) await clock.sleep(wait, signal);
		throwIfCancelled(context.getNode(), signal);
		try {
			const order = await getOrder.call(context, body.order_id);
			outcome = findCreatedProcess(order, body, sentAt, orderIsNew);
		} catch (error) {
			throwIfCancelled(context.getNode(), signal);
			outcome = {
				kind: 'unknown',
				why: `the order could not be read (${(error as Error).message})`,
			};
		}
		if (outcome.kind === 'found') return outcome;
	}
	return outcome;
}

function cannotTell(
	context: IExecuteFunctions,
	body: CreateProcessBody,
	ambiguous: AmbiguousOutcomeError,
	outcome: Reconciled,
): NodeApiError {
	if (outcome.kind === 'none') {
		// Sent twice, each time answered unclearly, and the order shows nothing: the platform is failing.
		return new NodeApiError(context.getNode(), { order_id: body.order_id } as JsonObject, {
			message: ambiguous.message,
			description:
				`${ambiguous.description ?? ''} Order ${body.order_id} shows no ${body.tool} process, so nothing was created or charged. Try again later.`.trim(),
			httpCode: ambiguous.httpCode ?? undefined,
		});
	}
	const why = outcome.kind === 'unknown' ? outcome.why : 'the order shows no clear match';
	return new NodeApiError(context.getNode(), { order_id: body.order_id } as JsonObject, {
		message: `It is unknown whether AI HomeDesign created the ${body.tool} process`,
		description: `The platform gave no clear answer to the request (${ambiguous.message}), and ${why}. It was not sent again, to avoid a second charged process. Open order ${body.order_id} in the AI HomeDesign dashboard: if it shows a new ${body.tool} result, use that; if not, run this item again.`,
		httpCode: ambiguous.httpCode ?? undefined,
	});
}
