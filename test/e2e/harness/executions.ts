// Reading executions back through n8n's public API: lists, one execution, and polling until some exist or
// until a workflow is idle.
import type { ExecutionStatus, IDataObject, IRunExecutionData } from 'n8n-workflow';

import { sleep } from '../../support/sleep';
import type { N8nApi } from './n8n-api';

/** The states an execution ends in. */
export const TERMINAL_STATUSES: ExecutionStatus[] = ['success', 'error', 'crashed', 'canceled'];

export interface Execution {
	id: string;
	finished: boolean;
	mode: string;
	status: ExecutionStatus;
	workflowId: string;
	startedAt: string;
	stoppedAt: string | null;
	retryOf?: string | null;
	retrySuccessId?: string | null;
	waitTill?: string | null;
	customData?: Record<string, string>;
	/** Present with includeData (the default). */
	data?: IRunExecutionData;
	[key: string]: unknown;
}

export interface ExecutionFilter {
	workflowId?: string;
	status?: ExecutionStatus;
	/** Default 250 (the public API's maximum). */
	limit?: number;
	/** Default true. */
	includeData?: boolean;
	projectId?: string;
	cursor?: string;
}

export interface WaitForExecutionsOptions {
	workflowId?: string;
	/** Default 1. */
	count?: number;
	/** Default 30000. */
	timeoutMs?: number;
	intervalMs?: number;
	/** Default TERMINAL_STATUSES. */
	statuses?: ExecutionStatus[];
	includeData?: boolean;
}

interface Page {
	data: Execution[];
	nextCursor?: string | null;
}

async function page(n8n: N8nApi, filter: ExecutionFilter): Promise<Page> {
	const { includeData = true, limit = 250, ...rest } = filter;
	const qs = new URLSearchParams({ includeData: String(includeData), limit: String(limit) });
	for (const [k, v] of Object.entries(rest))
		if (v !== undefined && v !== null) qs.set(k, String(v));
	return await n8n.api<Page>('GET', `/executions?${qs.toString()}`);
}

/** One page of executions (newest first, as n8n returns them). */
export async function listExecutions(
	n8n: N8nApi,
	filter: ExecutionFilter = {},
): Promise<Execution[]> {
	return (await page(n8n, filter)).data;
}

/** Every page of a filter. */
async function allExecutions(n8n: N8nApi, filter: ExecutionFilter): Promise<Execution[]> {
	const out: Execution[] = [];
	let cursor: string | undefined;
	for (;;) {
		const p = await page(n8n, { ...filter, cursor });
		out.push(...p.data);
		cursor = p.nextCursor ?? undefined;
		if (!cursor || p.data.length === 0) return out;
	}
}

export async function getExecution(
	n8n: N8nApi,
	id: string,
	{ includeData = true } = {},
): Promise<Execution> {
	return await n8n.api('GET', `/executions/${id}?includeData=${includeData}`);
}

/** Polls until the workflow has at least `count` executions in one of `statuses`; resolves with them, oldest
 * first. On timeout the error ends with `context()` (e.g. n8n's log tail). */
export async function waitForExecutions(
	n8n: N8nApi,
	{
		workflowId,
		count = 1,
		timeoutMs = 30000,
		intervalMs = 250,
		statuses = TERMINAL_STATUSES,
		includeData = true,
	}: WaitForExecutionsOptions,
	context: () => string = () => '',
): Promise<Execution[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const all = await listExecutions(n8n, { workflowId, includeData });
		const seen = all.filter((e) => statuses.includes(e.status));
		if (seen.length >= count) return seen.sort((a, b) => Number(a.id) - Number(b.id));
		if (Date.now() > deadline) {
			throw new Error(
				`waitForExecutions: ${seen.length}/${count} executions of workflow ${workflowId} in ${statuses.join('|')} ` +
					`after ${timeoutMs} ms; all: ${JSON.stringify(all.map((e) => ({ id: e.id, status: e.status })))}\n` +
					context(),
			);
		}
		await sleep(intervalMs);
	}
}

export interface ExecutionItem {
	id: string;
	status: string;
	json?: IDataObject;
	/** Why it failed, when it did (n8n's message for the execution). */
	error?: string;
}

/** Every execution of a workflow, each with the first item `nodeName` output. */
export async function executionItems(
	n8n: N8nApi,
	workflowId: string,
	nodeName: string,
): Promise<ExecutionItem[]> {
	return (await allExecutions(n8n, { workflowId })).map((e) => ({
		id: e.id,
		status: e.status,
		json: e.data?.resultData.runData[nodeName]?.[0]?.data?.main[0]?.[0]?.json,
		error: e.data?.resultData.error?.message,
	}));
}

/** How many executions a workflow has (in `status`, if given). */
export async function countExecutions(
	n8n: N8nApi,
	workflowId: string,
	status?: ExecutionStatus,
): Promise<number> {
	return (await allExecutions(n8n, { workflowId, status, includeData: false })).length;
}

/** Waits until a workflow has no execution running and the count held still twice (at least `expected`),
 * or `timeoutMs` passed; resolves with the count. */
export async function waitForIdle(
	n8n: N8nApi,
	workflowId: string,
	{ timeoutMs = 60000, expected }: { timeoutMs?: number; expected?: number } = {},
): Promise<number> {
	const deadline = Date.now() + timeoutMs;
	let last = -1;
	let stable = 0;
	for (;;) {
		const running = await countExecutions(n8n, workflowId, 'running');
		const total = await countExecutions(n8n, workflowId);
		if (running === 0 && (expected === undefined || total >= expected)) {
			stable = total === last ? stable + 1 : 0;
			if (stable >= 2) return total;
		}
		last = total;
		if (Date.now() > deadline) return total;
		await sleep(500);
	}
}
