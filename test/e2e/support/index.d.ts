// Types of the end-to-end harness (index.js and the files it re-exports are plain CommonJS; see index.js).
import type { ExecutionStatus, IRunExecutionData } from 'n8n-workflow';

export interface Runtime {
	cacheDir: string;
	/** Folder holding Node 24's `node` (put first on PATH). */
	nodeBin: string;
	nodeExe: string;
	nodeDir: string;
	n8nDir: string;
	n8nModules: string;
	/** n8n's bin script, run as `<nodeExe> <n8nBin> start`. */
	n8nBin: string;
	nodeVersion: string;
	n8nVersion: string;
}

export interface WorkflowNodeJson {
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	/** Give webhook and trigger nodes a fixed one. */
	webhookId?: string;
	credentials?: Record<string, { id: string; name: string }>;
	disabled?: boolean;
	[key: string]: unknown;
}

export interface WorkflowJson {
	/** Generated (16 letters/digits) when missing; read it back from `instance.workflows`. */
	id?: string;
	name: string;
	nodes: WorkflowNodeJson[];
	connections?: Record<string, unknown>;
	settings?: Record<string, unknown>;
	[key: string]: unknown;
}

export interface CredentialJson {
	id?: string;
	name: string;
	type: string;
	/** Plain values: `n8n import:credentials` encrypts them with the instance's key. */
	data: Record<string, unknown>;
}

export interface Owner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

export interface StartOptions {
	/** This package's npm tarball (getPackedTarball()); installed as n8n's community-package installer would. */
	tarball?: string;
	workflows?: WorkflowJson[];
	credentials?: CredentialJson[];
	/** true (default): every workflow with an activatable trigger (see hasActivatableTrigger); false; or ids. */
	publish?: boolean | string[];
	/** 'cli' (default): `n8n publish:workflow` before start (~4 s per workflow);
	 * 'api': POST /api/v1/workflows/<id>/activate once running (~0.1 s per workflow). */
	publishVia?: 'cli' | 'api';
	/** Fixed HTTP port (e.g. 5678 for a demo); default: a free loopback port. */
	port?: number;
	/** Extra environment for n8n; wins over the harness's defaults. */
	env?: Record<string, string>;
	owner?: Partial<Owner>;
	/** Public API key scopes; default: every scope the owner may grant. */
	apiKeyScopes?: string[];
	/** Copy a migrated database from the runtime cache instead of migrating (default true). */
	dbTemplate?: boolean;
	startTimeoutMs?: number;
	stopGraceMs?: number;
	runtime?: Runtime;
}

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
	/** Default TERMINAL_STATUSES (success, error, crashed, canceled). */
	statuses?: ExecutionStatus[];
	includeData?: boolean;
}

export interface PublicationStatus {
	status: 'in_progress' | 'not_published' | 'published' | 'partial' | 'failed';
	liveVersionId: string | null;
	pendingVersionId: string | null;
	triggers: Array<{ nodeId: string; status: string; errorMessage: string | null }>;
}

export interface WebhookResponse {
	status: number;
	headers: Record<string, string>;
	text: string;
	/** Parsed body, undefined when it is not JSON. */
	json: unknown;
}

export interface WebhookCallOptions {
	method?: string;
	/** Objects are sent as JSON; strings and Buffers as they are. */
	body?: unknown;
	headers?: Record<string, string>;
	/** Keep retrying a 404 this long (default 5000). */
	retry404Ms?: number;
}

export interface InstalledPackage {
	name: string;
	version: string;
	dir: string;
	/** The package.json `n8n` section (nodes, credentials, ...). */
	n8n: { nodes?: string[]; credentials?: string[]; [key: string]: unknown };
}

export interface NodeTypeDescription {
	name: string;
	displayName: string;
	version: number | number[];
	group: string[];
	[key: string]: unknown;
}

export interface N8nInstance {
	readonly baseUrl: string;
	readonly port: number;
	readonly brokerPort: number;
	readonly userFolder: string;
	/** Public API key (X-N8N-API-KEY). */
	readonly apiKey: string;
	readonly owner: Owner;
	/** Imported workflows, with their (possibly generated) ids. */
	readonly workflows: Array<WorkflowJson & { id: string }>;
	readonly credentials: Array<CredentialJson & { id: string }>;
	/** Ids of the workflows that were published. */
	readonly published: string[];
	/** Publication status per published workflow, after start. */
	readonly activation: Record<string, PublicationStatus>;
	readonly package: InstalledPackage | null;
	/** Milliseconds: prepareMs, importMs, startMs, loginMs, activateMs, stopMs. */
	readonly timings: Record<string, number>;

	webhookUrl(path: string): string;
	webhookTestUrl(path: string): string;
	callWebhook(path: string, options?: WebhookCallOptions): Promise<WebhookResponse>;
	listExecutions(filter?: ExecutionFilter): Promise<Execution[]>;
	waitForExecutions(options: WaitForExecutionsOptions): Promise<Execution[]>;
	getExecution(id: string, options?: { includeData?: boolean }): Promise<Execution>;
	publicationStatus(workflowId: string): Promise<PublicationStatus>;
	waitForPublication(
		ids?: string[],
		options?: { timeoutMs?: number },
	): Promise<Record<string, PublicationStatus>>;
	activateWorkflow(id: string): Promise<unknown>;
	deactivateWorkflow(id: string): Promise<unknown>;
	nodeTypes(): Promise<NodeTypeDescription[]>;
	credentialTypes(): Promise<Array<{ name: string; displayName: string; [key: string]: unknown }>>;
	/** Internal REST API (/rest/...) as the owner; path includes /rest. */
	rest<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
	/** Public API; path after /api/v1. */
	api<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
	/** Runs an n8n CLI command on this instance's folder (changes reach a running n8n after restart()).
	 * `env`: extra environment for this run. While n8n runs, the CLI gets a task-broker port of its own
	 * (`n8n execute` starts a broker and would collide with the running n8n's). */
	runCli(
		args: string[],
		options?: { allowFailure?: boolean; env?: Record<string, string> },
	): Promise<string>;
	/** Graceful stop and start on the same folder, ports and API key; `env` is merged into the extra env. */
	restart(options?: { env?: Record<string, string> }): Promise<void>;
	/** Stops n8n (its whole process group) and removes its folder. */
	stop(): Promise<void>;
	/** Everything n8n and the CLI runs wrote to stdout/stderr. */
	logs(): string;
}

export declare const DEFAULT_OWNER: Owner;
export declare const TERMINAL_STATUSES: ExecutionStatus[];

export declare function ensureRuntime(): Runtime;
export declare function packPackage(options?: { destDir?: string; build?: boolean }): string;
export declare function getPackedTarball(): string;
export declare function startN8n(options?: StartOptions): Promise<N8nInstance>;
export declare function stopLeftovers(options?: { graceMs?: number }): Promise<number>;
export declare function hasActivatableTrigger(workflow: WorkflowJson): boolean;

// ---------- workflows.js: the example workflows in test/e2e/workflows/ ----------

/** The example workflow files. */
export declare const FILES: {
	/** Manual Trigger → sample photo → Order Create → Process Create (wait, download) → check. */
	readonly createAndWait: string;
	/** Manual Trigger → sample photo → Run Tool on Image → check (the demo's). */
	readonly photoToStaged: string;
	/** Webhook (raw image body) → Run Tool on Image → check; answers with the staged image. */
	readonly stagingWebhook: string;
	/** AI HomeDesign Trigger → Set "Record completion". */
	readonly triggerRecord: string;
};
export declare const WORKFLOWS_DIR: string;
export declare const CREDENTIAL_TYPE: 'aiHomeDesignApi';
/** The credential every example workflow names. */
export declare const SIMULATOR_CREDENTIAL: { readonly id: string; readonly name: string };
export declare const ACTION_TYPE: string;
export declare const TRIGGER_TYPE: string;

export interface LoadWorkflowOptions {
	/** Put on every AI HomeDesign node that names a credential. */
	credential?: { id: string; name: string };
	id?: string;
	name?: string;
	/** Appended to Webhook paths; every webhookId is renewed (for a second copy in the same n8n). */
	pathSuffix?: string;
	/** Merged into the AI HomeDesign Trigger's parameters, e.g. { secret }. */
	trigger?: Record<string, unknown>;
}

/** A fresh copy of a workflow file (name in FILES, or an absolute path). */
export declare function loadWorkflow(
	file: string,
	options?: LoadWorkflowOptions,
): WorkflowJson & { id: string };
/** The credential the workflows name, pointing at the simulator (apiKey default 'test-api-key'). */
export declare function simulatorCredential(
	apiBaseUrl: string,
	options?: { apiKey?: string; id?: string; name?: string },
): CredentialJson & { id: string };
/** `<webhookId>/aihomedesign`: the trigger's path below /webhook/. */
export declare function triggerWebhookPath(workflow: WorkflowJson): string;
/** The Webhook node's path below /webhook/. */
export declare function webhookNodePath(workflow: WorkflowJson): string;

// ---------- demo.js ----------

export interface DemoCheckResult {
	code: number | null;
	signal: string | null;
	stdout: string;
	stderr: string;
	durationMs: number;
	n8nPort: number;
	simPort: number;
}

/** Runs `node test/demo/run-demo.js --check` on free ports (DEMO_TARBALL = options.tarball). */
export declare function runDemoCheck(options?: {
	tarball?: string;
	env?: Record<string, string>;
	timeoutMs?: number;
}): Promise<DemoCheckResult>;
