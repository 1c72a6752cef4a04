/** The core's types: requests and answers, options, fault switches, and the records it keeps. */
import type { Clock } from '../../support/time/virtual-clock';
import type { AssetRole } from './spec/uploads';

export type { AssetRole } from './spec/uploads';

export interface SimRequest {
	method: string;
	/** Path without query string, e.g. `/v3/process/69a6...`. */
	path: string;
	query: Record<string, string>;
	/** Lower-case header names. */
	headers: Record<string, string | undefined>;
	body?: Buffer;
}

export interface SimResponse {
	status: number;
	headers: Record<string, string>;
	/** An object is sent as JSON. */
	body?: Buffer | string | object;
}

export type Outcome = 'done' | 'failed' | 'never';
export interface ToolRun {
	tool: string;
	/** 0-based creation index over all processes of this platform. */
	index: number;
}

export interface PlatformOptions {
	/** The one valid key, e.g. `test-api-key`. */
	apiKey: string;
	/** Default: real time. Tests pass a virtual clock (test/support/time) and move it by hand. */
	clock?: Clock;
	/**
	 * Where result images are served, e.g. `http://127.0.0.1:PORT`. An empty string is allowed when the
	 * port is not known yet: the HTTP shell then fills it in with setPublicBaseUrl().
	 */
	publicBaseUrl: string;
	/** pending → processing → done time, ms. Default 12000. Pending lasts the first 20%. */
	processDurationMs?: number | ((p: ToolRun) => number);
	/** Default 'done'. 'never' stays processing forever and sends no webhook. */
	outcome?: (p: ToolRun) => Outcome;
	/** Wrap success bodies as `{ data, message: 'ok' }` (default true); false = bare bodies. */
	envelope?: boolean;
	/** Default 10 per 600000 ms; false = unlimited. */
	generationLimit?: { max: number; windowMs: number } | false;
	/**
	 * Off by default: the docs only advise polling a process at most every 5 s, they document no 429 for it.
	 * A number switches on a hard 429 for a GET /v3/process/:id sooner than that after the last accepted one.
	 */
	pollMinIntervalMs?: number | false;
	/**
	 * Size of each result image, bytes: a real JPEG padded to exactly this size (made smaller first when the
	 * photo does not fit). Default: as encoded, the photo's width and height.
	 */
	resultImageBytes?: number;
	/** Result images per finished process (default 1). */
	resultsPerProcess?: number | ((p: ToolRun) => number);
	/** Also put `src`/`thumbnail_src` into webhook assets (default false: only `temp_*`, as in the docs' example). */
	webhookIncludeSrc?: boolean;
	/** Address of the account's default project. */
	defaultProjectAddress?: string;
	/** Tool slugs the catalog lists with `isActive: false`; creating a process with one gets the raw 500. */
	inactiveTools?: string[];
}

export type ProcessStatus = 'pending' | 'processing' | 'done' | 'failed';

/** Which requests a fault hits. Default: V3 API requests (`/v3/...`), not files or the catalog. */
export type FaultFilter = (req: { method: string; path: string }) => boolean;
export type MalformedKind = 'wrong-shape' | 'invalid-json' | 'html' | 'empty';

interface Burst {
	count: number;
	only?: FaultFilter;
}

export interface FaultSwitches {
	/**
	 * The next `count` requests answer `status` (default 500; 502/503/504 come as an HTML proxy page).
	 * Without side effects, or with `afterHandling: true` after the platform handled the request (a
	 * gateway error after the process or order was created).
	 */
	serverErrorBurst: Burst & { status?: number; afterHandling?: boolean };
	/** The next `count` requests answer 429 with no side effects; `Retry-After` when `retryAfterSeconds` is set. */
	rateLimitBurst: Burst & { retryAfterSeconds?: number };
	/**
	 * The next `count` requests answer 200 with a broken body and no side effects:
	 * 'wrong-shape' (default) `{ data: { status: 42 } }`, 'invalid-json' (cut-off JSON), 'html', 'empty'.
	 */
	malformedBody: Burst & { kind?: MalformedKind };
	/** Applied by the HTTP shell: every answer waits this long. */
	slowMs: number;
	/**
	 * Applied by the HTTP shell: the next `count` requests get their socket destroyed without an answer.
	 * `afterHandling: true` lets the platform handle the request first (side effects happen, the answer is lost).
	 */
	dropConnection: Burst & { afterHandling?: boolean };
	/** The next `count` order uploads store nothing and answer 201 with `assets: []` (a plan out of credits). */
	orderWithoutAssets: Burst;
	/** The next `count` answers that carry a process status carry `status` instead (default 'queued'). */
	unknownStatus: Burst & { status?: string };
	/** The next `count` success answers carry these extra fields (default `{ sim_extra: true }`), on every object of `data`. */
	extraFields: Burst & { fields?: Record<string, unknown> };
	/**
	 * The next `count` success answers that have the field at `path` lose it. `path` is dotted inside
	 * `data`, `*` for every array element, e.g. `final_assets.*.src`, `process_ids`, `assets.*.id`.
	 */
	missingField: Burst & { path: string };
}

export type FaultName = Exclude<keyof FaultSwitches, 'slowMs'>;

export interface CallRecord {
	method: string;
	path: string;
	at: number;
	/** 0 = connection dropped without an answer. */
	status: number;
	fault?: FaultName;
}

// A type alias (not an interface) so that it fits passthrough object types.
export type ApiFinalAsset = {
	asset_id: string;
	asset_type: 'image';
	src?: string;
	temp_src?: string;
	thumbnail_src?: string;
	temp_thumbnail_src?: string;
};

/** The `process.completed` webhook body, as the docs show it. */
export type ProcessCompletedEvent = {
	event: 'process.completed';
	process_id: string;
	order_id: string;
	tool: string;
	status: 'done' | 'failed';
	final_assets: ApiFinalAsset[];
};

// ----------------------------------------------------------------- records (the views derive from them)

export interface SimProject {
	id: string;
	/** Creation order, the tie-breaker when two projects share a timestamp. */
	seq: number;
	address: string;
	default: boolean;
	createdAt: number;
	updatedAt: number;
}

export interface SimAsset {
	id: string;
	role: AssetRole;
	filename: string;
	contentType: string;
	ext: string;
	data: Buffer;
	createdAt: number;
}

export interface SimOrder {
	id: string;
	project_id: string;
	createdAt: number;
	assets: SimAsset[];
	process_ids: string[];
}

export interface SimProcess {
	id: string;
	index: number;
	tool: string;
	order_id: string;
	asset_map: Record<string, string>;
	widgets: Array<{ slug: string; item_slugs: string[] }>;
	process_group_id?: string;
	createdAt: number;
	durationMs: number;
	outcome: Outcome;
	resultIds: string[];
	/** Every GET /v3/process/:id for this id, accepted or refused by the poll rule. */
	pollTimes: number[];
	/** Only the accepted polls. */
	acceptedPollTimes: number[];
}

/** A group of processes (automatic removal, then mask refinements), named by the POST /process answer. */
export interface SimGroup {
	id: string;
	order_id: string;
	process_ids: string[];
}

// ----------------------------------------------------------------- inspection views

export type SimProjectView = Omit<SimProject, 'seq'> & { order_ids: string[] };
export type SimAssetView = Omit<SimAsset, 'data' | 'ext'> & { src: string; size: number };
export type SimOrderView = Omit<SimOrder, 'assets'> & { assets: SimAssetView[] };
export type SimProcessView = Omit<SimProcess, 'resultIds'> & {
	status: ProcessStatus;
	/** When the status becomes terminal; null for 'never'. */
	terminalAt: number | null;
	final_assets: ApiFinalAsset[];
};
