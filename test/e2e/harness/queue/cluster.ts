/* eslint-disable @n8n/community-nodes/require-node-api-error -- test infrastructure, never shipped */
// n8n in queue mode on one machine: Redis and Postgres of our own,
// one `n8n start` (main: imports, publishes, runs the migrations first), then workers and webhook processes,
// each with its own port, user folder (the package installed in each), task-broker port, all with the same
// encryption key, database, Redis and a Bull prefix of this run.
import { n8nId } from '../../../support/ids';
import { N8nInstance, startN8n, type StartOptions } from '../instance';
import { tail } from '../process';
import { startPostgres, startRedis, type RunningPostgres, type RunningService } from './services';
import type { SystemServices } from './system';

/** Queue mode's default binary data mode (n8n-core's BinaryDataConfig), set explicitly: `filesystem` would
 * need one folder shared by every process, `s3` a licence, and in-memory `default` is gone in n8n 3. */
export const QUEUE_BINARY_DATA_MODE = 'database';

export interface QueueClusterOptions {
	services: SystemServices;
	tarball: string;
	workflows?: StartOptions['workflows'];
	credentials?: StartOptions['credentials'];
	/** Default 2 each. */
	workers?: number;
	webhooks?: number;
	/** `n8n worker --concurrency`; default 10 (n8n's). */
	workerConcurrency?: number;
	/** For every n8n process; wins over the queue settings. */
	env?: Record<string, string>;
	/** For main only, e.g. N8N_DISABLE_PRODUCTION_MAIN_PROCESS. */
	mainEnv?: Record<string, string>;
}

/** The environment every process of one cluster shares. */
export function queueEnv(redis: RunningService, pg: RunningPostgres): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		QUEUE_BULL_PREFIX: `aihd-${n8nId(8)}`,
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(pg.port),
		DB_POSTGRESDB_DATABASE: pg.database,
		DB_POSTGRESDB_USER: pg.user,
		DB_POSTGRESDB_PASSWORD: '',
		N8N_DEFAULT_BINARY_DATA_MODE: QUEUE_BINARY_DATA_MODE,
		// Manual runs on workers too (n8n warns without it in queue mode, and will make it the default).
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
	};
}

export class QueueCluster {
	workers: N8nInstance[] = [];
	webhooks: N8nInstance[] = [];
	main!: N8nInstance;
	readonly env: Record<string, string>;

	constructor(
		private readonly options: QueueClusterOptions,
		readonly redis: RunningService,
		readonly postgres: RunningPostgres,
	) {
		this.env = { ...queueEnv(redis, postgres), ...(options.env ?? {}) };
	}

	/** Starts one more worker or webhook process (it joins the running cluster). */
	async add(role: 'worker' | 'webhook'): Promise<N8nInstance> {
		const instance = await startN8n({
			role,
			tarball: this.options.tarball,
			args: role === 'worker' ? [`--concurrency=${this.options.workerConcurrency ?? 10}`] : [],
			env: this.env,
		});
		(role === 'worker' ? this.workers : this.webhooks).push(instance);
		return instance;
	}

	/** Every process's log tail, labelled, for failure messages. */
	logTails(lines = 25): string {
		const all = [
			['main', this.main],
			...this.workers.map((w, i) => [`worker ${i + 1}`, w] as const),
			...this.webhooks.map((w, i) => [`webhook ${i + 1}`, w] as const),
		] as Array<[string, N8nInstance | undefined]>;
		return all
			.filter(([, n]) => n)
			.map(([label, n]) => `--- ${label} (${n!.baseUrl}) ---\n${tail(n!.logs(), lines)}`)
			.join('\n');
	}

	/** n8n first (webhook processes, workers, main), then Redis and Postgres. Safe to call twice. */
	async stop(): Promise<void> {
		await Promise.all([...this.webhooks, ...this.workers].map(async (n) => await n.stop()));
		await this.main?.stop();
		await Promise.all([this.redis.stop(), this.postgres.stop()]);
	}
}

/** Starts the services, main (ready, workflows published), then the workers and webhook processes together. */
export async function startQueueCluster(options: QueueClusterOptions): Promise<QueueCluster> {
	const [redis, postgres] = await Promise.all([
		startRedis(options.services),
		startPostgres(options.services),
	]);
	const cluster = new QueueCluster(options, redis, postgres);
	try {
		// Every n8n process migrates on start: main first, alone.
		cluster.main = await startN8n({
			tarball: options.tarball,
			workflows: options.workflows,
			credentials: options.credentials,
			publishVia: 'api',
			dbTemplate: false,
			env: { ...cluster.env, ...(options.mainEnv ?? {}) },
		});
		await Promise.all([
			...Array.from({ length: options.workers ?? 2 }, async () => await cluster.add('worker')),
			...Array.from({ length: options.webhooks ?? 2 }, async () => await cluster.add('webhook')),
		]);
		return cluster;
	} catch (error) {
		await cluster.stop().catch(() => undefined);
		throw error;
	}
}
