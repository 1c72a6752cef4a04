/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test infrastructure, never shipped */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

/** Listens on 127.0.0.1:`port` (0: any) and closes at once: the port it got; rejects when it cannot listen. */
async function listenAndClose(port: number): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => {
			const { port: bound } = server.address() as net.AddressInfo;
			server.close(() => resolve(bound));
		});
	});
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export async function freePort(): Promise<number> {
	return await listenAndClose(0);
}

/** Whether this fixed port on 127.0.0.1 can be listened on now (for a port the user chose). */
export async function portIsFree(port: number): Promise<boolean> {
	return await listenAndClose(port).then(
		() => true,
		() => false,
	);
}

/** `n` distinct free ports. */
export async function freePorts(n: number): Promise<number[]> {
	const ports = new Set<number>();
	while (ports.size < n) ports.add(await freePort());
	return [...ports];
}

export interface HttpCall {
	method?: string;
	headers?: Record<string, string>;
	/** An object is sent as JSON (content-type set unless given); a string or Buffer as is. */
	body?: unknown;
	/** false: a fresh connection, closed after the answer. */
	agent?: http.Agent | false;
	timeoutMs?: number;
	/** Aborting ends the request at once (status 0). */
	signal?: AbortSignal;
}

export interface HttpAnswer {
	/** 0 = no answer (connection refused, dropped or timed out); `error` says which. */
	status: number;
	headers: http.IncomingHttpHeaders;
	body: string;
	raw: Buffer;
	ms: number;
	error?: string;
	/** The error's code when it has one (ECONNREFUSED, ECONNRESET, ...): tells "never connected" from "cut off". */
	code?: string;
}

/** The one HTTP client of the test code: never throws, resolves with what came back (status 0 for none). */
export async function httpRequest(url: string, call: HttpCall = {}): Promise<HttpAnswer> {
	const headers: Record<string, string> = { ...(call.headers ?? {}) };
	let payload: Buffer | undefined;
	if (call.body !== undefined) {
		if (Buffer.isBuffer(call.body)) payload = call.body;
		else if (typeof call.body === 'string') payload = Buffer.from(call.body);
		else {
			payload = Buffer.from(JSON.stringify(call.body));
			if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
				headers['content-type'] = 'application/json';
		}
		headers['content-length'] = String(payload.length);
	}
	const t0 = process.hrtime.bigint();
	const elapsed = () => Number(process.hrtime.bigint() - t0) / 1e6;
	return await new Promise((resolve) => {
		const fail = (error: Error) =>
			resolve({
				status: 0,
				headers: {},
				body: '',
				raw: Buffer.alloc(0),
				ms: elapsed(),
				error: error.message,
				code: (error as NodeJS.ErrnoException).code,
			});
		let req: http.ClientRequest;
		try {
			const lib = url.startsWith('https:') ? https : http;
			req = lib.request(url, {
				method: call.method ?? (payload ? 'POST' : 'GET'),
				headers,
				agent: call.agent,
				timeout: call.timeoutMs ?? 15000,
				signal: call.signal,
			});
		} catch (error) {
			return fail(error as Error);
		}
		req.on('response', (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('error', fail);
			res.on('end', () => {
				const raw = Buffer.concat(chunks);
				resolve({
					status: res.statusCode ?? 0,
					headers: res.headers,
					body: raw.toString('utf8'),
					raw,
					ms: elapsed(),
				});
			});
		});
		req.on('timeout', () =>
			req.destroy(new Error(`no answer within ${call.timeoutMs ?? 15000} ms`)),
		);
		req.on('error', fail);
		req.end(payload);
	});
}
