/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- test infrastructure, never shipped */
// The lifecycle of one real, headless, offline n8n (the cached Node 24 + n8n of runtime.ts) on a fresh user
// folder: the package installed from its npm tarball, workflows and credentials imported and published
// through n8n's CLI before start, then start, login, activation, restart and stop.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { n8nId } from '../../support/ids';
import { freePort, freePorts, httpRequest } from '../../support/net';
import { sleep } from '../../support/sleep';
import { copyDbTemplate, ensureDbTemplate } from './db-template';
import { DEFAULT_OWNER, n8nEnv, passwordHash, type Owner } from './env';
import {
	getExecution,
	listExecutions,
	waitForExecutions,
	type Execution,
	type ExecutionFilter,
	type WaitForExecutionsOptions,
} from './executions';
import { N8nApi, type PublicationStatus } from './n8n-api';
import { LogBuffer, spawnN8n, tail, type WatchedProcess } from './process';
import { ensureRuntime, type Runtime } from './runtime';
import { installTarball, type InstalledPackage } from './tarball';
import { hasActivatableTrigger, type CredentialJson, type WorkflowJson } from './workflows';

/** Which n8n command a process runs: `n8n start`, or a queue-mode `n8n worker` / `n8n webhook`. */
export type N8nRole = 'main' | 'worker' | 'webhook';

/** n8n logs this (at info level, to the console) once startup is over: for main, with the legacy activation
 * (N8N_USE_WORKFLOW_PUBLICATION_SERVICE=false), only after published workflows are active. */
const READY_MARKERS: Record<N8nRole, string> = {
	main: 'Editor is now accessible via:',
	worker: 'n8n worker is now ready',
	webhook: 'Webhook listener waiting for requests.',
};

export interface StartOptions {
	/** Default 'main'. A worker or webhook process shares main's database (pass its DB_* and QUEUE_* in `env`):
	 * nothing is imported, published or logged in to, and a worker answers /healthz/readiness on `port`. */
	role?: N8nRole;
	/** Extra arguments for the command, e.g. ['--concurrency=10'] for a worker. */
	args?: string[];
	/** This package's npm tarball (getPackedTarball()), installed as a user would. */
	tarball?: string;
	/** Imported before start; missing ids are generated. */
	workflows?: WorkflowJson[];
	/** For `n8n import:credentials`; missing ids are generated. */
	credentials?: CredentialJson[];
	/** true (default): every workflow with an activatable trigger (hasActivatableTrigger); false; or ids. */
	publish?: boolean | string[];
	/** 'cli' (default): `n8n publish:workflow` before start (~4 s per workflow);
	 * 'api': POST /api/v1/workflows/<id>/activate once running (~0.1 s per workflow). */
	publishVia?: 'cli' | 'api';
	/** Fixed HTTP port (e.g. 5678 for a demo a person opens); default: a free one. */
	port?: number;
	/** Extra environment for n8n; wins over the harness's defaults. */
	env?: Record<string, string>;
	owner?: Partial<Owner>;
	/** Public API key scopes; default: every scope the owner may grant. */
	apiKeyScopes?: string[];
	/** Copy a migrated database from the runtime cache instead of migrating (default true). */
	dbTemplate?: boolean;
	/** Default 120000. */
	startTimeoutMs?: number;
	/** SIGTERM → SIGKILL on stop and restart; default 10000. */
	stopGraceMs?: number;
	runtime?: Runtime;
}

/** Every instance not yet stopped, for the exit hook. */
const live = new Set<N8nInstance>();
let exitHookInstalled = false;

function installExitHook(): void {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	// A watchdog ends n8n when our end of its stdin closes, which the OS does on any exit; this only makes
	// it quicker on a normal exit. Nothing asynchronous can run here.
	process.on('exit', () => {
		for (const instance of live) instance.hangUp();
	});
}

export class N8nInstance extends N8nApi {
	readonly owner: Owner;
	readonly userFolder: string;
	/** Imported workflows and credentials, with their (possibly generated) ids. */
	workflows: Array<WorkflowJson & { id: string }> = [];
	credentials: Array<CredentialJson & { id: string }> = [];
	/** Ids of the workflows that were published. */
	published: string[] = [];
	/** Publication status per published workflow, after start. */
	readonly activation: Record<string, PublicationStatus> = {};
	/** Milliseconds: prepareMs, importMs, startMs, loginMs, activateMs, stopMs. */
	readonly timings: Record<string, number> = {};
	package: InstalledPackage | null = null;
	readonly role: N8nRole;

	private readonly log = new LogBuffer();
	private readonly extraEnv: Record<string, string>;
	private readonly ownerPasswordHash: string;
	private server: WatchedProcess | null = null;

	private constructor(
		readonly runtime: Runtime,
		private readonly options: StartOptions,
		readonly port: number,
		readonly brokerPort: number,
	) {
		super(`http://127.0.0.1:${port}`);
		this.owner = { ...DEFAULT_OWNER, ...(options.owner ?? {}) };
		this.ownerPasswordHash = passwordHash(runtime, this.owner.password);
		this.userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'aihd-n8n-'));
		this.extraEnv = { ...(options.env ?? {}) };
		this.role = options.role ?? 'main';
	}

	/** Starts a fresh n8n (see StartOptions). On failure it is stopped and the error carries n8n's log tail. */
	static async start(options: StartOptions = {}): Promise<N8nInstance> {
		const runtime = options.runtime ?? (await ensureRuntime());
		// The broker port stays a free one even when the HTTP port is fixed.
		let [port, brokerPort] = await freePorts(2);
		if (options.port) {
			port = options.port;
			while (brokerPort === port) brokerPort = await freePort();
		}
		installExitHook();
		const instance = new N8nInstance(runtime, options, port, brokerPort);
		live.add(instance);
		try {
			await instance.prepare();
			await instance.startServer();
			if (instance.role === 'main') {
				await instance.signIn();
				await instance.activate();
			}
			if (process.env.AIHD_E2E_TIMINGS)
				process.stderr.write(
					`[e2e] n8n on ${instance.baseUrl}: ${JSON.stringify(instance.timings)}\n`,
				);
			return instance;
		} catch (error) {
			await instance.stop().catch(() => undefined);
			throw error;
		}
	}

	/** The n8n server's process id while it runs (not its watchdog's). */
	get pid(): number | undefined {
		return this.server?.pid;
	}

	/** Everything n8n (and the CLI runs) wrote to stdout and stderr, in order. */
	logs(): string {
		return this.log.text();
	}

	/** A position in the logs, for logsSince(). */
	logMark(): number {
		return this.log.mark();
	}

	logsSince(mark: number): string {
		return this.log.since(mark);
	}

	private env(extra: Record<string, string> = {}): Record<string, string> {
		// A worker serves no HTTP of its own unless its health server is on; its default port is main's.
		const roleEnv: Record<string, string> =
			this.role === 'worker'
				? {
						QUEUE_HEALTH_CHECK_ACTIVE: 'true',
						QUEUE_HEALTH_CHECK_PORT: String(this.port),
						N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
					}
				: {};
		return n8nEnv({
			runtime: this.runtime,
			userFolder: this.userFolder,
			port: this.port,
			brokerPort: this.brokerPort,
			owner: this.owner,
			ownerPasswordHash: this.ownerPasswordHash,
			extra: { ...roleEnv, ...this.extraEnv, ...extra },
		});
	}

	/** Runs an n8n CLI command (`import:workflow`, `execute`, ...) on this instance's folder; resolves with its
	 * output. Changes reach a running n8n only after restart(). `env`: extra environment for this run. While
	 * n8n runs, the CLI gets a task-broker port of its own (`execute` starts a broker). */
	async runCli(
		args: string[],
		{
			allowFailure = false,
			env = {},
		}: { allowFailure?: boolean; env?: Record<string, string> } = {},
	): Promise<string> {
		const start = this.log.mark();
		this.log.append(`\n[harness] $ n8n ${args.join(' ')}\n`);
		const extra = { ...env };
		if (this.server && !extra.N8N_RUNNERS_BROKER_PORT) {
			let port = await freePort();
			while (port === this.port || port === this.brokerPort) port = await freePort();
			extra.N8N_RUNNERS_BROKER_PORT = String(port);
		}
		const cli = spawnN8n(this.runtime, args, {
			userFolder: this.userFolder,
			env: this.env(extra),
			log: this.log,
			graceMs: this.options.stopGraceMs ?? 10000,
		});
		const { code } = await cli.exited;
		const output = this.log.since(start);
		if (code !== 0 && !allowFailure)
			throw new Error(`n8n ${args.join(' ')} exited ${code}:\n${tail(output)}`);
		return output;
	}

	/** Package, database, credentials, workflows: everything that is done before n8n starts. */
	private async prepare(): Promise<void> {
		const t0 = Date.now();
		if (this.options.tarball)
			this.package = await installTarball(this.options.tarball, this.userFolder);
		if (this.role !== 'main') {
			this.timings.prepareMs = Date.now() - t0;
			return;
		}
		if (this.options.dbTemplate !== false)
			copyDbTemplate(await ensureDbTemplate(this.runtime), this.userFolder);
		this.timings.prepareMs = Date.now() - t0;

		const t1 = Date.now();
		const importDir = path.join(this.userFolder, 'import');
		fs.mkdirSync(importDir, { recursive: true });
		this.credentials = (this.options.credentials ?? []).map((c) => ({ ...c, id: c.id ?? n8nId() }));
		if (this.credentials.length) {
			const file = path.join(importDir, 'credentials.json');
			fs.writeFileSync(file, JSON.stringify(this.credentials, null, 2));
			await this.runCli(['import:credentials', `--input=${file}`]);
		}
		this.workflows = (this.options.workflows ?? []).map((w) => ({
			settings: {},
			connections: {},
			...w,
			id: w.id ?? n8nId(),
			active: false,
		}));
		const publish = this.options.publish ?? true;
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
			if ((this.options.publishVia ?? 'cli') === 'cli')
				for (const id of this.published) await this.runCli(['publish:workflow', `--id=${id}`]);
		}
		// The import files may hold secrets: do not leave them in a folder that could outlive a failed run.
		fs.rmSync(importDir, { recursive: true, force: true });
		this.timings.importMs = Date.now() - t1;
	}

	/** `n8n start` (or worker / webhook), until /healthz/readiness answers 200 (and the ready line is logged,
	 * when it will be). */
	private async startServer(): Promise<void> {
		const t0 = Date.now();
		const logStart = this.log.mark();
		const command = [this.role === 'main' ? 'start' : this.role, ...(this.options.args ?? [])];
		this.log.append(
			`\n[harness] $ n8n ${command.join(' ')} (port ${this.port}, broker ${this.brokerPort})\n`,
		);
		const env = this.env();
		const logsReadyLine =
			['info', 'debug'].includes(env.N8N_LOG_LEVEL ?? 'info') &&
			(env.N8N_LOG_OUTPUT ?? 'console').includes('console');
		const readyLineSeen = this.log.watch(READY_MARKERS[this.role]);
		const server = spawnN8n(this.runtime, command, {
			userFolder: this.userFolder,
			cleanupDir: this.userFolder,
			env,
			log: this.log,
			graceMs: this.options.stopGraceMs ?? 10000,
		});
		this.server = server;
		void server.exited.then(() => {
			if (this.server === server) this.server = null;
		});
		const deadline = Date.now() + (this.options.startTimeoutMs ?? 120000);
		for (;;) {
			if (server.exit)
				throw new Error(
					`n8n exited (${JSON.stringify(server.exit)}) before it was ready:\n${tail(this.log.since(logStart))}`,
				);
			if (Date.now() > deadline)
				throw new Error(`n8n was not ready in time:\n${tail(this.log.since(logStart))}`);
			await sleep(200);
			if (logsReadyLine && !readyLineSeen()) continue;
			const res = await httpRequest(`${this.baseUrl}/healthz/readiness`, { timeoutMs: 5000 });
			if (res.status === 200) break;
		}
		this.timings.startMs = Date.now() - t0;
	}

	/** Logs in as the owner and, the first time, makes the public API key. */
	private async signIn(): Promise<void> {
		const t0 = Date.now();
		await this.login(this.owner);
		if (!this.apiKey) await this.createApiKey(this.options.apiKeyScopes);
		this.timings.loginMs = Date.now() - t0;
	}

	private async activate(): Promise<void> {
		const t0 = Date.now();
		if (this.options.publishVia === 'api')
			for (const id of this.published) await this.activateWorkflow(id);
		await this.waitForPublication(this.published);
		this.timings.activateMs = Date.now() - t0;
	}

	/** Waits until n8n has settled the publication of each workflow (its triggers and production webhooks are
	 * registered, or failed to). Resolves with the statuses, also kept in `activation`; 'failed' is no error. */
	async waitForPublication(
		ids: string[] = this.published,
		{ timeoutMs = 30000 } = {},
	): Promise<Record<string, PublicationStatus>> {
		const deadline = Date.now() + timeoutMs;
		const result: Record<string, PublicationStatus> = {};
		for (const id of ids) {
			for (;;) {
				const st = await this.publicationStatus(id);
				if (['published', 'partial', 'failed'].includes(st.status)) {
					result[id] = st;
					break;
				}
				if (Date.now() > deadline)
					throw new Error(
						`workflow ${id} was not activated after ${timeoutMs} ms (publication status ${JSON.stringify(st)}); ` +
							`a workflow without a trigger cannot be published.\n${tail(this.logs(), 40)}`,
					);
				await sleep(200);
			}
		}
		Object.assign(this.activation, result);
		return result;
	}

	/** Graceful stop (SIGTERM, SIGKILL after stopGraceMs), then start on the same folder, ports, owner and API
	 * key (webhook URLs stay valid). `env` is merged into the extra environment for this and later starts. */
	async restart({ env }: { env?: Record<string, string> } = {}): Promise<void> {
		await this.stopServer();
		if (env) Object.assign(this.extraEnv, env);
		await this.startServer();
		if (this.role !== 'main') return;
		await this.signIn();
		await this.waitForPublication(Object.keys(this.activation));
	}

	private async stopServer(): Promise<void> {
		const server = this.server;
		if (!server) return;
		this.server = null;
		await server.stop();
	}

	/** Stops n8n (its whole process group) and removes its folder. Safe to call twice. */
	async stop(): Promise<void> {
		const t0 = Date.now();
		await this.stopServer();
		fs.rmSync(this.userFolder, { recursive: true, force: true, maxRetries: 3 });
		live.delete(this);
		this.timings.stopMs = Date.now() - t0;
	}

	/** For exit hooks: asks the watchdog to end n8n and remove the folder, without waiting. */
	hangUp(): void {
		this.server?.signal('SIGHUP');
	}

	/** One page of executions (newest first). */
	async listExecutions(filter: ExecutionFilter = {}): Promise<Execution[]> {
		return await listExecutions(this, filter);
	}

	async getExecution(id: string, options: { includeData?: boolean } = {}): Promise<Execution> {
		return await getExecution(this, id, options);
	}

	/** Polls until the workflow has `count` finished executions; resolves with them, oldest first. */
	async waitForExecutions(options: WaitForExecutionsOptions): Promise<Execution[]> {
		return await waitForExecutions(this, options, () => `n8n log tail:\n${tail(this.logs(), 40)}`);
	}
}

/** Starts a fresh n8n: N8nInstance.start. */
export const startN8n = async (options: StartOptions = {}): Promise<N8nInstance> =>
	await N8nInstance.start(options);
