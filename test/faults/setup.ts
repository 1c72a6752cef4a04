/**
 * Shared set-up of the fault suite: the real simulator on loopback (its clock = the virtual clock the
 * node's clock is pointed at), contexts whose HTTP goes through n8n-core, and the leak check.
 */
import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

import { AiHomeDesignApi } from '../../credentials/AiHomeDesignApi.credentials';
import { AiHomeDesign } from '../../nodes/AiHomeDesign/AiHomeDesign.node';
import { clock } from '../../nodes/AiHomeDesign/helpers/clock';
import { startSimulator, type RunningSimulator } from '../simulator/http-server';
import { makeJpeg, Platform, type PlatformOptions } from '../simulator/platform';
import { dataOf, request, stagingBody, uploadRequest } from '../simulator/test-helpers';
import {
	createExecuteContext,
	createVirtualTime,
	deepText,
	installClock,
	type ExecuteContextOptions,
	type LogEntry,
	type TimeSource,
} from './harness';

/** Made up per run, so that finding it anywhere means it leaked. */
export const API_KEY = `test-api-key-${Math.random().toString(36).slice(2, 10)}`;

export const AUTHENTICATE = new AiHomeDesignApi().authenticate as NonNullable<
	ExecuteContextOptions['authenticate']
>;

export const ACTION_NODE: INode = {
	id: 'faults-action-1',
	name: 'AI HomeDesign',
	type: 'n8n-nodes-aihomedesign.aiHomeDesign',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

export const TRIGGER_NODE: INode = {
	id: 'faults-trigger-1',
	name: 'AI HomeDesign Trigger',
	type: 'n8n-nodes-aihomedesign.aiHomeDesignTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
	webhookId: 'f0a17500-0000-4000-8000-000000000001',
};

export const STAGING_WIDGETS = [
	'item-living-room-widget-space-tool-virtual-staging',
	'item-modern-widget-style-tool-virtual-staging',
];

/** Run Tool on Image: the one-node path (upload, create, wait, download). */
export const RUN_TOOL: IDataObject = {
	resource: 'process',
	operation: 'runTool',
	inputSource: 'binary',
	inputBinaryField: 'data',
	tool: 'tool-virtual-staging',
	widgetsInput: 'list',
	widgetItems: STAGING_WIDGETS,
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
	time: TimeSource;
	sim: RunningSimulator;
	platform: Platform;
	stop(): Promise<void>;
}

/** A simulator whose clock is a virtual clock, and the node's clock pointed at the same one. */
export async function startWorld(options: Partial<PlatformOptions> = {}): Promise<FaultWorld> {
	const time = createVirtualTime();
	const restoreClock = installClock(clock, time);
	const platform = new Platform({
		apiKey: API_KEY,
		clock: { now: () => time.now() },
		publicBaseUrl: '',
		...options,
	});
	const sim = await startSimulator({ platform });
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

/** Runs the action node once over `items`, as n8n would, against the world's simulator. */
export async function runAction(
	world: FaultWorld,
	params: IDataObject,
	items: INodeExecutionData[] = [{ json: {} }],
	extra: Partial<ExecuteContextOptions> = {},
): Promise<RunResult> {
	const { context, logs, binaryStats } = createExecuteContext({
		node: ACTION_NODE,
		baseUrl: world.sim.apiBaseUrl,
		apiKey: API_KEY,
		authenticate: AUTHENTICATE,
		params,
		items,
		time: world.time,
		...extra,
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
		.slice(0, 90);
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

/** Every request the simulator's HTTP shell hands to the platform, with its headers. */
export function recordRequests(
	platform: Platform,
): Array<{ method: string; path: string; headers: Record<string, string | undefined> }> {
	const seen: Array<{ method: string; path: string; headers: Record<string, string | undefined> }> =
		[];
	const handle = platform.handle.bind(platform);
	platform.handle = (req) => {
		seen.push({ method: req.method, path: req.path, headers: { ...req.headers } });
		return handle(req);
	};
	return seen;
}
