import { httpRequest } from '../support/net';
import { DEFAULT_API_KEY } from './api-key';
import { startSimulator, type RunningSimulator } from './http-server';
import { encodeForm, makeJpeg } from './platform';
import { stagingBody } from './tools';

const KEY = { 'x-api-key': DEFAULT_API_KEY };
const onlyCreate = (r: { method: string; path: string }) =>
	r.method === 'POST' && r.path === '/v3/process';

let sim: RunningSimulator | undefined;
afterEach(async () => {
	await sim?.stop();
	sim = undefined;
});

/** Uploads one photo over HTTP; the ids of the order and its photo. */
async function upload(s: RunningSimulator) {
	const form = encodeForm([
		{ name: 'asset_file', filename: 'room.jpg', contentType: 'image/jpeg', data: makeJpeg() },
		{ name: 'asset_role', value: 'primary_angle' },
	]);
	const res = await httpRequest(`${s.apiBaseUrl}/order`, {
		headers: { ...KEY, 'content-type': form.contentType },
		body: form.body,
	});
	const { data } = JSON.parse(res.body) as {
		data: { order_id: string; assets: Array<{ id: string }> };
	};
	return { orderId: data.order_id, photoId: data.assets[0].id };
}

const create = (s: RunningSimulator, orderId: string, photoId: string) =>
	httpRequest(`${s.apiBaseUrl}/process`, { headers: KEY, body: stagingBody(orderId, photoId) });

describe('faults after the platform acted, over HTTP', () => {
	it('a dropped connection after the process was created: no answer, but the process exists', async () => {
		sim = await startSimulator({ platformOptions: {} });
		const { orderId, photoId } = await upload(sim);
		sim.platform.faults.dropConnection = { count: 1, afterHandling: true, only: onlyCreate };
		const lost = await create(sim, orderId, photoId);
		expect([lost.status, lost.code]).toEqual([0, 'ECONNRESET']);
		expect(sim.platform.processes()).toHaveLength(1);
		expect(sim.platform.calls.at(-1)).toMatchObject({
			path: '/v3/process',
			status: 201,
			fault: 'dropConnection',
		});
	});

	it('a 504 gateway page after the process was created', async () => {
		sim = await startSimulator({ platformOptions: {} });
		const { orderId, photoId } = await upload(sim);
		sim.platform.faults.serverErrorBurst = {
			count: 1,
			status: 504,
			afterHandling: true,
			only: onlyCreate,
		};
		const res = await create(sim, orderId, photoId);
		expect(res.status).toBe(504);
		expect(res.body).toContain('504 Gateway Time-out');
		expect(sim.platform.processes()).toHaveLength(1);
		// the next one is answered as usual
		expect((await create(sim, orderId, photoId)).status).toBe(201);
	});
});
