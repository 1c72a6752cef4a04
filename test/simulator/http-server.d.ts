// Types for http-server.js (plain JavaScript so it may use node:http and timers).
import type { Platform, PlatformOptions } from './platform';

export interface DeliveryRecord {
	processId: string | undefined;
	/** 1-based attempt number within one copy. */
	attempt: number;
	/** 0 = the original delivery, 1.. = duplicates, -1 = a raw deliver() call. */
	copy: number;
	/** HTTP status, 0 = connection error or timeout (see `error`). */
	status: number;
	/** Wall-clock ms. */
	at: number;
	error?: string;
}

export interface PostResult {
	status: number;
	body?: string;
	error?: string;
}

export interface StartSimulatorOptions {
	/** A ready platform; if its publicBaseUrl is '' it is set to the server's URL. */
	platform?: Platform;
	/** Build the platform after listening (apiKey defaults to 'test-api-key', publicBaseUrl to the server URL). */
	platformOptions?: Partial<PlatformOptions>;
	/** The core module to build with; default ./platform (jest) or compiled by ./build.js (plain node). */
	core?: { Platform: new (opts: PlatformOptions) => Platform };
	/** Default 0: a free port on 127.0.0.1. */
	port?: number;
	webhookUrl?: string;
	/** Default { attempts: 5, delaysMs: [500, 1000, 2000, 4000] }; the last delay repeats. */
	webhookRetries?: { attempts?: number; delaysMs?: number[] };
	/** Extra copies of each delivery; the first is sent concurrently with the original, the rest after it. */
	duplicateDeliveries?: number;
	/** Default 200. */
	deliveryPollMs?: number;
	/** Default 10000: no answer in time counts as a failed attempt. */
	webhookTimeoutMs?: number;
}

export interface RunningSimulator {
	/** http://127.0.0.1:PORT */
	url: string;
	/** url + '/v3' */
	apiBaseUrl: string;
	platform: Platform;
	deliveries: DeliveryRecord[];
	readonly webhookUrl: string | undefined;
	setWebhookUrl(url: string | undefined): void;
	/** POSTs one raw payload (object → JSON; string/Buffer as is) once, to `target` or the webhook URL. */
	deliver(payload: unknown, target?: string): Promise<PostResult>;
	/** Collects due events now; resolves when their deliveries (with retries) are over. */
	pump(): Promise<void>;
	/** Resolves when no delivery is in flight. */
	settled(): Promise<void>;
	stop(): Promise<void>;
}

export function startSimulator(options?: StartSimulatorOptions): Promise<RunningSimulator>;

export interface ReceivedWebhook {
	method: string;
	path: string;
	headers: Record<string, string | undefined>;
	raw: string;
	/** Parsed JSON, or undefined. */
	body: unknown;
	at: number;
}

export interface WebhookReceiverOptions {
	port?: number;
	/** Status per request, the last repeats. Default [200]. */
	statuses?: number[];
	respond?: (index: number, body: unknown) => number;
	delayMs?: number;
}

export interface RunningReceiver {
	/** http://127.0.0.1:PORT/webhook */
	url: string;
	received: ReceivedWebhook[];
	stop(): Promise<void>;
}

export function startWebhookReceiver(options?: WebhookReceiverOptions): Promise<RunningReceiver>;

/** The core module: ./platform under jest, else compiled by ./build.js. */
export function loadCore(): typeof import('./platform');
