import type { IExecuteFunctions } from 'n8n-workflow';

import { processSchema, type Process } from '../schemas';
import type { RetryPolicy } from '../transport/retry';
import { apiRequest } from '../transport';

/** The platform allows one status request per process every 5 seconds. */
export const MIN_POLL_INTERVAL_MS = 5000;

/**
 * Reads one process: for Get, the poller and the trigger's verification. Retries keep the
 * platform's 5-second spacing unless the caller says otherwise.
 */
export async function getProcess(
	this: Pick<IExecuteFunctions, 'getNode' | 'getCredentials' | 'helpers' | 'logger'>,
	processId: string,
	options: { signal?: AbortSignal; retry?: Partial<RetryPolicy> } = {},
): Promise<Process> {
	const { data } = await apiRequest.call(this as IExecuteFunctions, {
		method: 'GET',
		path: `/process/${encodeURIComponent(processId)}`,
		schema: processSchema,
		subject: `Process ${processId}`,
		signal: options.signal,
		retry: { minDelayMs: MIN_POLL_INTERVAL_MS, ...options.retry },
	});
	return data;
}
