/**
 * Furniture-like shapes for the staging tools, laid out for the space and coloured by the style (or the
 * colour palette): a sofa, a bed, a dining table or a bath, with a rug, a lamp, a plant and wall art. The
 * layout is in fractions of the image, resting on the base of the sample room's back wall.
 */
import type { Image } from './codec';
import {
	fillEllipse,
	fillPolygon,
	fillRect,
	fillRoundRect,
	glow,
	line,
	type Box,
	type Color,
} from './draw';

interface Palette {
	/** Sofa, bed cover, chairs. */
	fabric: Color;
	/** Cushions, art, lamp shade. */
	accent: Color;
	wood: Color;
	rug: Color;
}

const STYLES: Record<string, Palette> = {
	prime: { fabric: 0x8e7f6f, accent: 0xb08d57, wood: 0x4e3b2c, rug: 0xe1d9cc },
	modern: { fabric: 0x56606c, accent: 0xd9a441, wood: 0x3b3129, rug: 0xd4cdc2 },
	farmhouse: { fabric: 0xe6dcc8, accent: 0x7d8f69, wood: 0x8a5a35, rug: 0xa47e5b },
	scandinavian: { fabric: 0xc4c0b8, accent: 0x8fb0c2, wood: 0xd2b48c, rug: 0xf2eee6 },
	hampton: { fabric: 0xf4f2ed, accent: 0x2f4f7f, wood: 0xc9b79c, rug: 0x9fb6cf },
	industrial: { fabric: 0x7a4f35, accent: 0x2b2b2b, wood: 0x4a3b2e, rug: 0x6a6a6a },
	traditional: { fabric: 0x7b2e2e, accent: 0xc8a45c, wood: 0x5a3a22, rug: 0x8c5a3c },
	contemporary: { fabric: 0x3a3f47, accent: 0xe07a5f, wood: 0x9c7b5b, rug: 0xd8d2c8 },
};
const PALETTE_FABRIC: Record<string, Color> = {
	'earthy-neutrals': 0x9a8570,
	'warm-tones': 0xb5653d,
	'cool-tones': 0x4f6d8a,
	monochrome: 0x6f6f6f,
	pastel: 0xc7b8d9,
};

/** A colour derived from any text (open item values), so each value looks different but always the same. */
export function colorOf(text: string): Color {
	let h = 0;
	for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
	const r = 70 + (h % 150);
	const g = 70 + ((h >> 8) % 150);
	const b = 70 + ((h >> 16) % 150);
	return (r << 16) | (g << 8) | b;
}

export function paletteOf(style = 'modern', color?: string): Palette {
	const base = STYLES[style] ?? { ...STYLES.modern, fabric: colorOf(style) };
	if (!color) return base;
	return { ...base, fabric: PALETTE_FABRIC[color] ?? colorOf(color) };
}

type Frac = (x0: number, y0: number, x1: number, y1: number) => Box;

function shadow(img: Image, f: Frac, x0: number, x1: number, y: number) {
	fillEllipse(img, f(x0, y - 0.025, x1, y + 0.025), 0x000000, 0.22);
}

function rug(img: Image, W: number, H: number, color: Color) {
	fillPolygon(
		img,
		[
			[W * 0.27, H * 0.7],
			[W * 0.71, H * 0.7],
			[W * 0.8, H * 0.93],
			[W * 0.18, H * 0.93],
		],
		color,
		0.92,
	);
}

function plant(img: Image, f: Frac) {
	shadow(img, f, 0.72, 0.8, 0.68);
	fillRoundRect(img, f(0.735, 0.58, 0.785, 0.68), 4, 0xe9e4da);
	for (const [x, y, w, h] of [
		[0.7, 0.42, 0.06, 0.12],
		[0.75, 0.4, 0.06, 0.13],
		[0.72, 0.48, 0.07, 0.1],
		[0.76, 0.47, 0.06, 0.1],
		[0.735, 0.36, 0.05, 0.1],
	])
		fillEllipse(img, f(x, y, x + w, y + h), 0x4f7a3a, 0.95);
}

function wallArt(img: Image, f: Frac, p: Palette) {
	fillRect(img, f(0.3, 0.24, 0.48, 0.39), 0x2a2521);
	fillRect(img, f(0.305, 0.25, 0.475, 0.38), 0xf3efe7);
	fillRect(img, f(0.32, 0.27, 0.39, 0.36), p.accent, 0.9);
	fillEllipse(img, f(0.4, 0.28, 0.46, 0.35), p.fabric, 0.85);
}

function sofaRoom(img: Image, f: Frac, W: number, H: number, p: Palette) {
	rug(img, W, H, p.rug);
	wallArt(img, f, p);
	shadow(img, f, 0.23, 0.58, 0.685);
	fillRoundRect(img, f(0.25, 0.46, 0.56, 0.6), W * 0.012, p.fabric);
	fillRoundRect(img, f(0.24, 0.56, 0.57, 0.68), W * 0.01, p.fabric);
	fillRect(img, f(0.24, 0.56, 0.57, 0.68), 0x000000, 0.08);
	fillRoundRect(img, f(0.23, 0.52, 0.27, 0.68), W * 0.01, p.fabric);
	fillRoundRect(img, f(0.54, 0.52, 0.58, 0.68), W * 0.01, p.fabric);
	fillRoundRect(img, f(0.28, 0.49, 0.34, 0.57), W * 0.008, p.accent);
	fillRoundRect(img, f(0.48, 0.49, 0.54, 0.57), W * 0.008, p.accent);
	// Coffee table.
	shadow(img, f, 0.32, 0.52, 0.81);
	fillEllipse(img, f(0.32, 0.72, 0.52, 0.78), p.wood);
	fillRect(img, f(0.34, 0.75, 0.35, 0.81), p.wood);
	fillRect(img, f(0.49, 0.75, 0.5, 0.81), p.wood);
	fillEllipse(img, f(0.4, 0.715, 0.44, 0.74), p.accent);
	// Floor lamp.
	line(img, [W * 0.205, H * 0.38], [W * 0.205, H * 0.68], Math.max(1, W * 0.004), 0x2b2b2b);
	fillPolygon(
		img,
		[
			[W * 0.185, H * 0.38],
			[W * 0.225, H * 0.38],
			[W * 0.235, H * 0.31],
			[W * 0.175, H * 0.31],
		],
		0xf6eedc,
	);
	glow(img, f(0.12, 0.24, 0.29, 0.52), 0xfff1c9, 0.35);
	plant(img, f);
}

function bedroom(img: Image, f: Frac, W: number, H: number, p: Palette) {
	rug(img, W, H, p.rug);
	shadow(img, f, 0.27, 0.63, 0.86);
	fillRoundRect(img, f(0.29, 0.36, 0.61, 0.6), W * 0.012, p.wood);
	fillPolygon(
		img,
		[
			[W * 0.29, H * 0.55],
			[W * 0.61, H * 0.55],
			[W * 0.66, H * 0.86],
			[W * 0.24, H * 0.86],
		],
		0xf5f2ec,
	);
	fillPolygon(
		img,
		[
			[W * 0.28, H * 0.64],
			[W * 0.62, H * 0.64],
			[W * 0.66, H * 0.86],
			[W * 0.24, H * 0.86],
		],
		p.fabric,
	);
	fillRoundRect(img, f(0.31, 0.53, 0.44, 0.6), W * 0.01, 0xffffff);
	fillRoundRect(img, f(0.46, 0.53, 0.59, 0.6), W * 0.01, 0xffffff);
	fillRoundRect(img, f(0.37, 0.57, 0.53, 0.63), W * 0.008, p.accent);
	for (const x of [0.2, 0.64]) {
		fillRect(img, f(x, 0.56, x + 0.07, 0.68), p.wood);
		fillRect(img, f(x + 0.025, 0.49, x + 0.045, 0.56), 0x2b2b2b);
		fillPolygon(
			img,
			[
				[W * (x + 0.015), H * 0.49],
				[W * (x + 0.055), H * 0.49],
				[W * (x + 0.06), H * 0.44],
				[W * (x + 0.01), H * 0.44],
			],
			0xf6eedc,
		);
		glow(img, f(x - 0.04, 0.38, x + 0.11, 0.58), 0xfff1c9, 0.3);
	}
}

function dining(img: Image, f: Frac, W: number, H: number, p: Palette, office: boolean) {
	rug(img, W, H, p.rug);
	wallArt(img, f, p);
	// Pendant light over the table.
	line(img, [W * 0.42, 0], [W * 0.42, H * 0.3], Math.max(1, W * 0.002), 0x2b2b2b);
	fillEllipse(img, f(0.38, 0.29, 0.46, 0.34), p.accent);
	glow(img, f(0.3, 0.22, 0.54, 0.5), 0xfff1c9, 0.35);
	for (const x of [0.27, 0.36, 0.48])
		fillRoundRect(img, f(x, 0.5, x + 0.08, 0.66), W * 0.01, p.fabric);
	shadow(img, f, 0.25, 0.6, 0.79);
	fillPolygon(
		img,
		[
			[W * 0.27, H * 0.62],
			[W * 0.58, H * 0.62],
			[W * 0.61, H * 0.68],
			[W * 0.24, H * 0.68],
		],
		p.wood,
	);
	for (const x of [0.26, 0.58]) fillRect(img, f(x, 0.68, x + 0.012, 0.79), p.wood);
	if (office) {
		fillRect(img, f(0.37, 0.49, 0.49, 0.6), 0x1f1f24);
		fillRect(img, f(0.375, 0.5, 0.485, 0.585), 0x4f7fb8);
		fillRect(img, f(0.425, 0.6, 0.435, 0.62), 0x1f1f24);
	} else {
		for (const x of [0.3, 0.4, 0.5]) fillEllipse(img, f(x, 0.615, x + 0.05, 0.64), 0xffffff);
	}
	for (const x of [0.28, 0.49]) fillRoundRect(img, f(x, 0.66, x + 0.09, 0.86), W * 0.01, p.fabric);
	plant(img, f);
}

function bathroom(img: Image, f: Frac, W: number, p: Palette) {
	shadow(img, f, 0.25, 0.65, 0.78);
	fillRoundRect(img, f(0.26, 0.56, 0.64, 0.77), W * 0.04, 0xfbfbfb);
	fillRoundRect(img, f(0.28, 0.57, 0.62, 0.62), W * 0.02, 0xd9e6ee);
	fillRect(img, f(0.29, 0.4, 0.35, 0.5), p.accent, 0.9);
	fillRect(img, f(0.36, 0.4, 0.42, 0.5), p.fabric, 0.9);
	plant(img, f);
}

/** Stages the image for `space` in `style` (and the interior designer's colour palette). */
export function stage(img: Image, space = 'living-room', style?: string, color?: string) {
	const W = img.bitmap.width;
	const H = img.bitmap.height;
	const f: Frac = (x0, y0, x1, y1) => ({
		x: x0 * W,
		y: y0 * H,
		w: (x1 - x0) * W,
		h: (y1 - y0) * H,
	});
	const p = paletteOf(style, color);
	if (space === 'bedroom' || space === 'nursery') bedroom(img, f, W, H, p);
	else if (space === 'dining-room' || space === 'kitchen') dining(img, f, W, H, p, false);
	else if (space === 'home-office') dining(img, f, W, H, p, true);
	else if (space === 'bathroom') bathroom(img, f, W, p);
	else sofaRoom(img, f, W, H, p);
}
