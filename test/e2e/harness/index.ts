// The end-to-end harness in one import: `import { startN8n, getPackedTarball } from './harness';`
export * from './browser';
export * from './deliveries';
export { runDemoCheck, DEMO_SCRIPT, type DemoCheckResult } from './demo';
export { DEFAULT_OWNER, type Owner } from './env';
export * from './executions';
export { stopLeftovers } from './leftovers';
export { N8nApi, N8nApiError } from './n8n-api';
export type {
	NodeTypeDescription,
	PublicationStatus,
	WebhookCallOptions,
	WebhookResponse,
} from './n8n-api';
export { N8nInstance, startN8n, type N8nRole, type StartOptions } from './instance';
export { isAlive } from './process';
export * from './queue';
export { ensureRuntime, type Runtime } from './runtime';
export { getPackedTarball, packPackage, TARBALL_ENV, type InstalledPackage } from './tarball';
export * from './workflows';
