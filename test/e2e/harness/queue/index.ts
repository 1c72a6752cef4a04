// Queue mode on one machine: Redis and Postgres of the suite's own, main, workers and webhook processes.
export {
	QUEUE_BINARY_DATA_MODE,
	QueueCluster,
	queueEnv,
	startQueueCluster,
	type QueueClusterOptions,
} from './cluster';
export { readBinaryData } from './binary';
export { drainQueue, queueDepth } from './bull';
export { startPostgres, startRedis, type RunningPostgres, type RunningService } from './services';
export {
	findSystemServices,
	INSTALL_HINT,
	REQUIRE_ENV,
	systemServicesOrSkip,
	type SystemServices,
} from './system';
