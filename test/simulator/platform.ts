/**
 * The AI HomeDesign V3 platform, simulated: pure logic, no sockets, no timers. Time comes from an injected
 * clock, so a process's status, the rate limits and the webhook events all move only when the clock does.
 * The node:http shell (http-server.js) puts this on a loopback port and delivers the webhook events.
 *
 * Behaviour follows /work/shared/aihomedesign-api.md; the shapes are the shared zod schemas.
 */
import { randomBytes } from 'crypto';

import {
	ASSET_ROLES,
	createProcessBodySchema,
	type AssetRole,
	type ProcessCompleted,
	type ProcessStatus,
} from '../../nodes/AiHomeDesign/schemas';
import { systemClock, type SimClock } from './clock';
import { makeJpeg } from './jpeg';
import { boundaryOf, parseMultipart, type FormPart } from './multipart';
import { SIM_TOOLS, simTool, widgetAcceptsItem } from './tools';

export { FakeClock, systemClock, type SimClock } from './clock';
export { looksLikeJpeg, makeJpeg } from './jpeg';
export { encodeForm } from './multipart';
export * from './tools';

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
	/** Default: the system clock. */
	clock?: SimClock;
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
	/** Default 5000: a GET /v3/process/:id sooner than that after the last accepted one for the same id gets 429. */
	pollMinIntervalMs?: number | false;
	/** Size of each generated result image, bytes (default 2048). A real JPEG. */
	resultImageBytes?: number;
	/** Result images per finished process (default 1). */
	resultsPerProcess?: number | ((p: ToolRun) => number);
	/** Also put `src`/`thumbnail_src` into webhook assets (default false: only `temp_*`, as in the docs' example). */
	webhookIncludeSrc?: boolean;
	/** Address of the account's default project. */
	defaultProjectAddress?: string;
}

/** Which requests a fault hits. Default: V3 API requests (`/v3/...`), not files or the catalog. */
export type FaultFilter = (req: { method: string; path: string }) => boolean;
export type MalformedKind = 'wrong-shape' | 'invalid-json' | 'html' | 'empty';

export interface FaultSwitches {
	/** The next `count` requests answer `status` (default 500; 502/503/504 come as an HTML proxy page) with no side effects. */
	serverErrorBurst: { count: number; status?: number; only?: FaultFilter };
	/** The next `count` requests answer 429 with no side effects; `Retry-After` when `retryAfterSeconds` is set. */
	rateLimitBurst: { count: number; retryAfterSeconds?: number; only?: FaultFilter };
	/**
	 * The next `count` requests answer 200 with a broken body and no side effects:
	 * 'wrong-shape' (default) `{ data: { status: 42 } }`, 'invalid-json' (cut-off JSON), 'html', 'empty'.
	 */
	malformedBody: { count: number; kind?: MalformedKind; only?: FaultFilter };
	/** Applied by the HTTP shell: every answer waits this long. */
	slowMs: number;
	/**
	 * Applied by the HTTP shell: the next `count` requests get their socket destroyed without an answer.
	 * `afterHandling: true` lets the platform handle the request first (side effects happen, the answer is lost).
	 */
	dropConnection: { count: number; afterHandling?: boolean; only?: FaultFilter };
}

export interface CallRecord {
	method: string;
	path: string;
	at: number;
	/** 0 = connection dropped without an answer. */
	status: number;
	fault?: 'serverErrorBurst' | 'rateLimitBurst' | 'malformedBody' | 'dropConnection';
}

// A type alias (not an interface) so that it fits the schemas' passthrough object types.
export type ApiFinalAsset = {
	asset_id: string;
	asset_type: 'image';
	src?: string;
	temp_src?: string;
	thumbnail_src?: string;
	temp_thumbnail_src?: string;
};

export interface SimProcessView {
	id: string;
	index: number;
	tool: string;
	order_id: string;
	status: ProcessStatus;
	createdAt: number;
	durationMs: number;
	outcome: Outcome;
	/** When the status becomes terminal; null for 'never'. */
	terminalAt: number | null;
	final_assets: ApiFinalAsset[];
	/** Every GET /v3/process/:id for this id, accepted or refused by the poll rule. */
	pollTimes: number[];
	/** Only the accepted polls. */
	acceptedPollTimes: number[];
	asset_map: Record<string, string>;
	widgets: Array<{ slug: string; item_slugs: string[] }>;
	process_group_id?: string;
}

export interface SimAssetView {
	id: string;
	role: AssetRole;
	src: string;
	filename: string;
	contentType: string;
	size: number;
	createdAt: number;
}

export interface SimOrderView {
	id: string;
	project_id: string;
	createdAt: number;
	assets: SimAssetView[];
	process_ids: string[];
}

export interface SimProjectView {
	id: string;
	address: string;
	default: boolean;
	createdAt: number;
	updatedAt: number;
	order_ids: string[];
}

interface ProjectRec {
	id: string;
	seq: number;
	address: string;
	isDefault: boolean;
	createdAt: number;
	updatedAt: number;
}

interface AssetRec {
	id: string;
	role: AssetRole;
	filename: string;
	contentType: string;
	ext: string;
	data: Buffer;
	createdAt: number;
}

interface OrderRec {
	id: string;
	projectId: string;
	createdAt: number;
	assets: AssetRec[];
	processIds: string[];
}

interface ProcessRec {
	id: string;
	index: number;
	tool: string;
	orderId: string;
	assetMap: Record<string, string>;
	widgets: Array<{ slug: string; item_slugs: string[] }>;
	processGroupId?: string;
	createdAt: number;
	durationMs: number;
	outcome: Outcome;
	resultIds: string[];
	pollTimes: number[];
	acceptedPollTimes: number[];
}

const JSON_TYPE = 'application/json; charset=utf-8';
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
const IMAGE_EXTENSIONS = [
	'jpg',
	'jpeg',
	'png',
	'webp',
	// RAW formats
	'raw',
	'dng',
	'cr2',
	'cr3',
	'nef',
	'arw',
	'orf',
	'rw2',
	'raf',
	'srw',
	'pef',
];
const EXTENSION_TYPES: Record<string, string> = {
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	webp: 'image/webp',
};

const isApiRequest: FaultFilter = (req) => req.path === '/v3' || req.path.startsWith('/v3/');

function json(status: number, body: object, headers: Record<string, string> = {}): SimResponse {
	return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body };
}

function apiError(status: number, error: string, key: string): SimResponse {
	return json(status, { error, key });
}

const notFound = (what: string) => apiError(404, `${what} not found`, 'api_error_not_found');
const badRequest = (error: string) => apiError(400, error, 'api_error_bad_request');
const unprocessable = (error: string) => apiError(422, error, 'api_error_unprocessable');

export class Platform {
	readonly faults: FaultSwitches = {
		serverErrorBurst: { count: 0 },
		rateLimitBurst: { count: 0 },
		malformedBody: { count: 0 },
		slowMs: 0,
		dropConnection: { count: 0 },
	};
	readonly calls: CallRecord[] = [];

	private readonly clock: SimClock;
	private baseUrl: string;
	private readonly projectsById = new Map<string, ProjectRec>();
	private readonly ordersById = new Map<string, OrderRec>();
	private readonly processesById = new Map<string, ProcessRec>();
	private readonly assetOwner = new Map<string, OrderRec>();
	private readonly resultOwner = new Map<string, ProcessRec>();
	private readonly imageCache = new Map<string, Buffer>();
	private readonly generations: number[] = [];
	private readonly emitted = new Set<string>();
	private readonly eventLog: ProcessCompleted[] = [];
	private eventCursor = 0;
	private processSeq = 0;
	private projectSeq = 0;
	private idCounter: number;
	private readonly idMiddle: string;

	constructor(private readonly opts: PlatformOptions) {
		this.clock = opts.clock ?? systemClock;
		this.baseUrl = opts.publicBaseUrl.replace(/\/+$/, '');
		const seed = randomBytes(8);
		this.idMiddle = seed.subarray(0, 5).toString('hex');
		this.idCounter = seed.readUIntBE(5, 3);
		const now = this.clock.now();
		const id = this.newId();
		this.projectsById.set(id, {
			id,
			seq: this.projectSeq++,
			address: opts.defaultProjectAddress ?? 'Default Project',
			isDefault: true,
			createdAt: now,
			updatedAt: now,
		});
	}

	get publicBaseUrl(): string {
		return this.baseUrl;
	}

	setPublicBaseUrl(url: string): void {
		this.baseUrl = url.replace(/\/+$/, '');
	}

	/** The default project's id. */
	get defaultProjectId(): string {
		return [...this.projectsById.values()].find((p) => p.isDefault)!.id;
	}

	// ------------------------------------------------------------------ request entry point

	handle(req: SimRequest): SimResponse {
		const now = this.clock.now();
		const path = req.path.length > 1 ? req.path.replace(/\/+$/, '') : req.path;
		const request = { ...req, method: req.method.toUpperCase(), path };
		let fault: CallRecord['fault'];
		let res: SimResponse;
		if (this.consume(this.faults.serverErrorBurst, request)) {
			fault = 'serverErrorBurst';
			res = this.serverError(this.faults.serverErrorBurst.status ?? 500);
		} else if (this.consume(this.faults.rateLimitBurst, request)) {
			fault = 'rateLimitBurst';
			const seconds = this.faults.rateLimitBurst.retryAfterSeconds;
			res = json(
				429,
				{ error: 'Too many requests', key: 'api_error_too_many_requests' },
				seconds !== undefined ? { 'retry-after': String(seconds) } : {},
			);
		} else if (this.consume(this.faults.malformedBody, request)) {
			fault = 'malformedBody';
			res = this.malformed(this.faults.malformedBody.kind ?? 'wrong-shape');
		} else {
			try {
				res = this.route(request, now);
			} catch (error) {
				res = {
					status: 500,
					headers: { 'content-type': 'text/plain; charset=utf-8' },
					body: `Internal Server Error: ${(error as Error).message}`,
				};
			}
		}
		this.calls.push({
			method: request.method,
			path,
			at: now,
			status: res.status,
			...(fault ? { fault } : {}),
		});
		return res;
	}

	/**
	 * For the HTTP shell: consumes one `dropConnection` fault if it applies to this request. When the
	 * request is dropped before handling, the call is logged here with status 0.
	 */
	takeDropConnection(req: {
		method: string;
		path: string;
	}): { afterHandling: boolean } | undefined {
		const fault = this.faults.dropConnection;
		if (!this.consume(fault, req)) return undefined;
		const afterHandling = fault.afterHandling ?? false;
		if (!afterHandling) {
			this.calls.push({
				method: req.method.toUpperCase(),
				path: req.path,
				at: this.clock.now(),
				status: 0,
				fault: 'dropConnection',
			});
		}
		return { afterHandling };
	}

	private consume(
		fault: { count: number; only?: FaultFilter } | undefined,
		req: { method: string; path: string },
	) {
		if (!fault || !(fault.count > 0)) return false;
		if (!(fault.only ?? isApiRequest)(req)) return false;
		fault.count--;
		return true;
	}

	private serverError(status: number): SimResponse {
		if (status >= 502 && status <= 504) {
			const text = {
				502: 'Bad Gateway',
				503: 'Service Temporarily Unavailable',
				504: 'Gateway Time-out',
			}[status];
			return {
				status,
				headers: { 'content-type': 'text/html' },
				body: `<html>\r\n<head><title>${status} ${text}</title></head>\r\n<body>\r\n<center><h1>${status} ${text}</h1></center>\r\n</body>\r\n</html>\r\n`,
			};
		}
		return apiError(status, 'Internal server error', 'api_error_internal');
	}

	private malformed(kind: MalformedKind): SimResponse {
		switch (kind) {
			case 'invalid-json':
				return {
					status: 200,
					headers: { 'content-type': JSON_TYPE },
					body: '{"data":{"status":"don',
				};
			case 'html':
				return {
					status: 200,
					headers: { 'content-type': 'text/html; charset=utf-8' },
					body: '<!doctype html><html><body>Maintenance</body></html>',
				};
			case 'empty':
				return { status: 200, headers: { 'content-type': JSON_TYPE }, body: '' };
			default:
				return json(200, { data: { status: 42 } });
		}
	}

	// ------------------------------------------------------------------ routing

	private route(req: SimRequest, now: number): SimResponse {
		const { method, path } = req;
		if (method === 'GET' && path === '/api/tools') return this.catalog();
		const file = /^\/files\/([^/]+)$/.exec(path);
		if (file && (method === 'GET' || method === 'HEAD'))
			return this.file(decodeURIComponent(file[1]), now);
		if (!isApiRequest(req)) return apiError(404, 'Not found', 'api_error_not_found');

		if (!req.headers['x-api-key'] || req.headers['x-api-key'] !== this.opts.apiKey) {
			return apiError(401, 'Unauthorized', 'api_error_unauthorized');
		}

		let m: RegExpExecArray | null;
		if (path === '/v3/project') {
			if (method === 'POST') return this.createProject(req, now);
			if (method === 'GET') return this.listProjects(req);
		}
		if ((m = /^\/v3\/project\/([^/]+)$/.exec(path)) && method === 'GET') {
			const project = this.projectsById.get(m[1]);
			return project ? this.ok(200, this.projectBody(project, req)) : notFound('Project');
		}
		if (path === '/v3/order' && method === 'POST') return this.createOrder(req, now);
		if ((m = /^\/v3\/order\/([^/]+)\/append$/.exec(path)) && method === 'POST') {
			return this.appendToOrder(m[1], req, now);
		}
		if ((m = /^\/v3\/order\/([^/]+)$/.exec(path)) && method === 'GET') {
			const order = this.ordersById.get(m[1]);
			return order ? this.ok(200, this.orderBody(order, req, now)) : notFound('Order');
		}
		if (path === '/v3/process' && method === 'POST') return this.createProcess(req, now);
		if ((m = /^\/v3\/process\/([^/]+)$/.exec(path)) && method === 'GET')
			return this.pollProcess(m[1], req, now);
		return apiError(404, 'Not found', 'api_error_not_found');
	}

	private ok(status: number, data: unknown, extra: Record<string, unknown> = {}): SimResponse {
		if (this.opts.envelope === false) return json(status, data as object);
		return json(status, { data, message: 'ok', ...extra });
	}

	// ------------------------------------------------------------------ catalog and files

	private catalog(): SimResponse {
		return json(200, {
			data: SIM_TOOLS.map((tool) => ({
				id: tool.id,
				name: tool.name,
				slug: tool.slug,
				isActive: tool.isActive,
			})),
		});
	}

	private file(name: string, now: number): SimResponse {
		const result = /^([a-f0-9]{24})(_thumb)?\.jpg$/.exec(name);
		if (result) {
			const owner = this.resultOwner.get(result[1]);
			if (owner && this.statusOf(owner, now) === 'done') {
				return {
					status: 200,
					headers: { 'content-type': 'image/jpeg' },
					body: this.resultImage(result[1], !!result[2]),
				};
			}
		}
		const input = /^([a-f0-9]{24})\.([a-z0-9]+)$/.exec(name);
		if (input) {
			const asset = this.assetOwner.get(input[1])?.assets.find((a) => a.id === input[1]);
			if (asset && asset.ext === input[2]) {
				return { status: 200, headers: { 'content-type': asset.contentType }, body: asset.data };
			}
		}
		return {
			status: 404,
			headers: { 'content-type': 'text/plain; charset=utf-8' },
			body: 'Not Found',
		};
	}

	private resultImage(id: string, thumb: boolean): Buffer {
		const key = `${id}${thumb ? '_thumb' : ''}`;
		let image = this.imageCache.get(key);
		if (!image) {
			const level = 40 + (parseInt(id.slice(-4), 16) % 176);
			image = thumb
				? makeJpeg({ width: 16, height: 16, level, label: `aihomedesign-sim thumbnail ${id}` })
				: makeJpeg({
						width: 64,
						height: 48,
						level,
						label: `aihomedesign-sim result ${id}`,
						bytes: this.opts.resultImageBytes ?? 2048,
					});
			this.imageCache.set(key, image);
		}
		return image;
	}

	// ------------------------------------------------------------------ projects

	private createProject(req: SimRequest, now: number): SimResponse {
		const body = this.jsonBody(req);
		if (body === null || typeof body !== 'object')
			return badRequest('Request body must be a JSON object');
		const address = (body as { address?: unknown }).address;
		if (typeof address !== 'string' || !address.trim()) return badRequest('address is required');
		const project: ProjectRec = {
			id: this.newId(),
			seq: this.projectSeq++,
			address: address.trim(),
			isDefault: false,
			createdAt: now,
			updatedAt: now,
		};
		this.projectsById.set(project.id, project);
		return this.ok(201, this.projectBody(project, req));
	}

	private listProjects(req: SimRequest): SimResponse {
		const int = (value: string | undefined, fallback: number) =>
			value === undefined || value === '' ? fallback : /^\d+$/.test(value) ? Number(value) : NaN;
		const page = int(req.query.page, 1);
		const limit = int(req.query.limit, 10);
		const sort = req.query.sort || 'desc';
		if (!(page >= 1)) return badRequest('page must be a positive integer');
		if (!(limit >= 1 && limit <= 30)) return badRequest('limit must be between 1 and 30');
		if (!['asc', 'desc', 'modified'].includes(sort))
			return badRequest('sort must be one of asc, desc, modified');
		const search = (req.query.s ?? '').trim().toLowerCase();
		let list = [...this.projectsById.values()].filter(
			(p) => !search || p.address.toLowerCase().includes(search),
		);
		list.sort((a, b) =>
			sort === 'asc'
				? a.createdAt - b.createdAt || a.seq - b.seq
				: sort === 'desc'
					? b.createdAt - a.createdAt || b.seq - a.seq
					: b.updatedAt - a.updatedAt || b.seq - a.seq,
		);
		const total = list.length;
		list = list.slice((page - 1) * limit, page * limit);
		return this.ok(
			200,
			list.map((p) => this.projectBody(p, req)),
			{ pagination: { page, limit, total, total_pages: Math.ceil(total / limit) } },
		);
	}

	private projectBody(project: ProjectRec, req: SimRequest) {
		const orders = [...this.ordersById.values()].filter((o) => o.projectId === project.id);
		const inputs = orders.flatMap((o) => o.assets);
		const now = this.clock.now();
		const results = orders
			.flatMap((o) => o.processIds.map((id) => this.processesById.get(id)!))
			.filter((p) => this.statusOf(p, now) === 'done')
			.reduce((n, p) => n + p.resultIds.length, 0);
		return {
			id: project.id,
			address: project.address,
			cover_src: inputs.length ? this.sized(this.inputSrc(inputs[0]), req) : null,
			input_count: inputs.length,
			result_count: results,
			bookmarked_count: 0,
			default: project.isDefault,
			updated_at: new Date(project.updatedAt).toISOString(),
		};
	}

	// ------------------------------------------------------------------ orders

	private readUpload(
		req: SimRequest,
	): { fields: FormPart[]; files: FormPart[]; roles: string[] } | SimResponse {
		const boundary = boundaryOf(req.headers['content-type']);
		if (!boundary) return badRequest('Content-Type must be multipart/form-data with a boundary');
		let parts: FormPart[];
		try {
			parts = parseMultipart(req.body ?? Buffer.alloc(0), boundary);
		} catch (error) {
			return badRequest(`Malformed multipart body: ${(error as Error).message}`);
		}
		const files: FormPart[] = [];
		const fields: FormPart[] = [];
		for (const part of parts) {
			if (part.filename !== undefined) {
				if (part.name !== 'asset_file') return badRequest(`Unexpected field "${part.name}"`);
				files.push(part);
			} else {
				if (part.name === 'asset_file') return badRequest('asset_file must be a file');
				fields.push(part);
			}
		}
		if (!files.length) return badRequest('asset_file is required');
		for (const file of files) {
			if (!file.data.length) return badRequest(`File "${file.filename}" is empty`);
			if (file.data.length > MAX_UPLOAD_BYTES) {
				return apiError(
					400,
					`File "${file.filename}" is larger than 50 MB`,
					'api_error_file_too_large',
				);
			}
			if (!this.fileExtension(file)) {
				return badRequest(`File "${file.filename}" is not a JPG, JPEG, PNG, WEBP or RAW image`);
			}
		}
		const roles = fields
			.filter((f) => f.name === 'asset_role')
			.map((f) => f.data.toString('utf8').trim());
		if (roles.length > files.length)
			return badRequest('There are more asset_role values than files');
		for (const role of roles) {
			if (!(ASSET_ROLES as readonly string[]).includes(role)) {
				return badRequest(`asset_role must be one of ${ASSET_ROLES.join(', ')}; got "${role}"`);
			}
		}
		return { fields, files, roles };
	}

	/** The stored extension, or undefined when the file is not an accepted image. */
	private fileExtension(file: FormPart): string | undefined {
		const ext = /\.([a-z0-9]+)$/i.exec(file.filename ?? '')?.[1]?.toLowerCase();
		const type = (file.contentType ?? '').split(';')[0].trim().toLowerCase();
		if (ext && IMAGE_EXTENSIONS.includes(ext)) {
			return type === '' || type.startsWith('image/') || type === 'application/octet-stream'
				? ext
				: undefined;
		}
		const fromType = Object.entries(EXTENSION_TYPES).find(([, t]) => t === type)?.[0];
		return fromType;
	}

	private storeAssets(
		order: OrderRec,
		files: FormPart[],
		roles: AssetRole[],
		now: number,
	): AssetRec[] {
		const assets = files.map((file, i): AssetRec => {
			const ext = this.fileExtension(file)!;
			return {
				id: this.newId(),
				role: roles[i],
				filename: file.filename ?? `upload.${ext}`,
				contentType: (file.contentType || EXTENSION_TYPES[ext] || 'application/octet-stream')
					.split(';')[0]
					.trim(),
				ext,
				data: file.data,
				createdAt: now,
			};
		});
		for (const asset of assets) {
			order.assets.push(asset);
			this.assetOwner.set(asset.id, order);
		}
		const project = this.projectsById.get(order.projectId);
		if (project) project.updatedAt = now;
		return assets;
	}

	private createOrder(req: SimRequest, now: number): SimResponse {
		const upload = this.readUpload(req);
		if ('status' in upload) return upload;
		const projectField = upload.fields
			.find((f) => f.name === 'project_id')
			?.data.toString('utf8')
			.trim();
		let projectId = this.defaultProjectId;
		if (projectField) {
			if (!/^[a-f0-9]{24}$/i.test(projectField))
				return badRequest('project_id must be a 24-character hexadecimal ID');
			if (!this.projectsById.has(projectField)) return notFound('Project');
			projectId = projectField;
		}
		const roles = upload.files.map((_f, i) => (upload.roles[i] ?? 'primary_angle') as AssetRole);
		const primaries = roles.filter((r) => r === 'primary_angle').length;
		if (primaries !== 1)
			return badRequest(`An order needs exactly one primary_angle asset; got ${primaries}`);
		if (roles.filter((r) => r === 'secondary_angle').length > 1) {
			return badRequest('An order takes at most one secondary_angle asset');
		}
		const order: OrderRec = {
			id: this.newId(),
			projectId,
			createdAt: now,
			assets: [],
			processIds: [],
		};
		this.ordersById.set(order.id, order);
		const assets = this.storeAssets(order, upload.files, roles, now);
		return this.ok(201, { order_id: order.id, assets: assets.map((a) => this.assetBody(a, req)) });
	}

	private appendToOrder(orderId: string, req: SimRequest, now: number): SimResponse {
		const order = this.ordersById.get(orderId);
		if (!order) return notFound('Order');
		const upload = this.readUpload(req);
		if ('status' in upload) return upload;
		const roles = upload.files.map((_f, i) => (upload.roles[i] ?? 'mask') as AssetRole);
		const all = [...order.assets.map((a) => a.role), ...roles];
		if (all.filter((r) => r === 'primary_angle').length > 1) {
			return badRequest('The order already has its primary_angle asset');
		}
		if (all.filter((r) => r === 'secondary_angle').length > 1) {
			return badRequest('An order takes at most one secondary_angle asset');
		}
		const assets = this.storeAssets(order, upload.files, roles, now);
		return this.ok(201, { order_id: order.id, assets: assets.map((a) => this.assetBody(a, req)) });
	}

	private inputSrc(asset: AssetRec): string {
		return `${this.baseUrl}/files/${asset.id}.${asset.ext}`;
	}

	private assetBody(asset: AssetRec, req: SimRequest) {
		return { id: asset.id, role: asset.role, src: this.sized(this.inputSrc(asset), req) };
	}

	private orderBody(order: OrderRec, req: SimRequest, now: number) {
		return {
			id: order.id,
			order_id: order.id,
			project_id: order.projectId,
			created_at: new Date(order.createdAt).toISOString(),
			assets: order.assets.map((a) => ({
				...this.assetBody(a, req),
				created_at: new Date(a.createdAt).toISOString(),
			})),
			processes: order.processIds.map((id) =>
				this.processBody(this.processesById.get(id)!, req, now),
			),
		};
	}

	// ------------------------------------------------------------------ processes

	private createProcess(req: SimRequest, now: number): SimResponse {
		const raw = this.jsonBody(req);
		if (raw === undefined) return badRequest('Request body must be JSON');
		const parsed = createProcessBodySchema.safeParse(raw);
		if (!parsed.success) {
			const issue = parsed.error.issues[0];
			return badRequest(`${issue.path.join('.') || 'body'}: ${issue.message}`);
		}
		const body = parsed.data;
		const tool = simTool(body.tool);
		if (!tool) {
			// What the live API has been seen to do for an unknown tool slug.
			return {
				status: 500,
				headers: { 'content-type': 'text/plain; charset=utf-8' },
				body: 'Internal Server Error',
			};
		}
		if (!tool.isActive)
			return apiError(
				403,
				`Tool "${tool.slug}" is not available on your plan`,
				'api_error_forbidden',
			);
		const order = this.ordersById.get(body.order_id);
		if (!order) return notFound('Order');

		for (const [slot, assetId] of Object.entries(body.asset_map)) {
			if (!tool.inputs.includes(slot)) {
				return unprocessable(
					`asset_map slot "${slot}" does not belong to ${tool.slug}; expected ${tool.inputs.join(', ')}`,
				);
			}
			if (!order.assets.some((a) => a.id === assetId)) {
				return unprocessable(
					`asset_map.${slot}: asset ${assetId} does not belong to order ${order.id}`,
				);
			}
		}
		const missing = tool.inputs.filter((slot) => !(slot in body.asset_map));
		if (missing.length) return unprocessable(`asset_map is missing ${missing.join(', ')}`);

		const seen = new Set<string>();
		for (const selection of body.widgets) {
			const widget = tool.widgets.find((w) => w.slug === selection.slug);
			if (!widget)
				return unprocessable(`Widget "${selection.slug}" does not belong to ${tool.slug}`);
			if (seen.has(widget.slug)) return unprocessable(`Widget "${widget.slug}" is given twice`);
			seen.add(widget.slug);
			const bad = selection.item_slugs.find((item) => !widgetAcceptsItem(widget, item));
			if (bad) return unprocessable(`Item "${bad}" does not belong to widget ${widget.slug}`);
			if (widget.select === 'single' && selection.item_slugs.length > 1) {
				return unprocessable(
					`Widget ${widget.slug} takes one item; got ${selection.item_slugs.length}`,
				);
			}
			if (widget.required && selection.item_slugs.length === 0) {
				return unprocessable(`Widget ${widget.slug} needs an item`);
			}
		}
		const absent = tool.widgets.filter((w) => w.required && !seen.has(w.slug));
		if (absent.length)
			return unprocessable(`Required widget missing: ${absent.map((w) => w.slug).join(', ')}`);

		if (body.process_group_id) {
			const group = this.processesById.get(body.process_group_id);
			if (!group || group.orderId !== order.id) {
				return unprocessable(
					`process_group_id ${body.process_group_id} is not a process of order ${order.id}`,
				);
			}
		}

		const limit =
			this.opts.generationLimit === undefined
				? { max: 10, windowMs: 600000 }
				: this.opts.generationLimit;
		if (limit) {
			while (this.generations.length && this.generations[0] <= now - limit.windowMs)
				this.generations.shift();
			if (this.generations.length >= limit.max) {
				const minutes = Math.round(limit.windowMs / 60000);
				return json(429, {
					error: `rate-limit exceeded, ${limit.max} generates per ${minutes} minutes only`,
				});
			}
			this.generations.push(now);
		}

		const run: ToolRun = { tool: tool.slug, index: this.processSeq++ };
		const duration = this.opts.processDurationMs;
		const results = this.opts.resultsPerProcess;
		const count = Math.max(
			0,
			Math.floor(typeof results === 'function' ? results(run) : (results ?? 1)),
		);
		const process: ProcessRec = {
			id: this.newId(),
			index: run.index,
			tool: tool.slug,
			orderId: order.id,
			assetMap: { ...body.asset_map },
			widgets: body.widgets.map((w) => ({ slug: w.slug, item_slugs: [...w.item_slugs] })),
			processGroupId: body.process_group_id,
			createdAt: now,
			durationMs: Math.max(0, typeof duration === 'function' ? duration(run) : (duration ?? 12000)),
			outcome: this.opts.outcome ? this.opts.outcome(run) : 'done',
			resultIds: Array.from({ length: count }, () => this.newId()),
			pollTimes: [],
			acceptedPollTimes: [],
		};
		this.processesById.set(process.id, process);
		order.processIds.push(process.id);
		for (const id of process.resultIds) this.resultOwner.set(id, process);
		const project = this.projectsById.get(order.projectId);
		if (project) project.updatedAt = now;
		return this.ok(201, { process_ids: [process.id] });
	}

	private pollProcess(id: string, req: SimRequest, now: number): SimResponse {
		const process = this.processesById.get(id);
		if (!process) return notFound('Process');
		process.pollTimes.push(now);
		const min = this.opts.pollMinIntervalMs === undefined ? 5000 : this.opts.pollMinIntervalMs;
		const last = process.acceptedPollTimes[process.acceptedPollTimes.length - 1];
		if (min !== false && last !== undefined && now - last < min) {
			return apiError(
				429,
				`Too many requests: poll a process at most once every ${Math.round(min / 1000)} seconds`,
				'api_error_too_many_requests',
			);
		}
		process.acceptedPollTimes.push(now);
		return this.ok(200, this.processBody(process, req, now));
	}

	private statusOf(process: ProcessRec, now: number): ProcessStatus {
		const elapsed = now - process.createdAt;
		if (elapsed < process.durationMs * 0.2) return 'pending';
		if (process.outcome === 'never' || elapsed < process.durationMs) return 'processing';
		return process.outcome;
	}

	private terminalAt(process: ProcessRec): number | null {
		return process.outcome === 'never' ? null : process.createdAt + process.durationMs;
	}

	private finalAssets(
		process: ProcessRec,
		status: ProcessStatus,
		req?: SimRequest,
	): ApiFinalAsset[] {
		if (status !== 'done') return [];
		return process.resultIds.map((id) => {
			const src = this.sized(`${this.baseUrl}/files/${id}.jpg`, req);
			const thumb = this.sized(`${this.baseUrl}/files/${id}_thumb.jpg`, req);
			return {
				asset_id: id,
				asset_type: 'image',
				src,
				temp_src: src,
				thumbnail_src: thumb,
				temp_thumbnail_src: thumb,
			};
		});
	}

	private processBody(process: ProcessRec, req: SimRequest, now: number) {
		const status = this.statusOf(process, now);
		return {
			id: process.id,
			status,
			tool: process.tool,
			order_id: process.orderId,
			final_assets: this.finalAssets(process, status, req),
			created_at: new Date(process.createdAt).toISOString(),
			...(process.processGroupId ? { process_group_id: process.processGroupId } : {}),
		};
	}

	// ------------------------------------------------------------------ webhook events

	private refreshEvents(): void {
		const now = this.clock.now();
		const due = [...this.processesById.values()]
			.filter((p) => !this.emitted.has(p.id))
			.filter((p) => {
				const at = this.terminalAt(p);
				return at !== null && now >= at;
			})
			.sort((a, b) => this.terminalAt(a)! - this.terminalAt(b)! || a.index - b.index);
		for (const process of due) {
			this.emitted.add(process.id);
			const status = this.statusOf(process, now) as 'done' | 'failed';
			const assets = this.finalAssets(process, status).map((a) =>
				this.opts.webhookIncludeSrc
					? a
					: {
							asset_id: a.asset_id,
							asset_type: a.asset_type,
							temp_src: a.temp_src,
							temp_thumbnail_src: a.temp_thumbnail_src,
						},
			);
			this.eventLog.push({
				event: 'process.completed',
				process_id: process.id,
				order_id: process.orderId,
				tool: process.tool,
				status,
				final_assets: assets,
			});
		}
	}

	/** Every process.completed payload that has become due so far, in order of completion, each once. */
	completedEvents(): ProcessCompleted[] {
		this.refreshEvents();
		return this.eventLog.map((e) => JSON.parse(JSON.stringify(e)) as ProcessCompleted);
	}

	/** The payloads that became due since the last call (and removes them from this queue). */
	takeDueEvents(): ProcessCompleted[] {
		this.refreshEvents();
		const events = this.eventLog
			.slice(this.eventCursor)
			.map((e) => JSON.parse(JSON.stringify(e)) as ProcessCompleted);
		this.eventCursor = this.eventLog.length;
		return events;
	}

	// ------------------------------------------------------------------ inspection

	processes(): SimProcessView[] {
		const now = this.clock.now();
		return [...this.processesById.values()].map((p) => {
			const status = this.statusOf(p, now);
			return {
				id: p.id,
				index: p.index,
				tool: p.tool,
				order_id: p.orderId,
				status,
				createdAt: p.createdAt,
				durationMs: p.durationMs,
				outcome: p.outcome,
				terminalAt: this.terminalAt(p),
				final_assets: this.finalAssets(p, status),
				pollTimes: [...p.pollTimes],
				acceptedPollTimes: [...p.acceptedPollTimes],
				asset_map: { ...p.assetMap },
				widgets: p.widgets.map((w) => ({ slug: w.slug, item_slugs: [...w.item_slugs] })),
				...(p.processGroupId ? { process_group_id: p.processGroupId } : {}),
			};
		});
	}

	orders(): SimOrderView[] {
		return [...this.ordersById.values()].map((o) => ({
			id: o.id,
			project_id: o.projectId,
			createdAt: o.createdAt,
			assets: o.assets.map((a) => ({
				id: a.id,
				role: a.role,
				src: this.inputSrc(a),
				filename: a.filename,
				contentType: a.contentType,
				size: a.data.length,
				createdAt: a.createdAt,
			})),
			process_ids: [...o.processIds],
		}));
	}

	projects(): SimProjectView[] {
		return [...this.projectsById.values()].map((p) => ({
			id: p.id,
			address: p.address,
			default: p.isDefault,
			createdAt: p.createdAt,
			updatedAt: p.updatedAt,
			order_ids: [...this.ordersById.values()].filter((o) => o.projectId === p.id).map((o) => o.id),
		}));
	}

	// ------------------------------------------------------------------ helpers

	private newId(): string {
		const seconds = Math.floor(this.clock.now() / 1000) >>> 0;
		this.idCounter = (this.idCounter + 1) % 0x1000000;
		return `${seconds.toString(16).padStart(8, '0')}${this.idMiddle}${this.idCounter.toString(16).padStart(6, '0')}`;
	}

	private jsonBody(req: SimRequest): unknown {
		if (!/\bjson\b/i.test(req.headers['content-type'] ?? '')) return undefined;
		try {
			return JSON.parse((req.body ?? Buffer.alloc(0)).toString('utf8'));
		} catch {
			return undefined;
		}
	}

	/** GET endpoints take `width`/`height` and hand out resized image URLs. */
	private sized(url: string, req?: SimRequest): string {
		if (!req || req.method !== 'GET') return url;
		const params = ['width', 'height']
			.filter((k) => req.query[k] !== undefined && req.query[k] !== '')
			.map((k) => `${k}=${encodeURIComponent(req.query[k])}`);
		return params.length ? `${url}?${params.join('&')}` : url;
	}
}
