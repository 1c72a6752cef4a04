/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test infrastructure, never shipped */
/**
 * `npx tsx test/simulator/images/examples.ts <dir> [photo.jpg]`: writes the photo (default: the rendered
 * room) and one simulated result per tool into <dir>, to look at what the simulator hands out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SIM_TOOLS } from '../tools';
import { encodeJpeg, renderRoom, renderStats, resultImage, type Settings } from './index';

const [dir = 'sim-examples', photoPath] = process.argv.slice(2);
const photo = photoPath ? fs.readFileSync(photoPath) : encodeJpeg(renderRoom(), 88);
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, 'before.jpg'), photo);
/** Values shown when the tool offers them; otherwise the tool's first. */
const PREFERRED = [
	'living-room',
	'modern',
	'clear-dusk',
	'indoor',
	'add-fire-to-fireplace',
	'oak-wood',
];
for (const tool of SIM_TOOLS) {
	const settings: Settings = {};
	for (const w of tool.widgets) {
		const value = PREFERRED.find(
			(v) => w.values.includes(v) || (w.purpose === 'material' && v === 'oak-wood'),
		);
		const chosen = value ?? w.values[0];
		if (chosen) settings[w.purpose] = [chosen];
	}
	const file = path.join(dir, `${tool.slug}.jpg`);
	fs.writeFileSync(file, resultImage({ photo, tool, settings }));
	process.stdout.write(`${file}\n`);
}
process.stdout.write(`${renderStats.renders} results in ${renderStats.totalMs.toFixed(0)} ms\n`);
