/**
 * An empty living room drawn from scratch: back and side walls, ceiling, a wooden floor, a window with
 * daylight falling on the floor, a ceiling light. The demo's sample listing photo, and the simulator's
 * stand-in when it cannot read the uploaded photo.
 */
import { Jimp } from 'jimp';
import type { Image } from './codec';
import {
	fillPolygon,
	fillRect,
	glow,
	line,
	verticalGradient,
	fillEllipse,
	type Point,
} from './draw';

/** Where the room's back wall is, as fractions of the image: the staging layouts rest on its base. */
export const BACK_WALL = { left: 0.2, right: 0.8, top: 0.13, bottom: 0.64 };

export function renderRoom(width = 1024, height = 683): Image {
	const img = new Jimp({ width, height, color: 0xffffffff }) as Image;
	const W = width;
	const H = height;
	const L = BACK_WALL.left * W;
	const R = BACK_WALL.right * W;
	const T = BACK_WALL.top * H;
	const B = BACK_WALL.bottom * H;

	// Ceiling, side walls (the left one in shade), back wall, floor.
	fillPolygon(
		img,
		[
			[0, 0],
			[W, 0],
			[R, T],
			[L, T],
		],
		0xf1eee8,
	);
	fillPolygon(
		img,
		[
			[0, 0],
			[L, T],
			[L, B],
			[0, H],
		],
		0xd9d2c6,
	);
	fillPolygon(
		img,
		[
			[W, 0],
			[W, H],
			[R, B],
			[R, T],
		],
		0xe6e0d5,
	);
	verticalGradient(img, { x: L, y: T, w: R - L, h: B - T }, 0xebe6dc, 0xe2dccf);
	fillPolygon(
		img,
		[
			[L, B],
			[R, B],
			[W, H],
			[0, H],
		],
		0xb98b5e,
	);

	// Floorboards, from the back wall to the front edge.
	for (let i = 1; i < 14; i++) {
		const back: Point = [L + ((R - L) * i) / 14, B];
		line(img, back, [(W * i) / 14, H], Math.max(1, W / 700), 0x8d6540, 0.55);
	}
	// Skirting boards.
	fillRect(img, { x: L, y: B - H * 0.018, w: R - L, h: H * 0.018 }, 0xf8f6f2);
	line(img, [0, H * 0.985], [L, B], Math.max(1, H * 0.012), 0xf3f0ea);
	line(img, [W, H * 0.985], [R, B], Math.max(1, H * 0.012), 0xf3f0ea);

	// The window, its daylight on the floor, and the sky through it.
	const win = { x: W * 0.53, y: H * 0.2, w: W * 0.2, h: H * 0.33 };
	fillPolygon(
		img,
		[
			[win.x, B],
			[win.x + win.w, B],
			[win.x + win.w * 1.35, H * 0.93],
			[win.x - win.w * 0.1, H * 0.93],
		],
		0xfff4d6,
		0.28,
	);
	fillRect(
		img,
		{ x: win.x - W * 0.008, y: win.y - W * 0.008, w: win.w + W * 0.016, h: win.h + W * 0.016 },
		0xfbfaf7,
	);
	verticalGradient(img, win, 0x8fc1ea, 0xdcecf7);
	fillEllipse(
		img,
		{ x: win.x + win.w * 0.1, y: win.y + win.h * 0.62, w: win.w * 0.9, h: win.h * 0.7 },
		0x7da35f,
		0.9,
		win,
	);
	fillRect(img, { x: win.x + win.w / 2 - W * 0.003, y: win.y, w: W * 0.006, h: win.h }, 0xfbfaf7);
	fillRect(img, { x: win.x, y: win.y + win.h * 0.45, w: win.w, h: W * 0.006 }, 0xfbfaf7);
	fillRect(
		img,
		{ x: win.x - W * 0.015, y: win.y + win.h, w: win.w + W * 0.03, h: H * 0.015 },
		0xf4f1ea,
	);

	// An open doorway on the left wall.
	const door = (t: number, v: number): Point => [L * t, T + (B - T) * v + (H - B) * t * v * 0.35];
	fillPolygon(
		img,
		[door(0.35, 0.25), door(0.75, 0.3), door(0.75, 1.02), door(0.35, 1.1)],
		0xb7ada0,
	);

	// The ceiling light and its glow.
	fillEllipse(img, { x: W * 0.46, y: T * 0.35, w: W * 0.08, h: H * 0.035 }, 0xfffdf5);
	glow(img, { x: W * 0.3, y: -H * 0.1, w: W * 0.4, h: H * 0.45 }, 0xfff7e0, 0.35);
	return img;
}
