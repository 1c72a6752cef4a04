/**
 * What each tool visibly does to the photo, roughly as the product would: staging adds furniture, Day to
 * Dusk darkens and tints it and lights the bright areas, enhancement brightens it, item removal paints
 * patches over items, the surface changes recolour a band of the picture.
 */
import type { Image } from './codec';
import {
	fillEllipse,
	fillRect,
	glow,
	line,
	meanColor,
	shade,
	verticalGradient,
	whole,
	type Box,
	type Color,
} from './draw';
import { colorOf, stage } from './staging';

/** The chosen values per widget purpose, e.g. `{ space: ['living-room'], style: ['modern'] }`. */
export type Settings = Record<string, string[]>;

const clamp = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : v);
const luma = (r: number, g: number, b: number) => 0.299 * r + 0.587 * g + 0.114 * b;

function enhance(img: Image, s: Settings) {
	// jimp's own colour operations, then a saturation lift in one pass.
	img.brightness(1.05);
	shade(img, whole(img), (d, i) => {
		const y = luma(d[i], d[i + 1], d[i + 2]);
		for (let c = i; c < i + 3; c++) d[c] = clamp(y + (d[c] - y) * 1.35);
	});
	const W = img.bitmap.width;
	const H = img.bitmap.height;
	if (s.area?.includes('outdoor'))
		verticalGradient(img, { x: 0, y: 0, w: W, h: H * 0.4 }, 0x4f9be0, 0xbfe0f7, 0.35);
	const extras = s['enhancement-options'] ?? [];
	if (extras.includes('add-fire-to-fireplace')) {
		const fire: Box = { x: W * 0.06, y: H * 0.62, w: W * 0.12, h: H * 0.12 };
		fillRect(
			img,
			{ x: fire.x - W * 0.015, y: fire.y - H * 0.04, w: fire.w + W * 0.03, h: fire.h + H * 0.05 },
			0x2b2521,
		);
		glow(
			img,
			{ x: fire.x - W * 0.06, y: fire.y - H * 0.1, w: fire.w + W * 0.12, h: fire.h + H * 0.2 },
			0xff9a3c,
			0.6,
		);
		for (const [dx, dh] of [
			[0.2, 0.9],
			[0.45, 1],
			[0.7, 0.8],
		])
			fillEllipse(
				img,
				{
					x: fire.x + fire.w * (dx - 0.12),
					y: fire.y + fire.h * (1 - dh),
					w: fire.w * 0.25,
					h: fire.h * dh,
				},
				0xffc24a,
				0.9,
			);
	}
	if (extras.includes('add-screen-to-tv')) {
		const tv: Box = { x: W * 0.62, y: H * 0.3, w: W * 0.14, h: H * 0.13 };
		fillRect(
			img,
			{ x: tv.x - W * 0.006, y: tv.y - W * 0.006, w: tv.w + W * 0.012, h: tv.h + W * 0.012 },
			0x151518,
		);
		verticalGradient(img, tv, 0x3a7bd5, 0x9be15d);
	}
}

/** The dusk sky at height t (0 top, 1 bottom of the sky's band) for the sky style. */
function duskSky(sky: string, t: number): [number, number, number] {
	const [top, bottom] =
		sky === 'golden-hour'
			? [
					[74, 58, 138],
					[255, 154, 74],
				]
			: sky === 'dusk-with-cloud'
				? [
						[52, 50, 92],
						[200, 112, 100],
					]
				: [
						[28, 42, 102],
						[232, 120, 90],
					];
	return [0, 1, 2].map((c) => top[c] + (bottom[c] - top[c]) * t) as [number, number, number];
}

function dusk(img: Image, s: Settings) {
	const H = img.bitmap.height;
	const sky = s['sky-style']?.[0] ?? 'clear-dusk';
	const clouds = sky === 'dusk-with-cloud';
	// Sky-blue pixels take the dusk sky, near-white ones (lamps, lit frames) turn warm, the rest goes
	// dark and blue: the picture as a whole is darker.
	shade(img, whole(img), (d, i, x, y) => {
		const [r, g, b] = [d[i], d[i + 1], d[i + 2]];
		const y0 = luma(r, g, b);
		if (b > 140 && b - r > 25 && b >= g) {
			const c = duskSky(sky, Math.min(1, y / (H * 0.6)));
			const cloud = clouds && Math.sin(x / 23 + y / 9) > 0.55 ? 0.75 : 1;
			d[i] = clamp(c[0] * cloud);
			d[i + 1] = clamp(c[1] * cloud);
			d[i + 2] = clamp(c[2] * cloud);
		} else if (y0 > 246) {
			d[i] = 255;
			d[i + 1] = 214;
			d[i + 2] = 140;
		} else {
			d[i] = r * 0.36 + 10;
			d[i + 1] = g * 0.38 + 14;
			d[i + 2] = b * 0.42 + 40;
		}
	});
	const extras = s['day-to-dusk-options'] ?? [];
	if (extras.includes('lawn-touch-up'))
		shade(img, { x: 0, y: H * 0.75, w: img.bitmap.width, h: H * 0.25 }, (d, i) => {
			d[i + 1] = clamp(d[i + 1] * 1.25 + 6);
		});
	if (extras.includes('shadow-removal'))
		shade(img, whole(img), (d, i) => {
			if (luma(d[i], d[i + 1], d[i + 2]) >= 30) return;
			d[i] += 12;
			d[i + 1] += 12;
			d[i + 2] += 16;
		});
}

/** Patches painted with the colour around them, each framed by a faint dashed outline. */
function patch(img: Image, box: Box) {
	const ring = { x: box.x - box.w * 0.3, y: box.y - box.h * 0.3, w: box.w * 1.6, h: box.h * 1.6 };
	fillEllipse(img, box, meanColor(img, ring), 0.92);
	const W = img.bitmap.width;
	const steps = 24;
	for (let i = 0; i < steps; i += 2) {
		const a0 = (i / steps) * Math.PI * 2;
		const a1 = ((i + 1) / steps) * Math.PI * 2;
		const at = (a: number): [number, number] => [
			box.x + box.w / 2 + (Math.cos(a) * box.w) / 2,
			box.y + box.h / 2 + (Math.sin(a) * box.h) / 2,
		];
		line(img, at(a0), at(a1), Math.max(1, W / 400), 0x3fbf7f, 0.8);
	}
}

function removeItems(img: Image) {
	const W = img.bitmap.width;
	const H = img.bitmap.height;
	for (const [x, y, w, h] of [
		[0.12, 0.66, 0.2, 0.18],
		[0.58, 0.72, 0.22, 0.16],
		[0.36, 0.3, 0.14, 0.16],
	])
		patch(img, { x: W * x, y: H * y, w: W * w, h: H * h });
}

/** Paints over the mask's blue (#7878CD) pixels with the colour around them; false when the mask has none. */
function removeMasked(img: Image, mask: Image): boolean {
	const W = img.bitmap.width;
	const H = img.bitmap.height;
	const m = mask.bitmap;
	const isBlue = (x: number, y: number) => {
		const mx = Math.min(m.width - 1, Math.floor((x * m.width) / W));
		const my = Math.min(m.height - 1, Math.floor((y * m.height) / H));
		const i = (my * m.width + mx) * 4;
		return (
			m.data[i + 2] > 150 && m.data[i + 2] - m.data[i] > 50 && m.data[i + 2] - m.data[i + 1] > 50
		);
	};
	let minX = W;
	let minY = H;
	let maxX = -1;
	let maxY = -1;
	for (let y = 0; y < H; y++)
		for (let x = 0; x < W; x++)
			if (isBlue(x, y)) {
				minX = Math.min(minX, x);
				maxX = Math.max(maxX, x);
				minY = Math.min(minY, y);
				maxY = Math.max(maxY, y);
			}
	if (maxX < 0) return false;
	const box = { x: minX, y: minY, w: maxX - minX + 1, h: maxY - minY + 1 };
	const fill = meanColor(img, {
		x: box.x - box.w * 0.3,
		y: box.y - box.h * 0.3,
		w: box.w * 1.6,
		h: box.h * 1.6,
	});
	const [r, g, b] = [(fill >> 16) & 255, (fill >> 8) & 255, fill & 255];
	shade(img, box, (d, i, x, y) => {
		if (!isBlue(x, y)) return;
		d[i] = r;
		d[i + 1] = g;
		d[i + 2] = b;
	});
	return true;
}

const MATERIALS: Array<[string, Color]> = [
	['walnut', 0x5c4033],
	['oak', 0xa8773f],
	['wood', 0x9a6a3a],
	['marble', 0xe6e2da],
	['tile', 0xc9d3d8],
	['concrete', 0x9a9a96],
	['brick', 0xa0522d],
	['carpet', 0x8c7f73],
	['white', 0xf2f0eb],
	['grey', 0x9b9d9f],
	['gray', 0x9b9d9f],
	['blue', 0x7f9db8],
	['green', 0x8fa88a],
];

/** A material's colour: by the words in its name, else one derived from the name. */
function materialColor(material?: string): Color {
	if (!material) return 0x8fa3b8;
	return MATERIALS.find(([word]) => material.includes(word))?.[1] ?? colorOf(material);
}

/** Surface changes: the band of the picture where that surface usually is, recoloured with the material. */
function changeSurface(
	img: Image,
	surface: 'wall' | 'floor' | 'ceiling' | 'backsplash',
	material?: string,
) {
	const W = img.bitmap.width;
	const H = img.bitmap.height;
	const color: Color = materialColor(material);
	const band: Box =
		surface === 'floor'
			? { x: 0, y: H * 0.64, w: W, h: H * 0.36 }
			: surface === 'ceiling'
				? { x: 0, y: 0, w: W, h: H * 0.13 }
				: surface === 'backsplash'
					? { x: W * 0.2, y: H * 0.42, w: W * 0.6, h: H * 0.14 }
					: { x: 0, y: H * 0.13, w: W, h: H * 0.51 };
	const [cr, cg, cb] = [(color >> 16) & 255, (color >> 8) & 255, color & 255];
	// Keep the light and shade of the photo, take the hue of the material.
	shade(img, band, (d, i) => {
		const y = luma(d[i], d[i + 1], d[i + 2]) / 200;
		d[i] = clamp(d[i] * 0.35 + cr * y * 0.65);
		d[i + 1] = clamp(d[i + 1] * 0.35 + cg * y * 0.65);
		d[i + 2] = clamp(d[i + 2] * 0.35 + cb * y * 0.65);
	});
	const lines = surface === 'floor' ? 10 : surface === 'backsplash' ? 12 : 0;
	for (let i = 1; i < lines; i++) {
		const x = band.x + (band.w * i) / lines;
		line(img, [x, band.y], [x, band.y + band.h], Math.max(1, W / 600), 0x000000, 0.25);
	}
	if (surface === 'backsplash')
		for (let j = 1; j < 3; j++)
			line(
				img,
				[band.x, band.y + (band.h * j) / 3],
				[band.x + band.w, band.y + (band.h * j) / 3],
				Math.max(1, W / 600),
				0x000000,
				0.25,
			);
}

/** Changes `img` in place the way `tool` would; `mask` is the item-removal mask, when one was sent. */
export function applyTool(img: Image, tool: string, s: Settings, mask?: Image) {
	const one = (purpose: string) => s[purpose]?.[0];
	switch (tool) {
		case 'tool-virtual-staging':
		case 'tool-virtual-restaging':
		case 'tool-furniture-restyle':
		case 'tool-interior-design':
			return stage(img, one('space'), one('style'), one('color'));
		case 'tool-under-construction':
			img.brightness(1.06);
			return stage(img, one('space'), one('style'));
		case 'tool-item-removal':
			return removeItems(img);
		case 'tool-item-removal-mask':
			if (!mask || !removeMasked(img, mask)) removeItems(img);
			return;
		case 'tool-image-enhancement':
			return enhance(img, s);
		case 'tool-day-to-dusk':
			return dusk(img, s);
		case 'tool-darkness':
			img.brightness(one('darkness-factor') === 'factor-lighter' ? 1.3 : 0.65);
			return;
		case 'tool-wall-change':
			return changeSurface(img, 'wall', one('material'));
		case 'tool-floor-change':
			return changeSurface(img, 'floor', one('material'));
		case 'tool-ceiling-change':
			return changeSurface(img, 'ceiling', one('material'));
		case 'tool-backsplash-change':
			return changeSurface(img, 'backsplash', one('material'));
		default:
			// A tool this table does not know: a visible tint, so the result still differs from the photo.
			verticalGradient(img, whole(img), 0x6a5acd, 0x6a5acd, 0.2);
	}
}
