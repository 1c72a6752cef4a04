/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test infrastructure, never shipped */
/**
 * The demo's photos on disk: the sample room it stages ("before"), and each result the simulator hands
 * out once its process is done ("after"), so that both can be opened side by side.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { RunningSimulator } from '../simulator/http-server';
import type { WorkflowJson } from '../e2e/harness';
import { sampleRoomJpeg } from './sample-room';

/** Where the demo writes its photos: DEMO_OUT_DIR, or <tmpdir>/aihd-demo. */
export const PHOTO_DIR = process.env.DEMO_OUT_DIR || path.join(os.tmpdir(), 'aihd-demo');
export const BEFORE_FILE = path.join(PHOTO_DIR, 'before-sample-room.jpg');
/** The latest staged photo; each one is also kept as after-<process id>.jpg. */
export const AFTER_FILE = path.join(PHOTO_DIR, 'after-staged.jpg');

/** Renders the sample room, writes it as the "before" file and returns its bytes. */
export function writeBefore(): Buffer {
	const jpeg = sampleRoomJpeg();
	fs.mkdirSync(PHOTO_DIR, { recursive: true });
	fs.writeFileSync(BEFORE_FILE, jpeg);
	return jpeg;
}

/** Puts the photo into the workflow's "Sample photo" node (the example file carries a tiny placeholder). */
export function useSamplePhoto(workflow: WorkflowJson, jpeg: Buffer): void {
	const node = workflow.nodes.find((n) => n.name === 'Sample photo');
	const assignments = (
		node?.parameters.assignments as { assignments?: Array<{ name: string; value: unknown }> }
	)?.assignments;
	const photo = assignments?.find((a) => a.name === 'photo');
	if (!photo) throw new Error(`"${workflow.name}" has no "Sample photo" node with a "photo" field`);
	photo.value = jpeg.toString('base64');
}

/** Writes the first result of a finished process; its path, or undefined when there is none (yet). */
export function writeAfter(sim: RunningSimulator, processId: string): string | undefined {
	const process = sim.platform.processes().find((p) => p.id === processId);
	const asset = process?.status === 'done' ? process.final_assets[0] : undefined;
	if (!asset) return undefined;
	const res = sim.platform.handle({
		method: 'GET',
		path: `/files/${asset.asset_id}.jpg`,
		query: {},
		headers: {},
	});
	if (res.status !== 200 || !Buffer.isBuffer(res.body)) return undefined;
	const file = path.join(PHOTO_DIR, `after-${processId}.jpg`);
	fs.writeFileSync(file, res.body);
	fs.writeFileSync(AFTER_FILE, res.body);
	return file;
}

/** Every second, writes the results of processes that finished since; calls `saved` for each. Returns a stop. */
export function watchResults(sim: RunningSimulator, saved: (file: string) => void): () => void {
	const written = new Set<string>();
	const timer = setInterval(() => {
		for (const p of sim.platform.processes()) {
			if (p.status !== 'done' || written.has(p.id)) continue;
			written.add(p.id);
			const file = writeAfter(sim, p.id);
			if (file) saved(file);
		}
	}, 1000);
	timer.unref();
	return () => clearInterval(timer);
}
