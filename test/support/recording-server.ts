/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test infrastructure, never shipped */
/**
 * A scripted HTTP server on 127.0.0.1 that records every request it gets: the hostile Base URL, image
 * host or redirect target of the hostile-network fault tests.
 */
import http from 'node:http';
import type net from 'node:net';

export interface RecordedRequest {
	method: string;
	/** Path and query, as sent. */
	path: string;
	headers: http.IncomingHttpHeaders;
	body: Buffer;
	/** Date.now() when the request had fully arrived. */
	at: number;
	/** Date.now() when the connection of its answer closed (the client hung up, or the answer ended). */
	closedAt?: number;
}

export type Handler = (request: RecordedRequest, res: http.ServerResponse) => unknown;

export interface RecordingServer {
	/** http://127.0.0.1:<port> */
	url: string;
	requests: RecordedRequest[];
	close(): Promise<void>;
}

export async function startRecordingServer(handle: Handler): Promise<RecordingServer> {
	const requests: RecordedRequest[] = [];
	const sockets = new Set<net.Socket>();
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const recorded: RecordedRequest = {
				method: req.method ?? 'GET',
				path: req.url ?? '/',
				headers: req.headers,
				body: Buffer.concat(chunks),
				at: Date.now(),
			};
			requests.push(recorded);
			res.on('close', () => (recorded.closedAt = Date.now()));
			Promise.resolve(handle(recorded, res)).catch(() => res.destroy());
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as net.AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		async close() {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/** Answers JSON with `status`. */
export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json',
		'content-length': String(Buffer.byteLength(text)),
	});
	res.end(text);
}
