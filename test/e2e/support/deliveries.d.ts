// Types for deliveries.js (plain JavaScript: node:http and timers).
import type { IDataObject } from 'n8n-workflow';

import type { N8nInstance } from './index';

export interface PostResult {
	/** 0 = no answer (see `error`). */
	status: number;
	body?: string;
	headers?: Record<string, string | string[] | undefined>;
	error?: string;
	ms: number;
}

export interface Delivery {
	url: string;
	body: unknown;
	headers?: Record<string, string>;
	/** Free-form: what the test planned this delivery to be. */
	tag?: string;
	key?: string;
	/** Tries for this delivery (default: the retry option's attempts). */
	maxAttempts?: number;
	/** Filled in by deliverAll / deliverPaced. */
	sentAt?: number;
	/** Each try: HTTP status (0 = no answer), when it was answered, and the first 200 characters of the body. */
	attempts?: Array<{ status: number; error?: string; ms: number; at: number; answer?: string }>;
	final?: number;
	answer?: string;
}

export function post(
	url: string,
	body: unknown,
	options?: { headers?: Record<string, string>; agent?: unknown; timeoutMs?: number },
): Promise<PostResult>;

/** Sends groups (a group = deliveries sent at the same moment) with retries on non-2xx, `concurrency` at a time. */
export function deliverAll(
	groups: Array<Delivery | Delivery[]>,
	options?: {
		concurrency?: number;
		retry?: { attempts?: number; delaysMs?: number[] };
		keepAlive?: boolean;
		timeoutMs?: number;
	},
): Promise<Delivery[]>;

/** Open loop: delivery i starts at i × intervalMs whatever the answers; each retried on its own. */
export function deliverPaced(
	deliveries: Delivery[],
	options?: {
		intervalMs?: number;
		retry?: { attempts?: number; delaysMs?: number[] };
		timeoutMs?: number;
	},
): Promise<Delivery[]>;

export interface ExecutionItem {
	id: string;
	status: string;
	json?: IDataObject;
}

export function executionItems(
	n8n: N8nInstance,
	workflowId: string,
	nodeName: string,
): Promise<ExecutionItem[]>;

export function countExecutions(
	n8n: N8nInstance,
	workflowId: string,
	status?: string,
): Promise<number>;

export function waitForIdle(
	n8n: N8nInstance,
	workflowId: string,
	options?: { timeoutMs?: number; expected?: number },
): Promise<number>;

export function n8nPid(n8n: N8nInstance): number | undefined;

export function sleep(ms: number): Promise<void>;

/** n8n log level for the fault suite: AIHD_FAULTS_LOG_LEVEL, default info. */
export function faultsLogLevel(): string;
export function faultsGracefulSeconds(): number;
