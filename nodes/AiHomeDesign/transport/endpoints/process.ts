import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	createProcessResponseSchema,
	processSchema,
	type CreateProcessBody,
	type Process,
} from '../../schemas';
import { MIN_POLL_INTERVAL_MS } from '../../shared/constants';
import type { ApiContext } from '../context';
import { apiRequest } from '../request';
import type { RetryPolicy } from '../retry';

/**
 * Reads one process: for Get, the poller and the trigger's verification. Retries keep the
 * platform's 5-second spacing unless the caller says otherwise.
 */
export async function getProcess(
	this: ApiContext,
	processId: string,
	options: { signal?: AbortSignal; retry?: Partial<RetryPolicy> } = {},
): Promise<Process> {
	const { data } = await apiRequest.call(this, {
		method: 'GET',
		path: `/process/${encodeURIComponent(processId)}`,
		schema: processSchema,
		subject: `Process ${processId}`,
		signal: options.signal,
		retry: { minDelayMs: MIN_POLL_INTERVAL_MS, ...options.retry },
	});
	return data;
}

/**
 * Sends one `POST /process`. Never re-sent without an answer: a second send could create a second,
 * charged process. `rateLimitQueueMs`: how long to wait out the 10-per-10-minutes limit.
 */
export async function createProcess(
	this: IExecuteFunctions,
	body: CreateProcessBody,
	rateLimitQueueMs = 0,
): Promise<{ processId: string; rateLimitedMs: number }> {
	const { data, rateLimitedMs } = await apiRequest.call(this, {
		method: 'POST',
		path: '/process',
		body: body as unknown as IDataObject,
		schema: createProcessResponseSchema,
		subject: `Order ${body.order_id}`,
		signal: this.getExecutionCancelSignal?.(),
		retry: { rateLimitQueueMs },
	});
	return { processId: data.process_ids[0], rateLimitedMs };
}
