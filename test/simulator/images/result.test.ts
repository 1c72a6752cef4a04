import { Jimp } from 'jimp';

import { report } from '../../support/report';
import { looksLikeJpeg, makeJpeg, type Platform } from '../platform';
import { dataOf, request, testPlatform, uploadRequest } from '../requests';
import { minimalWidgets } from '../tools';
import { encodeJpeg, renderRoom, renderStats } from './index';

type Picture = InstanceType<typeof Jimp>;

/**
 * Reads a JPEG back with jimp's own JPEG decoder (Jimp.read would sniff the type with an ESM-only
 * import that jest's CommonJS runtime refuses).
 */
function readJpeg(data: Buffer): Picture {
	expect(looksLikeJpeg(data)).toBe(true);
	const jpeg = new Jimp({ width: 1, height: 1 }).formats.find((f) => f.mime === 'image/jpeg')!;
	const bitmap = (jpeg.decode as (data: Buffer) => Picture['bitmap'])(data);
	return new Jimp(bitmap) as Picture;
}
interface Region {
	x: number;
	y: number;
	w: number;
	h: number;
}

/** The photo the tests upload: the rendered room, small enough to keep the suite quick. */
const ROOM = { width: 360, height: 240 };
const roomJpeg = encodeJpeg(renderRoom(ROOM.width, ROOM.height), 88);

/** Mean luminance of a region (0..255), the whole picture by default. */
function luminance(img: Picture, r: Region = { x: 0, y: 0, w: img.width, h: img.height }) {
	let sum = 0;
	let n = 0;
	img.scan(r.x, r.y, r.w, r.h, (_x, _y, i) => {
		const d = img.bitmap.data;
		sum += 0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2];
		n++;
	});
	return sum / n;
}

/** Mean absolute difference per channel between two pictures of one size, over a region. */
function difference(a: Picture, b: Picture, r: Region = { x: 0, y: 0, w: a.width, h: a.height }) {
	let sum = 0;
	let n = 0;
	a.scan(r.x, r.y, r.w, r.h, (_x, _y, i) => {
		for (let c = 0; c < 3; c++) sum += Math.abs(a.bitmap.data[i + c] - b.bitmap.data[i + c]);
		n += 3;
	});
	return sum / n;
}

/** Fractions of the picture → a pixel region. */
const part = (img: Picture, x0: number, y0: number, x1: number, y1: number): Region => ({
	x: Math.round(x0 * img.width),
	y: Math.round(y0 * img.height),
	w: Math.round((x1 - x0) * img.width),
	h: Math.round((y1 - y0) * img.height),
});

/** Uploads `photo`, runs `tool` with `widgets` to completion and downloads the result (and its thumbnail). */
function runTool(
	platform: Platform,
	advance: (ms: number) => void,
	photo: { data: Buffer; filename?: string; contentType?: string },
	tool: string,
	widgets = minimalWidgets(tool),
) {
	const upload = platform.handle(uploadRequest('/v3/order', [{ role: 'primary_angle', ...photo }]));
	const order = dataOf<{ order_id: string; assets: Array<{ id: string }> }>(upload);
	const created = platform.handle(
		request('POST', '/v3/process', {
			body: {
				order_id: order.order_id,
				tool,
				asset_map: { [`${tool}-input-image`]: order.assets[0].id },
				widgets,
			},
		}),
	);
	expect(created.status).toBe(201);
	const processId = dataOf<{ process_ids: string[] }>(created).process_ids[0];
	advance(60_000);
	const done = dataOf<{ final_assets: Array<{ asset_id: string }> }>(
		platform.handle(request('GET', `/v3/process/${processId}`)),
	);
	const id = done.final_assets[0].asset_id;
	const file = (name: string) => {
		const res = platform.handle(request('GET', `/files/${name}`, { key: null }));
		expect(res.status).toBe(200);
		expect(res.headers['content-type']).toBe('image/jpeg');
		return res.body as Buffer;
	};
	return { image: file(`${id}.jpg`), thumbnail: file(`${id}_thumb.jpg`) };
}

const STAGING_WIDGETS = [
	{
		slug: 'widget-space-tool-virtual-staging',
		item_slugs: ['item-living-room-widget-space-tool-virtual-staging'],
	},
	{
		slug: 'widget-style-tool-virtual-staging',
		item_slugs: ['item-modern-widget-style-tool-virtual-staging'],
	},
];

describe('result images: the uploaded photo, changed by the tool', () => {
	let before: Picture;
	beforeAll(() => {
		before = readJpeg(roomJpeg);
	});

	function setup(options: Parameters<typeof testPlatform>[0] = {}) {
		const { platform, clock } = testPlatform({ processDurationMs: 1000, ...options });
		return { platform, advance: (ms: number) => clock.advance(ms) };
	}

	it('Virtual Staging: a JPEG of the photo’s size with furniture on the floor and a label; the walls stay', () => {
		const { platform, advance } = setup();
		const { image } = runTool(
			platform,
			advance,
			{ data: roomJpeg },
			'tool-virtual-staging',
			STAGING_WIDGETS,
		);
		expect(looksLikeJpeg(image)).toBe(true);
		const after = readJpeg(image);
		expect([after.width, after.height]).toEqual([ROOM.width, ROOM.height]);
		// The sofa stands where the floor met the back wall; the left wall's top corner is untouched.
		expect(difference(before, after, part(after, 0.25, 0.5, 0.55, 0.66))).toBeGreaterThan(40);
		expect(difference(before, after, part(after, 0, 0.15, 0.1, 0.4))).toBeLessThan(4);
		// The label: a dark band along the bottom, with light text in it.
		const band = part(after, 0, 0.88, 1, 1);
		expect(luminance(after, band)).toBeLessThan(luminance(before, band) - 40);
		let light = 0;
		after.scan(band.x, band.y, band.w, band.h, (_x, _y, i) => {
			if (after.bitmap.data[i] > 200) light++;
		});
		expect(light).toBeGreaterThan(50);
		// It names the tool and its settings (also in the file's comment, readable without OCR).
		expect(image.toString('latin1')).toContain(
			'AI Virtual Staging - simulated / Space: Living Room | Style: Modern',
		);
	});

	it('Day to Dusk is darker than the photo; Image Enhancement is brighter', () => {
		const { platform, advance } = setup();
		const dusk = readJpeg(runTool(platform, advance, { data: roomJpeg }, 'tool-day-to-dusk').image);
		const enhanced = readJpeg(
			runTool(platform, advance, { data: roomJpeg }, 'tool-image-enhancement', [
				{
					slug: 'widget-area-tool-image-enhancement',
					item_slugs: ['item-indoor-widget-area-tool-image-enhancement'],
				},
			]).image,
		);
		const above = part(before, 0, 0, 1, 0.8); // above the label band
		expect(luminance(dusk, above)).toBeLessThan(luminance(before, above) * 0.7);
		expect(luminance(enhanced, above)).toBeGreaterThan(luminance(before, above) + 2);
	});

	it('Item Removal paints patches over the photo; other settings give other pictures', () => {
		const { platform, advance } = setup();
		const removal = readJpeg(
			runTool(platform, advance, { data: roomJpeg }, 'tool-item-removal').image,
		);
		expect(difference(before, removal, part(before, 0, 0, 1, 0.8))).toBeGreaterThan(1);
		expect(difference(before, removal, part(before, 0.85, 0.05, 1, 0.3))).toBeLessThan(4);
		const bedroom = runTool(platform, advance, { data: roomJpeg }, 'tool-virtual-staging', [
			{ ...STAGING_WIDGETS[0], item_slugs: ['item-bedroom-widget-space-tool-virtual-staging'] },
			STAGING_WIDGETS[1],
		]).image;
		const living = runTool(
			platform,
			advance,
			{ data: roomJpeg },
			'tool-virtual-staging',
			STAGING_WIDGETS,
		).image;
		expect(bedroom.equals(living)).toBe(false);
	});

	it('a PNG photo comes back a JPEG of its size; an unreadable one as a rendered room', async () => {
		const { platform, advance } = setup();
		const png = await new Jimp({ width: 200, height: 150, color: 0x8899aaff }).getBuffer(
			'image/png',
		);
		const fromPng = readJpeg(
			runTool(
				platform,
				advance,
				{ data: png, filename: 'room.png', contentType: 'image/png' },
				'tool-day-to-dusk',
			).image,
		);
		expect([fromPng.width, fromPng.height]).toEqual([200, 150]);

		const webp = Buffer.concat([Buffer.from('RIFF\0\0\0\0WEBPVP8 '), Buffer.alloc(64, 7)]);
		const stand = readJpeg(
			runTool(
				platform,
				advance,
				{ data: webp, filename: 'room.webp', contentType: 'image/webp' },
				'tool-virtual-staging',
				STAGING_WIDGETS,
			).image,
		);
		expect([stand.width, stand.height]).toEqual([768, 512]);
		// The room's floor, right of the rug: warm wood, more red than blue.
		const floor = part(stand, 0.83, 0.82, 0.88, 0.86);
		let red = 0;
		let blue = 0;
		stand.scan(floor.x, floor.y, floor.w, floor.h, (_x, _y, i) => {
			red += stand.bitmap.data[i];
			blue += stand.bitmap.data[i + 2];
		});
		expect(red / (floor.w * floor.h)).toBeGreaterThan(blue / (floor.w * floor.h) + 30);
	});

	it('resultImageBytes: exactly that many bytes, still a picture that decodes (padded or made smaller)', () => {
		for (const bytes of [5000, 256 * 1024]) {
			const { platform, advance } = setup({ resultImageBytes: bytes });
			const { image } = runTool(platform, advance, { data: roomJpeg }, 'tool-day-to-dusk');
			expect(image.length).toBe(bytes);
			const decoded = readJpeg(image);
			expect(decoded.width).toBeGreaterThan(0);
			if (bytes > 100_000) expect([decoded.width, decoded.height]).toEqual([360, 240]);
		}
	});

	it('thumbnails are the result 256 pixels wide, or as they are when narrower', () => {
		const { platform, advance } = setup();
		const wide = encodeJpeg(renderRoom(600, 400), 80);
		const thumb = readJpeg(
			runTool(platform, advance, { data: wide }, 'tool-day-to-dusk').thumbnail,
		);
		expect([thumb.width, thumb.height]).toEqual([256, 171]);
		const small = readJpeg(
			runTool(platform, advance, { data: makeJpeg() }, 'tool-ceiling-change').thumbnail,
		);
		expect([small.width, small.height]).toEqual([64, 48]);
	});

	it('one picture per photo, tool and settings: a second process gets the same picture without rendering, in a file of its own', () => {
		const first = setup();
		const a = runTool(
			first.platform,
			first.advance,
			{ data: roomJpeg },
			'tool-ceiling-change',
		).image;
		const renders = renderStats.renders;
		const second = setup();
		const b = runTool(
			second.platform,
			second.advance,
			{ data: roomJpeg },
			'tool-ceiling-change',
		).image;
		expect(renderStats.renders).toBe(renders);
		expect(Buffer.from(readJpeg(b).bitmap.data).equals(Buffer.from(readJpeg(a).bitmap.data))).toBe(
			true,
		);
		// Each result names its own id in the file (as two platform results differ), so downloads can tell them apart.
		expect(b.equals(a)).toBe(false);
	});

	afterAll(() => {
		// Timing is not asserted (the machine is shared): printed for the record.
		report('simulator result images (jimp)', {
			'results rendered': renderStats.renders,
			'ms per result (decode, change, label, encode)':
				renderStats.totalMs / Math.max(1, renderStats.renders),
			'photo size': `${ROOM.width}×${ROOM.height}`,
		});
	});
});
