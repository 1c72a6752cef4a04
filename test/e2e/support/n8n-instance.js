'use strict';
// Starts a real, headless, offline n8n (the cached Node 24 + n8n from install-runtime.sh) on a fresh user folder,
// with this package installed from its npm tarball as a community package, and workflows / credentials imported
// and published through n8n's CLI before start. See /work/shared/n8n-notes.md, "Running a real n8n headless".
const { spawn } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { ensureRuntime, isAlive } = require('./runtime');

const WATCHDOG = path.join(__dirname, 'watchdog.js');
/** Folder where each running n8n (and n8n CLI run) has a JSON file while it lives; read by global teardown. */
const REGISTRY_DIR = path.join(os.tmpdir(), 'aihd-e2e-processes');
const ENCRYPTION_KEY = 'aihd-e2e-fixed-encryption-key';
const BROWSER_ID = 'aihd-e2e-browser';
const DEFAULT_OWNER = {
	email: 'owner@e2e.test',
	password: 'E2e-owner-passw0rd',
	firstName: 'E2E',
	lastName: 'Owner',
};
const TERMINAL_STATUSES = ['success', 'error', 'crashed', 'canceled'];
const MAX_LOG_CHARS = 32 * 1024 * 1024;
const READY_MARKER = 'Editor is now accessible via:';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

async function twoFreePorts() {
	for (;;) {
		const a = await freePort();
		const b = await freePort();
		if (a !== b) return [a, b];
	}
}

/** n8n-style id (letters and digits), for workflows and credentials given without one. */
function newId(length = 16) {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	const bytes = crypto.randomBytes(length);
	let id = '';
	for (const b of bytes) id += alphabet[b % alphabet.length];
	return id;
}

/** Environment of the parent minus what would leak into n8n: jest's NODE_ENV=test (n8n then refuses to load
 * nodes), npm's and jest's variables, NODE_OPTIONS meant for Node 20, and any N8N_ or DB_ setting of the shell. */
function baseEnv() {
	const env = {};
	for (const [k, v] of Object.entries(process.env)) {
		if (
			/^(npm_|JEST_|N8N_|DB_|EXECUTIONS_|QUEUE_|GENERIC_TIMEZONE$|WEBHOOK_URL$|NODE_ENV$|NODE_OPTIONS$|NODE_PATH$|E2E_TESTS$|AIHD_WATCHDOG_)/.test(
				k,
			)
		)
			continue;
		env[k] = v;
	}
	return env;
}

function bcryptHash(rt, password) {
	// bcryptjs ships inside n8n: no dependency of our own. Cost 8 keeps logins fast; n8n accepts any 2-digit cost.
	const bcrypt = require(path.join(rt.n8nModules, 'bcryptjs'));
	return bcrypt.hashSync(password, 8);
}

/** Unpacks the npm tarball as n8n's community-package installer leaves it:
 * <userFolder>/.n8n/nodes/node_modules/<name>, package.json without dev/peer/optional dependencies,
 * and <userFolder>/.n8n/nodes/package.json listing it. Returns { name, version }. */
async function installTarball(tarball, userFolder) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const staging = path.join(nodesDir, '.staging');
	fs.mkdirSync(staging, { recursive: true });
	await runProcess('tar', ['-xzf', tarball, '-C', staging, '--strip-components=1']);
	const pkgFile = path.join(staging, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...pkg } = JSON.parse(
		fs.readFileSync(pkgFile, 'utf8'),
	);
	void devDependencies;
	void peerDependencies;
	void optionalDependencies;
	fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2));
	const target = path.join(nodesDir, 'node_modules', pkg.name);
	fs.mkdirSync(path.dirname(target), { recursive: true });
	fs.renameSync(staging, target);
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify(
			{ name: 'installed-nodes', private: true, dependencies: { [pkg.name]: pkg.version } },
			null,
			2,
		),
	);
	return { name: pkg.name, version: pkg.version, dir: target, n8n: pkg.n8n || {} };
}

function runProcess(cmd, args, opts = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (out += d));
		child.on('error', reject);
		child.on('close', (code) =>
			code === 0
				? resolve(out)
				: reject(new Error(`${cmd} ${args.join(' ')} exited ${code}:\n${out}`)),
		);
	});
}

function tail(text, lines = 60) {
	return text.split('\n').slice(-lines).join('\n');
}

/** Node types that end in "Trigger" but that n8n does not activate (they start runs some other way). */
const NOT_ACTIVATABLE = new Set([
	'n8n-nodes-base.manualTrigger',
	'n8n-nodes-base.executeWorkflowTrigger',
	'n8n-nodes-base.errorTrigger',
	'n8n-nodes-base.evaluationTrigger',
]);

/** Whether a workflow has a node that publishing activates: a webhook or a *Trigger node other than the manual,
 * sub-workflow, error and evaluation triggers. Workflows without one cannot be published. */
function hasActivatableTrigger(workflow) {
	return (workflow.nodes || []).some(
		(n) =>
			!n.disabled &&
			!NOT_ACTIVATABLE.has(n.type) &&
			(n.type === 'n8n-nodes-base.webhook' || /trigger$/i.test(n.type)),
	);
}

const DB_TEMPLATE_VERSION = 1;
const DB_FILES = /^database\.sqlite(-wal|-shm)?$/;

/** A user folder whose SQLite database n8n has created and migrated, made once per n8n version in the runtime
 * cache (so later runs and CI reuse it). Holds no owner, workflow, credential or key. Returns its folder. */
async function ensureDbTemplate(rt) {
	const dir = path.join(rt.cacheDir, `db-template-n8n-${rt.n8nVersion}-v${DB_TEMPLATE_VERSION}`);
	const done = path.join(dir, '.complete');
	if (fs.existsSync(done)) return dir;
	const lock = `${dir}.lock`;
	const deadline = Date.now() + 180000;
	for (;;) {
		try {
			fs.mkdirSync(lock);
			break;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
			if (fs.existsSync(done)) return dir;
			// A lock older than 3 minutes belongs to a run that died.
			try {
				if (Date.now() - fs.statSync(lock).mtimeMs > 180000)
					fs.rmSync(lock, { recursive: true, force: true });
			} catch {
				// raced with its owner
			}
			if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
			await sleep(250);
		}
	}
	try {
		if (fs.existsSync(done)) return dir;
		const work = fs.mkdtempSync(path.join(rt.cacheDir, '.db-template-'));
		const maker = new N8nInstance({ userFolder: work }, rt);
		maker._passwordHash = bcryptHash(rt, maker.owner.password);
		try {
			// Any command that opens the database runs the migrations.
			await maker.runCli(['list:workflow']);
			const files = fs.readdirSync(path.join(work, '.n8n')).filter((f) => DB_FILES.test(f));
			if (!files.includes('database.sqlite')) throw new Error(`no database.sqlite in ${work}/.n8n`);
			fs.rmSync(dir, { recursive: true, force: true });
			fs.mkdirSync(path.join(dir, '.n8n'), { recursive: true });
			for (const f of files) fs.copyFileSync(path.join(work, '.n8n', f), path.join(dir, '.n8n', f));
			fs.writeFileSync(done, `${new Date().toISOString()}\n`);
		} catch (error) {
			throw new Error(
				`could not make the n8n database template: ${error.message}\n${tail(maker.logs())}`,
			);
		} finally {
			fs.rmSync(work, { recursive: true, force: true });
		}
		return dir;
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
	}
}

function copyDbTemplate(templateDir, userFolder) {
	const from = path.join(templateDir, '.n8n');
	const to = path.join(userFolder, '.n8n');
	fs.mkdirSync(to, { recursive: true });
	for (const f of fs.readdirSync(from))
		if (DB_FILES.test(f)) fs.copyFileSync(path.join(from, f), path.join(to, f));
}

class N8nInstance {
	constructor(opts, rt) {
		this.rt = rt;
		this.opts = opts;
		this.owner = { ...DEFAULT_OWNER, ...(opts.owner || {}) };
		this.userFolder = opts.userFolder || fs.mkdtempSync(path.join(os.tmpdir(), 'aihd-n8n-'));
		this.workflows = [];
		this.credentials = [];
		this.activation = {};
		this.timings = {};
		this.package = null;
		this._log = [];
		this._logChars = 0;
		this._logDropped = 0;
		this._proc = null;
		this._cookie = '';
		this.apiKey = '';
		this.port = 0;
		this.brokerPort = 0;
		this.baseUrl = '';
		this.extraEnv = { ...(opts.env || {}) };
	}

	// ---------- process plumbing ----------

	_append(text) {
		if (this._watchMarker) {
			this._recent = (this._recent + text).slice(-4096);
			if (this._recent.includes(READY_MARKER)) {
				this._markerSeen = true;
				this._watchMarker = false;
			}
		}
		this._log.push(text);
		this._logChars += text.length;
		while (this._logChars > MAX_LOG_CHARS && this._log.length > 1) {
			const dropped = this._log.shift().length;
			this._logChars -= dropped;
			this._logDropped += dropped;
		}
	}

	/** A mark for logsSince(). */
	_logMark() {
		return this._logDropped + this._logChars;
	}

	/** What was logged after a _logMark(). */
	logsSince(mark) {
		return this.logs().slice(Math.max(0, mark - this._logDropped));
	}

	/** Everything n8n (and the n8n CLI runs) wrote to stdout and stderr, in order. */
	logs() {
		return this._log.join('');
	}

	env() {
		return {
			...baseEnv(),
			PATH: `${this.rt.nodeBin}${path.delimiter}${process.env.PATH || ''}`,
			HOME: process.env.HOME || os.homedir(),
			// Node's on-disk bytecode cache: n8n loads thousands of modules per start and per CLI run.
			NODE_COMPILE_CACHE: path.join(this.rt.cacheDir, 'node-compile-cache'),
			N8N_USER_FOLDER: this.userFolder,
			N8N_PORT: String(this.port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			WEBHOOK_URL: `${this.baseUrl}/`,
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_VERIFIED_PACKAGES_ENABLED: 'false',
			N8N_DISABLED_MODULES: 'mcp-registry',
			N8N_SECURE_COOKIE: 'false',
			N8N_PUBLIC_API_SWAGGERUI_DISABLED: 'true',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
			DB_TYPE: 'sqlite',
			DB_SQLITE_POOL_SIZE: '1',
			N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
			N8N_INSTANCE_OWNER_EMAIL: this.owner.email,
			N8N_INSTANCE_OWNER_FIRST_NAME: this.owner.firstName,
			N8N_INSTANCE_OWNER_LAST_NAME: this.owner.lastName,
			N8N_INSTANCE_OWNER_PASSWORD_HASH: this._passwordHash,
			...this.extraEnv,
		};
	}

	/** Spawns `node <n8n bin> ...args` under the watchdog. */
	_spawn(args, { cleanup, env }) {
		fs.mkdirSync(REGISTRY_DIR, { recursive: true });
		const registryFile = path.join(REGISTRY_DIR, `${process.pid}-${newId(8)}.json`);
		const child = spawn(
			process.execPath,
			[WATCHDOG, cleanup ? this.userFolder : '-', '--', this.rt.nodeExe, this.rt.n8nBin, ...args],
			{
				cwd: this.userFolder, // n8n reads a .env from its working folder
				env: {
					...this.env(),
					...(env || {}),
					AIHD_WATCHDOG_REGISTRY_FILE: registryFile,
					AIHD_WATCHDOG_GRACE_MS: String(this.opts.stopGraceMs || 10000),
				},
				stdio: ['pipe', 'pipe', 'pipe'],
			},
		);
		child.stdout.setEncoding('utf8');
		child.stderr.setEncoding('utf8');
		child.stdout.on('data', (d) => this._append(d));
		child.stderr.on('data', (d) => this._append(d));
		child.stdin.on('error', () => {});
		child.exitPromise = new Promise((resolve) =>
			child.on('exit', (code, signal) => resolve({ code, signal })),
		);
		return child;
	}

	/** Runs an n8n CLI command (`import:workflow`, `publish:workflow`, `execute`, ...) on this instance's folder
	 * and resolves with its output. CLI changes reach a running n8n only after restart(). `env` is extra
	 * environment for this run only. While n8n runs, commands that start a task broker (`execute`) get a
	 * broker port of their own: the running n8n holds the instance's. */
	async runCli(args, { allowFailure = false, env } = {}) {
		const start = this._logMark();
		this._append(`\n[harness] $ n8n ${args.join(' ')}\n`);
		const extra = { ...(env || {}) };
		if (this._proc && !extra.N8N_RUNNERS_BROKER_PORT) {
			let port = await freePort();
			while (port === this.port || port === this.brokerPort) port = await freePort();
			extra.N8N_RUNNERS_BROKER_PORT = String(port);
		}
		const child = this._spawn(args, { cleanup: false, env: extra });
		const { code } = await child.exitPromise;
		const output = this.logsSince(start);
		if (code !== 0 && !allowFailure) {
			throw new Error(`n8n ${args.join(' ')} exited ${code}:\n${tail(output)}`);
		}
		return output;
	}

	// ---------- lifecycle ----------

	async _prepare() {
		const t0 = Date.now();
		[this.port, this.brokerPort] = await twoFreePorts();
		// A fixed port (e.g. 5678 for a demo whose editor a person opens); the broker port stays a free one.
		if (this.opts.port) this.port = this.opts.port;
		while (this.brokerPort === this.port) this.brokerPort = await freePort();
		this.baseUrl = `http://127.0.0.1:${this.port}`;
		this._passwordHash = bcryptHash(this.rt, this.owner.password);
		if (this.opts.tarball) this.package = await installTarball(this.opts.tarball, this.userFolder);
		// A database already migrated once for this n8n version: saves the ~4 s of migrations per instance.
		if (this.opts.dbTemplate !== false)
			copyDbTemplate(await ensureDbTemplate(this.rt), this.userFolder);
		this.timings.prepareMs = Date.now() - t0;

		const t1 = Date.now();
		const importDir = path.join(this.userFolder, 'import');
		fs.mkdirSync(importDir, { recursive: true });
		this.credentials = (this.opts.credentials || []).map((c) => ({ ...c, id: c.id || newId() }));
		if (this.credentials.length) {
			const file = path.join(importDir, 'credentials.json');
			fs.writeFileSync(file, JSON.stringify(this.credentials, null, 2));
			await this.runCli(['import:credentials', `--input=${file}`]);
		}
		this.workflows = (this.opts.workflows || []).map((w) => ({
			settings: {},
			connections: {},
			...w,
			id: w.id || newId(),
			active: false,
		}));
		const publish = this.opts.publish === undefined ? true : this.opts.publish;
		this.published =
			publish === true
				? this.workflows.filter(hasActivatableTrigger).map((w) => w.id)
				: publish === false
					? []
					: [...publish];
		if (this.workflows.length) {
			const file = path.join(importDir, 'workflows.json');
			fs.writeFileSync(file, JSON.stringify(this.workflows, null, 2));
			await this.runCli(['import:workflow', `--input=${file}`]);
			if ((this.opts.publishVia || 'cli') === 'cli') {
				for (const id of this.published) await this.runCli(['publish:workflow', `--id=${id}`]);
			}
		}
		// The import files may hold secrets: do not leave them in a folder that could outlive a failed run.
		fs.rmSync(importDir, { recursive: true, force: true });
		this.timings.importMs = Date.now() - t1;
	}

	async _start() {
		const t0 = Date.now();
		const logStart = this._logMark();
		this._append(`\n[harness] $ n8n start (port ${this.port}, broker ${this.brokerPort})\n`);
		// n8n logs this line (at info level, to the console) once startup is over: with the legacy activation
		// (N8N_USE_WORKFLOW_PUBLICATION_SERVICE=false) only after published workflows are active.
		const env = this.env();
		const needMarker =
			['info', 'debug'].includes(env.N8N_LOG_LEVEL || 'info') &&
			(env.N8N_LOG_OUTPUT || 'console').includes('console');
		this._recent = '';
		this._markerSeen = false;
		this._watchMarker = needMarker;
		const proc = this._spawn(['start'], { cleanup: true });
		this._proc = proc;
		let exited = null;
		proc.exitPromise.then((r) => {
			exited = r;
			if (this._proc === proc) this._proc = null;
		});
		const deadline = Date.now() + (this.opts.startTimeoutMs || 120000);
		let ready = false;
		while (!ready) {
			if (exited) {
				throw new Error(
					`n8n exited (${JSON.stringify(exited)}) before it was ready:\n${tail(this.logsSince(logStart))}`,
				);
			}
			if (Date.now() > deadline) {
				throw new Error(`n8n was not ready in time:\n${tail(this.logsSince(logStart))}`);
			}
			await sleep(200);
			if (needMarker && !this._markerSeen) continue;
			try {
				const res = await fetch(`${this.baseUrl}/healthz/readiness`);
				ready = res.status === 200;
			} catch {
				// not listening yet
			}
		}
		this.timings.startMs = Date.now() - t0;
	}

	/** GET /rest/workflows/<id>/publication-status: { status: 'in_progress' | 'not_published' | 'published' |
	 * 'partial' | 'failed', triggers: [{ nodeId, status, errorMessage }] }. */
	async publicationStatus(workflowId) {
		try {
			return (await this.rest('GET', `/rest/workflows/${workflowId}/publication-status`)).data;
		} catch (error) {
			// Without the publication service n8n has no such endpoint; it activated before it said it was ready.
			if (error.status === 404) {
				const wf = await this.api('GET', `/workflows/${workflowId}`);
				return {
					status: wf.active ? 'published' : 'not_published',
					liveVersionId: wf.activeVersionId || null,
					pendingVersionId: null,
					triggers: [],
				};
			}
			throw error;
		}
	}

	/** Waits until n8n has settled the publication of each workflow (its triggers / production webhooks are
	 * registered, or failed to). n8n 2.x activates published workflows in the background after it is ready.
	 * Resolves with { [id]: publicationStatus } and stores it in `this.activation`. Does not throw on 'failed'. */
	async waitForPublication(ids = this.published, { timeoutMs = 30000 } = {}) {
		const deadline = Date.now() + timeoutMs;
		const result = {};
		for (const id of ids) {
			for (;;) {
				const st = await this.publicationStatus(id);
				if (['published', 'partial', 'failed'].includes(st.status)) {
					result[id] = st;
					break;
				}
				if (Date.now() > deadline) {
					throw new Error(
						`workflow ${id} was not activated after ${timeoutMs} ms (publication status ${JSON.stringify(st)}); ` +
							`a workflow without a trigger cannot be published.\n${tail(this.logs(), 40)}`,
					);
				}
				await sleep(200);
			}
		}
		Object.assign(this.activation, result);
		return result;
	}

	async _login() {
		const t0 = Date.now();
		const res = await fetch(`${this.baseUrl}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID },
			body: JSON.stringify({ emailOrLdapLoginId: this.owner.email, password: this.owner.password }),
		});
		if (res.status !== 200) {
			throw new Error(`POST /rest/login answered ${res.status}: ${await res.text()}`);
		}
		this._cookie = res.headers
			.getSetCookie()
			.map((c) => c.split(';')[0])
			.join('; ');
		if (!this.apiKey) {
			const scopes =
				this.opts.apiKeyScopes || (await this.rest('GET', '/rest/api-keys/scopes')).data;
			const created = await this.rest('POST', '/rest/api-keys', {
				label: 'e2e',
				expiresAt: null,
				scopes,
			});
			this.apiKey = created.data.rawApiKey;
			if (!this.apiKey)
				throw new Error(`POST /rest/api-keys gave no rawApiKey: ${JSON.stringify(created)}`);
		}
		this.timings.loginMs = Date.now() - t0;
	}

	/** Stops n8n gracefully (SIGTERM, SIGKILL after stopGraceMs) and starts it again on the same folder, ports,
	 * owner and API key. `env` is merged into the instance's extra env for this and later starts. */
	async restart({ env } = {}) {
		await this._stopProcess();
		if (env) Object.assign(this.extraEnv, env);
		// Ports are kept: webhook URLs stay valid. If one got taken meanwhile, n8n fails to start and says so.
		await this._start();
		await this._login();
		await this.waitForPublication(Object.keys(this.activation));
	}

	async _activate() {
		const t0 = Date.now();
		if (this.opts.publishVia === 'api') {
			for (const id of this.published) await this.activateWorkflow(id);
		}
		await this.waitForPublication(this.published);
		this.timings.activateMs = Date.now() - t0;
	}

	async _stopProcess() {
		const proc = this._proc;
		if (!proc) return;
		this._proc = null;
		try {
			proc.kill('SIGTERM');
		} catch {
			// already gone
		}
		await proc.exitPromise;
	}

	/** Stops n8n (whole process group) and removes its folder. Safe to call twice. */
	async stop() {
		const t0 = Date.now();
		await this._stopProcess();
		fs.rmSync(this.userFolder, { recursive: true, force: true, maxRetries: 3 });
		live.delete(this);
		this.timings.stopMs = Date.now() - t0;
	}

	// ---------- HTTP ----------

	/** Internal REST API (what the editor uses) with the owner's session cookie. Returns parsed JSON. */
	async rest(method, urlPath, body) {
		const res = await fetch(`${this.baseUrl}${urlPath}`, {
			method,
			headers: {
				cookie: this._cookie,
				'browser-id': BROWSER_ID,
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		if (!res.ok) {
			const error = new Error(
				`${method} ${urlPath} answered ${res.status}: ${text.slice(0, 2000)}`,
			);
			error.status = res.status;
			throw error;
		}
		return text ? JSON.parse(text) : undefined;
	}

	/** Node type descriptions n8n has loaded (GET /types/nodes.json, as the editor reads them). */
	async nodeTypes() {
		return await this.rest('GET', '/types/nodes.json');
	}

	/** Credential type descriptions n8n has loaded (GET /types/credentials.json). */
	async credentialTypes() {
		return await this.rest('GET', '/types/credentials.json');
	}

	/** Public API (/api/v1) with the instance's API key. Returns parsed JSON. */
	async api(method, urlPath, body) {
		const res = await fetch(`${this.baseUrl}/api/v1${urlPath}`, {
			method,
			headers: {
				'X-N8N-API-KEY': this.apiKey,
				accept: 'application/json',
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		if (!res.ok) {
			const error = new Error(
				`${method} /api/v1${urlPath} answered ${res.status}: ${text.slice(0, 2000)}`,
			);
			error.status = res.status;
			throw error;
		}
		return text ? JSON.parse(text) : undefined;
	}

	/** Production webhook URL of a published workflow's webhook path. */
	webhookUrl(webhookPath) {
		return `${this.baseUrl}/webhook/${String(webhookPath).replace(/^\/+/, '')}`;
	}

	/** Test webhook URL (only answers while the editor "listens"). */
	webhookTestUrl(webhookPath) {
		return `${this.baseUrl}/webhook-test/${String(webhookPath).replace(/^\/+/, '')}`;
	}

	/** Calls a production webhook. `body` objects are sent as JSON, strings / Buffers as they are.
	 * Retries a 404 for up to `retry404Ms` (a webhook registers just after start). Resolves with
	 * { status, headers, text, json } (json is undefined if the body is not JSON). */
	async callWebhook(webhookPath, { method = 'POST', body, headers = {}, retry404Ms = 5000 } = {}) {
		const url = this.webhookUrl(webhookPath);
		const isRaw = typeof body === 'string' || Buffer.isBuffer(body) || body instanceof Uint8Array;
		const deadline = Date.now() + retry404Ms;
		for (;;) {
			const res = await fetch(url, {
				method,
				headers: {
					...(body !== undefined && !isRaw ? { 'content-type': 'application/json' } : {}),
					...headers,
				},
				body: body === undefined ? undefined : isRaw ? body : JSON.stringify(body),
			});
			if (res.status === 404 && Date.now() < deadline) {
				await res.arrayBuffer();
				await sleep(250);
				continue;
			}
			const text = await res.text();
			let json;
			try {
				json = JSON.parse(text);
			} catch {
				json = undefined;
			}
			return { status: res.status, headers: Object.fromEntries(res.headers), text, json };
		}
	}

	// ---------- executions ----------

	/** GET /api/v1/executions. filter: { workflowId, status, limit (default 250), includeData (default true),
	 * cursor }. Resolves with the array of executions (newest first, as n8n returns them). */
	async listExecutions(filter = {}) {
		const { includeData = true, limit = 250, ...rest } = filter;
		const qs = new URLSearchParams({ includeData: String(includeData), limit: String(limit) });
		for (const [k, v] of Object.entries(rest))
			if (v !== undefined && v !== null) qs.set(k, String(v));
		const res = await this.api('GET', `/executions?${qs}`);
		return res.data;
	}

	/** GET /api/v1/executions/<id>?includeData=true */
	async getExecution(id, { includeData = true } = {}) {
		return await this.api('GET', `/executions/${id}?includeData=${includeData}`);
	}

	/** Polls until the workflow has at least `count` executions in one of `statuses` (default: any finished
	 * state: success, error, crashed, canceled). Resolves with those executions, oldest first. */
	async waitForExecutions({
		workflowId,
		count = 1,
		timeoutMs = 30000,
		intervalMs = 250,
		statuses = TERMINAL_STATUSES,
		includeData = true,
	} = {}) {
		const deadline = Date.now() + timeoutMs;
		let seen = [];
		for (;;) {
			const all = await this.listExecutions({ workflowId, includeData });
			seen = all.filter((e) => statuses.includes(e.status));
			if (seen.length >= count) {
				return seen.sort((a, b) => Number(a.id) - Number(b.id));
			}
			if (Date.now() > deadline) {
				throw new Error(
					`waitForExecutions: ${seen.length}/${count} executions of workflow ${workflowId} in ${statuses.join('|')} ` +
						`after ${timeoutMs} ms; all: ${JSON.stringify(all.map((e) => ({ id: e.id, status: e.status })))}\n` +
						`n8n log tail:\n${tail(this.logs(), 40)}`,
				);
			}
			await sleep(intervalMs);
		}
	}

	/** Publishes (activates) a workflow on the running instance through the public API. */
	async activateWorkflow(id) {
		return await this.api('POST', `/workflows/${id}/activate`);
	}

	async deactivateWorkflow(id) {
		return await this.api('POST', `/workflows/${id}/deactivate`);
	}
}

const live = new Set();
let exitHookInstalled = false;

function installExitHook() {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	// The watchdog ends n8n when our end of its stdin closes, which the OS does on any exit. This hook only
	// makes it quicker on a normal exit. Nothing asynchronous can run here.
	process.on('exit', () => {
		for (const inst of live) {
			try {
				if (inst._proc) inst._proc.kill('SIGHUP');
			} catch {
				// ignore
			}
		}
	});
}

/**
 * Starts a fresh n8n. Options:
 *   tarball      path of this package's npm tarball to install as a community package (optional)
 *   workflows    workflow JSON objects to import before start; missing `id`s are generated
 *   credentials  credential JSON objects ({ id?, name, type, data: {...} }) for `n8n import:credentials`
 *   publish      true (default: every imported workflow with an activatable trigger), false, or workflow ids
 *   env          extra environment for n8n (wins over the defaults)
 *   owner        { email, password, firstName, lastName } overrides
 *   apiKeyScopes scopes of the public API key (default: every scope the owner may grant)
 *   port         fixed HTTP port (default: a free one)
 *   publishVia   'cli' (default, `n8n publish:workflow` before start) or 'api' (activate once running; faster)
 *   dbTemplate   false to migrate a fresh database instead of copying the cached migrated one
 *   startTimeoutMs (default 120000), stopGraceMs (default 10000)
 * Resolves with the running N8nInstance; on failure the instance is stopped and the error carries n8n's log tail.
 */
async function startN8n(opts = {}) {
	const rt = opts.runtime || ensureRuntime();
	installExitHook();
	const inst = new N8nInstance(opts, rt);
	live.add(inst);
	try {
		await inst._prepare();
		await inst._start();
		await inst._login();
		await inst._activate();
		if (process.env.AIHD_E2E_TIMINGS) {
			process.stderr.write(`[e2e] n8n on ${inst.baseUrl}: ${JSON.stringify(inst.timings)}\n`);
		}
		return inst;
	} catch (error) {
		await inst.stop().catch(() => {});
		throw error;
	}
}

/**
 * Ends every n8n (and n8n CLI run) started by this process or by a process that is gone, and removes their
 * folders. For global teardown: a test that forgot stop(), or a crashed earlier run.
 * @returns {Promise<number>} how many were found
 */
async function stopLeftovers({ graceMs = 15000 } = {}) {
	let entries = [];
	try {
		entries = fs.readdirSync(REGISTRY_DIR).filter((f) => f.endsWith('.json'));
	} catch {
		return 0;
	}
	let found = 0;
	for (const file of entries) {
		const full = path.join(REGISTRY_DIR, file);
		let info;
		try {
			info = JSON.parse(fs.readFileSync(full, 'utf8'));
		} catch {
			continue;
		}
		const ownerAlive = isAlive(info.ownerPid);
		// A watchdog's owner is the jest process that started it (or its worker). Leave other live runs alone.
		if (ownerAlive && info.ownerPid !== process.pid && Number(file.split('-')[0]) !== process.pid)
			continue;
		found++;
		if (isAlive(info.watchdogPid)) {
			try {
				process.kill(info.watchdogPid, 'SIGHUP');
			} catch {
				// gone
			}
			const deadline = Date.now() + graceMs;
			while (isAlive(info.watchdogPid) && Date.now() < deadline) await sleep(100);
		}
		try {
			process.kill(-info.groupPid, 'SIGKILL');
		} catch {
			// group gone, as expected
		}
		if (info.dir) fs.rmSync(info.dir, { recursive: true, force: true });
		fs.rmSync(full, { force: true });
	}
	return found;
}

module.exports = {
	freePort,
	startN8n,
	stopLeftovers,
	ensureDbTemplate,
	hasActivatableTrigger,
	N8nInstance,
	DEFAULT_OWNER,
	TERMINAL_STATUSES,
	REGISTRY_DIR,
};
