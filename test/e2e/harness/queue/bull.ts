/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test infrastructure, never shipped */
// How many jobs n8n's Bull queue holds (waiting or running), read straight from Redis: the executions
// enqueued by webhook processes that no worker has finished. One short-lived connection per call.
import net from 'node:net';

import { sleep } from '../../../support/sleep';
import type { QueueCluster } from './cluster';

/** n8n's one Bull queue (`n8n worker` logs "Queue: jobs"). */
const QUEUE_NAME = 'jobs';

/** Sends RESP commands on one connection; resolves with the integer replies. */
async function redisIntegers(port: number, commands: string[][]): Promise<number[]> {
	const payload = commands
		.map((c) => `*${c.length}\r\n${c.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`)
		.join('');
	return await new Promise((resolve, reject) => {
		const socket = net.connect(port, '127.0.0.1');
		let text = '';
		socket.setEncoding('utf8');
		socket.setTimeout(5000, () => socket.destroy(new Error('redis did not answer in 5 s')));
		socket.on('error', reject);
		socket.on('data', (d: string) => {
			text += d;
			const lines = text.split('\r\n').filter(Boolean);
			if (lines.length < commands.length) return;
			socket.end();
			const bad = lines.find((l) => !l.startsWith(':'));
			if (bad) reject(new Error(`redis answered ${bad}`));
			else resolve(lines.map((l) => Number(l.slice(1))));
		});
		socket.write(payload);
	});
}

/** Jobs waiting for a worker plus jobs a worker is running. */
export async function queueDepth(cluster: QueueCluster): Promise<number> {
	const key = `${cluster.env.QUEUE_BULL_PREFIX}:${QUEUE_NAME}`;
	const [waiting, active] = await redisIntegers(cluster.redis.port, [
		['LLEN', `${key}:wait`],
		['LLEN', `${key}:active`],
	]);
	return waiting + active;
}

/** Waits until the queue is empty; resolves with how long that took. */
export async function drainQueue(cluster: QueueCluster, timeoutMs = 180000): Promise<number> {
	const t0 = Date.now();
	while ((await queueDepth(cluster)) > 0) {
		if (Date.now() - t0 > timeoutMs)
			throw new Error(
				`the queue still held ${await queueDepth(cluster)} jobs after ${timeoutMs} ms`,
			);
		await sleep(100);
	}
	return Date.now() - t0;
}
