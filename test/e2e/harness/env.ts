/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-hardcoded-secrets -- test infrastructure, never shipped */
// The environment an n8n of the harness runs with: the parent's, minus what would change n8n's behaviour,
// plus the settings for an offline, headless instance (see the root README's "Running a real n8n headless").
import os from 'node:os';
import path from 'node:path';

import type { Runtime } from './runtime';

export const ENCRYPTION_KEY = 'aihd-e2e-fixed-encryption-key';

export interface Owner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

export const DEFAULT_OWNER: Owner = Object.freeze({
	email: 'owner@e2e.test',
	password: 'E2e-owner-passw0rd',
	firstName: 'E2E',
	lastName: 'Owner',
});

/** Inherited variables that would change what n8n does: jest's NODE_ENV=test (n8n then refuses to load nodes),
 * npm's and jest's variables, NODE_OPTIONS meant for Node 20, any N8N_ or DB_ setting of the shell. */
const NOT_INHERITED =
	/^(npm_|JEST_|N8N_|DB_|EXECUTIONS_|QUEUE_|GENERIC_TIMEZONE$|WEBHOOK_URL$|NODE_ENV$|NODE_OPTIONS$|NODE_PATH$|E2E_TESTS$|AIHD_WATCHDOG_)/;

/** The parent's environment without the variables n8n must not inherit. */
export function inheritedEnv(): Record<string, string> {
	const env: Record<string, string> = {};
	for (const [name, value] of Object.entries(process.env))
		if (value !== undefined && !NOT_INHERITED.test(name)) env[name] = value;
	return env;
}

/** bcrypt hash for N8N_INSTANCE_OWNER_PASSWORD_HASH, with the bcryptjs that ships inside n8n. Cost 8 keeps
 * logins fast; n8n accepts any two-digit cost. */
export function passwordHash(runtime: Runtime, password: string): string {
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- n8n's copy, found at run time
	const bcrypt = require(path.join(runtime.n8nModules, 'bcryptjs')) as {
		hashSync(text: string, cost: number): string;
	};
	return bcrypt.hashSync(password, 8);
}

export interface N8nEnvSettings {
	runtime: Runtime;
	userFolder: string;
	port: number;
	brokerPort: number;
	owner: Owner;
	ownerPasswordHash: string;
	/** Wins over everything else. */
	extra?: Record<string, string>;
}

/** The whole environment of one n8n process (server or CLI run). */
export function n8nEnv(s: N8nEnvSettings): Record<string, string> {
	const baseUrl = `http://127.0.0.1:${s.port}`;
	return {
		...inheritedEnv(),
		PATH: `${s.runtime.nodeBin}${path.delimiter}${process.env.PATH ?? ''}`,
		HOME: process.env.HOME ?? os.homedir(),
		// Node's on-disk bytecode cache: n8n loads thousands of modules per start and per CLI run.
		NODE_COMPILE_CACHE: path.join(s.runtime.cacheDir, 'node-compile-cache'),
		N8N_USER_FOLDER: s.userFolder,
		N8N_PORT: String(s.port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		WEBHOOK_URL: `${baseUrl}/`,
		N8N_RUNNERS_BROKER_PORT: String(s.brokerPort),
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
		N8N_INSTANCE_OWNER_EMAIL: s.owner.email,
		N8N_INSTANCE_OWNER_FIRST_NAME: s.owner.firstName,
		N8N_INSTANCE_OWNER_LAST_NAME: s.owner.lastName,
		N8N_INSTANCE_OWNER_PASSWORD_HASH: s.ownerPasswordHash,
		...(s.extra ?? {}),
	};
}
