/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test infrastructure, never shipped */
/**
 * `npx tsx test/demo/render-photos.ts [dir]`: the README's before/after pair (docs/images/demo-before.jpg,
 * demo-after.jpg), made the way the demo makes them: the sample room, uploaded to the simulator, staged by
 * the example workflow's Virtual Staging settings (Living Room, Modern), the result downloaded.
 */
import fs from 'node:fs';
import path from 'node:path';

import { dataOf, request, testPlatform, uploadRequest } from '../simulator/requests';
import { sampleRoomJpeg } from './sample-room';

const dir = process.argv[2] ?? path.join(__dirname, '..', '..', 'docs', 'images');
const before = sampleRoomJpeg();
const { platform, clock } = testPlatform({ processDurationMs: 1000 });
const upload = platform.handle(
	uploadRequest('/v3/order', [
		{ role: 'primary_angle', filename: 'living-room.jpg', data: before },
	]),
);
if (upload.status !== 201) throw new Error(`upload answered ${upload.status}`);
const order = dataOf<{ order_id: string; assets: Array<{ id: string }> }>(upload);
const created = platform.handle(
	request('POST', '/v3/process', {
		body: {
			order_id: order.order_id,
			tool: 'tool-virtual-staging',
			asset_map: { 'tool-virtual-staging-input-image': order.assets[0].id },
			widgets: [
				{
					slug: 'widget-space-tool-virtual-staging',
					item_slugs: ['item-living-room-widget-space-tool-virtual-staging'],
				},
				{
					slug: 'widget-style-tool-virtual-staging',
					item_slugs: ['item-modern-widget-style-tool-virtual-staging'],
				},
			],
		},
	}),
);
const processId = dataOf<{ process_ids: string[] }>(created).process_ids[0];
clock.advance(1000);
const [asset] = platform.processes().find((p) => p.id === processId)!.final_assets;
const after = platform.handle(request('GET', `/files/${asset.asset_id}.jpg`, { key: null }));
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, 'demo-before.jpg'), before);
fs.writeFileSync(path.join(dir, 'demo-after.jpg'), after.body as Buffer);
process.stdout.write(`${path.join(dir, 'demo-before.jpg')}\n${path.join(dir, 'demo-after.jpg')}\n`);
