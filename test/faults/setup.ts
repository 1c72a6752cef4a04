/**
 * Shared set-up of the fault suite: the real simulator on loopback (its clock = the virtual clock the
 * node's clock is pointed at), contexts whose HTTP goes through n8n-core, and the leak check.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { AiHomeDesign } from '../../nodes/AiHomeDesign/AiHomeDesign.node';
import { startSimulator, type RunningSimulator } from '../simulator/http-server';
import { makeJpeg, Platform, type PlatformOptions } from '../simulator/platform';
import { dataOf, request, uploadRequest } from '../simulator/requests';
import { stagingBody } from '../simulator/tools';
import { AUTHENTICATE } from '../support/credentials';
import { n8nCoreHttp } from '../support/http/n8n-core-http';
import { deepText } from '../support/leak';
import type { ApiAccessOptions, LogEntry } from '../support/n8n-context/api-access';
import { createExecuteContext } from '../support/n8n-context/execute';
import { installClock } from '../support/time/package-clock';
import { createVirtualClock, type VirtualClock } from '../support/time/virtual-clock';

/** Made up per run, so that finding it anywhere means it leaked. */
export const API_KEY = `test-api-key-${Math.random().toString(36).slice(2, 10)}`;

/** Run Tool on Image: the one-node path (upload, create, wait, download). */
export const RUN_TOOL: IDataObject = {
	resource: 'process',
	operation: 'runTool',
	inputSource: 'binary',
	inputBinaryField: 'data',
	tool: 'tool-virtual-staging',
	space: 'living-room',
	style: 'modern',
	waitOptions: {},
	resultFiles: 'full',
	binaryPropertyName: 'data',
	options: {},
};

export function photos(count: number): INodeExecutionData[] {
	return Array.from({ length: count }, (_, i) => ({
		json: { listing: i },
		binary: {
			data: {
				data: makeJpeg({ level: 20 + i, label: `faults photo ${i}` }).toString('base64'),
				mimeType: 'image/jpeg',
				fileName: `room-${i}.jpg`,
			},
		},
	}));
}

export interface FaultWorld {
	time: VirtualClock;
	sim: RunningSimulator;
	platform: Platform;
	stop(): Promise<void>;
}

/** A simulator whose clock is a virtual clock, and the node's clock pointed at the same one. */
export async function startWorld(options: Partial<PlatformOptions> = {}): Promise<FaultWorld> {
	const time = createVirtualClock();
	const restoreClock = installClock(time);
	const platform = new Platform({
		apiKey: API_KEY,
		clock: { now: () => time.now() },
		publicBaseUrl: '',
		// The simulator's hard 5-s poll rule is off by default (the docs only advise it); on here, so
		// "polls refused by the 5-s rule" still checks the node's spacing.
		pollMinIntervalMs: 5000,
		...options,
	});
	const sim = await startSimulator({ platform, recordRequests: true });
	return {
		time,
		sim,
		platform,
		async stop() {
			await sim.stop();
			restoreClock();
		},
	};
}

export interface RunResult {
	/** The node's output, or undefined when it threw. */
	items?: INodeExecutionData[];
	error?: Error & { description?: string | null; httpCode?: string | null };
	logs: LogEntry[];
	binary: { files: number; bytes: number; streamed: number };
	virtualMs: number;
}

/**
 * The world's API as a node context reaches it: n8n-core's real helpers (requests tracked on the
 * virtual clock, timeouts × `timeoutScale`), the simulator's URL and the run's key.
 */
export function apiOf(world: FaultWorld, timeoutScale?: number): ApiAccessOptions {
	return {
		http: n8nCoreHttp({ authenticate: AUTHENTICATE, time: world.time, timeoutScale }),
		baseUrl: world.sim.apiBaseUrl,
		apiKey: API_KEY,
	};
}

export interface RunOptions {
	continueOnFail?: boolean;
	/** Multiplies every request timeout (tests of timeouts without waiting 30 s). */
	timeoutScale?: number;
	/** The credential's Base URL, when not the simulator's own (a proxy in front of it). */
	baseUrl?: string;
}

/** Runs the action node once over `items`, as n8n would, against the world's simulator. */
export async function runAction(
	world: FaultWorld,
	params: IDataObject,
	items: INodeExecutionData[] = [{ json: {} }],
	options: RunOptions = {},
): Promise<RunResult> {
	const { context, logs, binaryStats } = createExecuteContext({
		...apiOf(world, options.timeoutScale),
		...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
		params,
		items,
		continueOnFail: options.continueOnFail,
		// As n8n's filesystem binary mode: files stream through, only their sizes are kept.
		keepBinary: false,
	});
	const started = world.time.now();
	try {
		const [output] = await new AiHomeDesign().execute.call(context);
		return { items: output, logs, binary: binaryStats, virtualMs: world.time.now() - started };
	} catch (error) {
		return {
			error: error as RunResult['error'],
			logs,
			binary: binaryStats,
			virtualMs: world.time.now() - started,
		};
	}
}

/** True when the run's key appears nowhere in what is given (outputs, errors, logs, answers). */
export function keyLeaked(...values: unknown[]): boolean {
	return deepText(values).includes(API_KEY);
}

/** Simulator calls by `METHOD path-pattern`, for figures: `{ 'POST /v3/order': 3, ... }`. */
export function callFigures(platform: Platform): Record<string, number> {
	const out: Record<string, number> = {};
	for (const call of platform.calls) {
		const path = call.path
			.replace(/\/[a-f0-9]{24}(?=\/|$)/g, '/:id')
			.replace(/^\/files\/.*$/, '/files/*');
		const key = `${call.method} ${path}${call.status === 0 ? ' (dropped)' : call.status >= 400 ? ` ${call.status}` : ''}`;
		out[key] = (out[key] ?? 0) + 1;
	}
	return out;
}

/** The kind of an item error or thrown error, for figures. */
export function errorKind(message: string | undefined): string {
	if (!message) return 'none';
	return message
		.replace(/[a-f0-9]{24}/g, '<id>')
		.replace(/\d+ s\b/g, '<n> s')
		.slice(0, 130);
}

/** An order with one photo, made on the simulator directly (not by the node). */
export function existingOrder(platform: Platform): { order_id: string; assetId: string } {
	const res = platform.handle(uploadRequest('/v3/order', [{ role: 'primary_angle' }], [], API_KEY));
	if (res.status !== 201) throw new Error(`order failed: ${res.status}`);
	const data = dataOf<{ order_id: string; assets: Array<{ id: string }> }>(res);
	return { order_id: data.order_id, assetId: data.assets[0].id };
}

/** A virtual-staging process made on the simulator directly; it ends after the platform's duration. */
export function existingProcess(platform: Platform): string {
	const order = existingOrder(platform);
	const res = platform.handle(
		request('POST', '/v3/process', {
			body: stagingBody(order.order_id, order.assetId),
			key: API_KEY,
		}),
	);
	if (res.status !== 201) throw new Error(`process failed: ${res.status}`);
	return dataOf<{ process_ids: string[] }>(res).process_ids[0];
}
