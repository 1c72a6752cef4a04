/**
 * Drawing on a jimp bitmap: filled shapes with opacity, gradients, per-pixel shading. Coordinates in
 * pixels. Shapes are filled a row span at a time: a full-size photo has most of a million pixels.
 */
import type { Image } from './codec';

/** 0xRRGGBB. */
export type Color = number;
export interface Box {
	x: number;
	y: number;
	w: number;
	h: number;
}
export type Point = [number, number];

/** Blends `color` with opacity `alpha` into row `y` from x0 (inclusive) to x1 (exclusive), clipped to the image. */
function span(img: Image, y: number, x0: number, x1: number, color: Color, alpha: number) {
	const { width, height, data } = img.bitmap;
	if (y < 0 || y >= height) return;
	const from = Math.max(0, Math.round(x0));
	const to = Math.min(width, Math.round(x1));
	const r = (color >> 16) & 255;
	const g = (color >> 8) & 255;
	const b = color & 255;
	for (let i = (y * width + from) * 4, end = (y * width + to) * 4; i < end; i += 4) {
		data[i] += (r - data[i]) * alpha;
		data[i + 1] += (g - data[i + 1]) * alpha;
		data[i + 2] += (b - data[i + 2]) * alpha;
		data[i + 3] = 255;
	}
}

/** The rows a box covers, clipped to the image. */
function rows(img: Image, box: Box): [number, number] {
	return [Math.max(0, Math.floor(box.y)), Math.min(img.bitmap.height, Math.ceil(box.y + box.h))];
}

export function fillRect(img: Image, box: Box, color: Color, alpha = 1) {
	const [y0, y1] = rows(img, box);
	for (let y = y0; y < y1; y++) span(img, y, box.x, box.x + box.w, color, alpha);
}

/** An ellipse filling the box; `within`, when given, clips it. */
export function fillEllipse(img: Image, box: Box, color: Color, alpha = 1, within?: Box) {
	const cx = box.x + box.w / 2;
	const cy = box.y + box.h / 2;
	const rx = Math.max(0.5, box.w / 2);
	const ry = Math.max(0.5, box.h / 2);
	const [y0, y1] = rows(img, within ?? box);
	for (let y = Math.max(y0, Math.floor(box.y)); y < Math.min(y1, Math.ceil(box.y + box.h)); y++) {
		const dy = (y + 0.5 - cy) / ry;
		if (dy * dy > 1) continue;
		const half = rx * Math.sqrt(1 - dy * dy);
		const left = within ? Math.max(cx - half, within.x) : cx - half;
		const right = within ? Math.min(cx + half, within.x + within.w) : cx + half;
		if (right > left) span(img, y, left, right, color, alpha);
	}
}

/** A rectangle with rounded corners of radius `r`. */
export function fillRoundRect(img: Image, box: Box, r: number, color: Color, alpha = 1) {
	const rr = Math.max(0, Math.min(r, box.w / 2, box.h / 2));
	const [y0, y1] = rows(img, box);
	for (let y = y0; y < y1; y++) {
		const dy = Math.max(box.y + rr - (y + 0.5), y + 0.5 - (box.y + box.h - rr), 0);
		const inset = dy > 0 ? rr - Math.sqrt(Math.max(0, rr * rr - dy * dy)) : 0;
		span(img, y, box.x + inset, box.x + box.w - inset, color, alpha);
	}
}

/** A polygon (even-odd rule), filled by scanlines. */
export function fillPolygon(img: Image, points: Point[], color: Color, alpha = 1) {
	const ys = points.map((p) => p[1]);
	const y0 = Math.max(0, Math.floor(Math.min(...ys)));
	const y1 = Math.min(img.bitmap.height, Math.ceil(Math.max(...ys)));
	const crossings: number[] = [];
	for (let y = y0; y < y1; y++) {
		const py = y + 0.5;
		crossings.length = 0;
		for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
			const [xi, yi] = points[i];
			const [xj, yj] = points[j];
			if (yi > py !== yj > py) crossings.push(xi + ((py - yi) * (xj - xi)) / (yj - yi));
		}
		crossings.sort((a, b) => a - b);
		for (let k = 0; k + 1 < crossings.length; k += 2)
			span(img, y, crossings[k], crossings[k + 1], color, alpha);
	}
}

/** A line `width` pixels thick from a to b. */
export function line(img: Image, a: Point, b: Point, width: number, color: Color, alpha = 1) {
	const dx = b[0] - a[0];
	const dy = b[1] - a[1];
	const len = Math.hypot(dx, dy) || 1;
	const nx = (-dy / len) * (width / 2);
	const ny = (dx / len) * (width / 2);
	fillPolygon(
		img,
		[
			[a[0] + nx, a[1] + ny],
			[b[0] + nx, b[1] + ny],
			[b[0] - nx, b[1] - ny],
			[a[0] - nx, a[1] - ny],
		],
		color,
		alpha,
	);
}

/** From `top` at the box's top to `bottom` at its bottom. */
export function verticalGradient(img: Image, box: Box, top: Color, bottom: Color, alpha = 1) {
	const mix = (shift: number, t: number) =>
		Math.round(((top >> shift) & 255) * (1 - t) + ((bottom >> shift) & 255) * t);
	const [y0, y1] = rows(img, box);
	for (let y = y0; y < y1; y++) {
		const t = Math.min(1, Math.max(0, (y - box.y) / Math.max(1, box.h)));
		span(img, y, box.x, box.x + box.w, (mix(16, t) << 16) | (mix(8, t) << 8) | mix(0, t), alpha);
	}
}

/** A soft round glow: `color` at `alpha` in the centre, fading to nothing at the box's edge. */
export function glow(img: Image, box: Box, color: Color, alpha: number) {
	const cx = box.x + box.w / 2;
	const cy = box.y + box.h / 2;
	const x0 = Math.max(0, Math.floor(box.x));
	const x1 = Math.min(img.bitmap.width, Math.ceil(box.x + box.w));
	const [y0, y1] = rows(img, box);
	for (let y = y0; y < y1; y++) {
		const dy = (y + 0.5 - cy) / (box.h / 2);
		for (let x = x0; x < x1; x++) {
			const dx = (x + 0.5 - cx) / (box.w / 2);
			const d = Math.sqrt(dx * dx + dy * dy);
			if (d < 1) span(img, y, x, x + 1, color, alpha * (1 - d) * (1 - d));
		}
	}
}

/**
 * Calls `f(data, i, x, y)` for every pixel of the box, `i` the index of its red byte in `data`; `f`
 * changes the pixel in place.
 */
export function shade(
	img: Image,
	box: Box,
	f: (data: Buffer, i: number, x: number, y: number) => void,
) {
	const { width, data } = img.bitmap;
	const x0 = Math.max(0, Math.floor(box.x));
	const x1 = Math.min(width, Math.ceil(box.x + box.w));
	const [y0, y1] = rows(img, box);
	for (let y = y0; y < y1; y++)
		for (let x = x0, i = (y * width + x0) * 4; x < x1; x++, i += 4) f(data, i, x, y);
}

/** The average colour of the box. */
export function meanColor(img: Image, box: Box): Color {
	let r = 0;
	let g = 0;
	let b = 0;
	let n = 0;
	shade(img, box, (d, i) => {
		r += d[i];
		g += d[i + 1];
		b += d[i + 2];
		n++;
	});
	if (!n) return 0x808080;
	return (Math.round(r / n) << 16) | (Math.round(g / n) << 8) | Math.round(b / n);
}

/** The whole image as a box. */
export const whole = (img: Image): Box => ({
	x: 0,
	y: 0,
	w: img.bitmap.width,
	h: img.bitmap.height,
});
