// The photo the browser test stages: the demo's sample listing photo, uploaded to the simulator through its
// own API, so that the node's Image URL is a link the simulator serves (as the platform's CDN would).
import { sampleRoomJpeg } from '../../demo/sample-room';
import { encodeForm } from '../../simulator/multipart';
import type { RunningSimulator } from '../../simulator/http-server';
import { TEST_API_KEY } from '../../support/credentials';
import { httpRequest } from '../../support/net';

/** Uploads the sample photo; resolves with the link the simulator serves it under. */
export async function servedSamplePhoto(sim: RunningSimulator): Promise<string> {
	const form = encodeForm([
		{
			name: 'asset_file',
			filename: 'living-room.jpg',
			contentType: 'image/jpeg',
			data: sampleRoomJpeg(),
		},
		{ name: 'asset_role', value: 'primary_angle' },
	]);
	const res = await httpRequest(`${sim.apiBaseUrl}/order`, {
		headers: { 'x-api-key': TEST_API_KEY, 'content-type': form.contentType },
		body: form.body,
	});
	if (res.status !== 201)
		throw new Error(`uploading the sample photo answered ${res.status}: ${res.body}`);
	const src = (JSON.parse(res.body) as { data: { assets: Array<{ src: string }> } }).data.assets[0]
		?.src;
	if (!src) throw new Error(`the upload gave no link: ${res.body}`);
	return src;
}
