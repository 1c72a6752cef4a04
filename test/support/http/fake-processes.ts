import { objectId } from '../ids';
import type { FakeHttp, FakeResponse } from './fake-http';

export interface FakeProcess {
	id: string;
	tool: string;
	order_id: string;
	/** Virtual ms after creation when it ends; Infinity = never. */
	durationMs: number;
	outcome: 'done' | 'failed';
	createdAt: number;
	polls: number[];
}

/** The ids this fake platform hands out (24-hex, like the real one). */
export const newId = objectId;

/**
 * A minimal platform for unit tests: processes end after a set virtual duration, and the
 * 5-seconds-per-process polling rule answers 429 (which the tests then assert never happened).
 */
export class FakeProcesses {
	readonly processes = new Map<string, FakeProcess>();
	tooFastPolls = 0;
	/** Answer 429 to an 11th process within 10 minutes, as the platform does. */
	generationLimit = false;
	rateLimited = 0;

	constructor(
		http: FakeHttp,
		private readonly now: () => number,
	) {
		http.on(/^GET \/process\/(\w+)$/, (_call, match) => this.get(match[1]));
		http.on(/^POST \/process$/, (call) => {
			const now = this.now();
			const recent = [...this.processes.values()].filter((p) => now - p.createdAt < 600_000).length;
			if (this.generationLimit && recent >= 10) {
				this.rateLimited++;
				return {
					status: 429,
					body: { error: 'rate-limit exceeded, 10 generates per 10 minutes only' },
				};
			}
			const body = call.body as { order_id: string; tool: string };
			const process = this.add({
				tool: body.tool,
				order_id: body.order_id,
				durationMs: this.nextDuration(),
			});
			return { status: 201, body: { data: { process_ids: [process.id] }, message: 'ok' } };
		});
	}

	/** Durations handed to processes created through POST, in turn. */
	durations: number[] = [30_000];

	private created = 0;

	private nextDuration(): number {
		return this.durations[Math.min(this.created++, this.durations.length - 1)];
	}

	add(partial: Partial<FakeProcess> & { durationMs: number }): FakeProcess {
		const process: FakeProcess = {
			id: newId(),
			tool: 'tool-virtual-staging',
			order_id: '69a6aa03a374700bff4a1328',
			outcome: 'done',
			createdAt: this.now(),
			polls: [],
			...partial,
		};
		this.processes.set(process.id, process);
		return process;
	}

	private get(id: string): FakeResponse {
		const process = this.processes.get(id);
		if (!process)
			return { status: 404, body: { error: 'Process not found', key: 'api_error_not_found' } };
		const now = this.now();
		const last = process.polls[process.polls.length - 1];
		process.polls.push(now);
		if (last !== undefined && now - last < 5000) {
			this.tooFastPolls++;
			return { status: 429, body: { error: 'too many requests' } };
		}
		const finished = now - process.createdAt >= process.durationMs;
		const status = finished ? process.outcome : 'processing';
		const final_assets =
			finished && process.outcome === 'done'
				? [
						{
							asset_id: `${id.slice(0, 20)}beef`,
							asset_type: 'image',
							temp_src: `https://cdn.aihomedesign.test/${id}.jpg`,
							temp_thumbnail_src: `https://cdn.aihomedesign.test/${id}_thumb.jpg`,
						},
					]
				: [];
		return {
			body: {
				data: { id, status, tool: process.tool, order_id: process.order_id, final_assets },
				message: 'ok',
			},
		};
	}
}
