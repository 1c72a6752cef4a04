// Types for harness.js (plain JavaScript: it needs timers and node builtins, which linted .ts files may not use).
import type {
	IAuthenticateGeneric,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

export declare const CREDENTIAL_TYPE: 'aiHomeDesignApi';

export interface TimeSource {
	readonly start: number;
	now(): number;
	/** now() - start */
	elapsed(): number;
	/** Every sleep asked for, in ms. */
	readonly sleeps: number[];
	/** Sleepers waiting (virtual time only). */
	readonly pending: number;
	sleep(ms: number, signal?: AbortSignal): Promise<void>;
	/** Runs one request: virtual time stands still until it settles. */
	track<T>(fn: () => Promise<T>): Promise<T>;
}

/** A discrete-event clock: time jumps to the next wake-up when no tracked request is in flight. */
export function createVirtualTime(options?: { start?: number }): TimeSource;
export function createRealTime(): TimeSource;

/** Points the package's clock (nodes/AiHomeDesign/helpers/clock) at `time`; returns the undo. */
export function installClock(
	clockObject: { now: () => number; sleep: (ms: number, signal?: AbortSignal) => Promise<void> },
	time: TimeSource,
): () => void;

export interface HttpCall {
	kind: 'auth' | 'plain';
	method: string;
	url: string;
	status?: number;
	error?: string;
}

export interface HttpHelpers {
	calls: HttpCall[];
	httpRequestWithAuthentication(this: unknown, type: string, options: unknown): Promise<unknown>;
	httpRequest(options: unknown): Promise<unknown>;
}

/** n8n-core's real request helpers, with the credential's generic auth applied as n8n does. */
export function createHttpHelpers(options: {
	node: INode;
	credentialType?: string;
	authenticate: IAuthenticateGeneric;
	time?: TimeSource;
	/** Multiplies every request timeout. */
	timeoutScale?: number;
}): HttpHelpers;

export interface LogEntry {
	level: 'debug' | 'info' | 'warn' | 'error';
	message: string;
	meta?: unknown;
}

export interface BinaryStats {
	files: number;
	bytes: number;
	maxFileBytes: number;
	/** Files handed over as a stream (not a Buffer). */
	streamed: number;
}

export interface ExecuteContextOptions {
	node: INode;
	baseUrl: string;
	apiKey: string;
	authenticate: IAuthenticateGeneric;
	params: IDataObject | ((itemIndex: number) => IDataObject);
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	signal?: AbortSignal;
	time?: TimeSource;
	timeoutScale?: number;
	/** Keep downloaded bytes (as n8n's in-memory mode); default: stream through and count. */
	keepBinary?: boolean;
	logs?: LogEntry[];
}

export function createExecuteContext(options: ExecuteContextOptions): {
	context: IExecuteFunctions;
	logs: LogEntry[];
	calls: HttpCall[];
	binaryStats: BinaryStats;
};

/** The workflow's saved static data; what webhook() writes is kept only with persistWebhookWrites. */
export interface StaticStore {
	saved: IDataObject;
	persistWebhookWrites?: boolean;
}

export interface TriggerDelivery {
	node: INode;
	params?: IDataObject;
	/** A JSON value (serialized), or `raw` bytes/text. */
	body?: unknown;
	raw?: string | Buffer;
	headers?: Record<string, string | undefined>;
	query?: IDataObject;
	mode?: 'webhook' | 'manual';
	workflowId?: string;
	store?: StaticStore;
	baseUrl?: string;
	apiKey?: string;
	authenticate?: IAuthenticateGeneric;
	time?: TimeSource;
	timeoutScale?: number;
	credentialsMissing?: boolean;
	logs?: LogEntry[];
}

export interface TriggerAnswer {
	result?: IWebhookResponseData;
	/** What the sender got back. */
	status: number;
	body: unknown;
	headers: Record<string, string>;
	/** An execution started. */
	started: boolean;
	items?: IDataObject[];
	/** Time inside webhook(), ms. */
	answerMs?: number;
	logs?: LogEntry[];
	apiCalls?: HttpCall[];
	/** n8n answered before webhook() ran (invalid JSON). */
	byN8n?: boolean;
}

/** A node's parameters as a fresh node in the editor has them (its description's defaults), plus `overrides`. */
export function parametersOf(
	description: { properties: Array<{ name: string; type: string; default: unknown }> },
	overrides?: IDataObject,
): IDataObject;

export function deliverToTrigger(
	trigger: { webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> },
	options: TriggerDelivery,
): Promise<TriggerAnswer>;

/** Every string reachable from `value`, Error internals included, joined: search it for secrets. */
export function deepText(value: unknown, limit?: number): string;

export function percentile(sorted: number[], p: number): number;

/** A generator of unique 24-hex ids. */
export function idFactory(seed?: number): () => string;

export function streamToBuffer(body: unknown): Promise<Buffer>;
