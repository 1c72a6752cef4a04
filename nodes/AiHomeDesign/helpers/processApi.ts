import type { IExecuteFunctions } from 'n8n-workflow';

import { processSchema, type Process } from '../schemas';
import type { RetryPolicy } from '../transport/retry';
import { apiRequest } from '../transport';

/** Reads one process. Used by Get, by the poller, and by the trigger's verification. */
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
		retry: options.retry,
	});
	return data;
}
