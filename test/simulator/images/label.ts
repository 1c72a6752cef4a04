/** The label on every result: a dark band along the bottom naming the tool and its settings. */
import type { Image } from './codec';
import { fillRect } from './draw';
import { labelFont, type Font } from './font';

function textWidth(font: Font, text: string): number {
	let w = 0;
	for (const ch of text) w += font.chars[ch]?.xadvance ?? font.chars[' ']?.xadvance ?? 0;
	return w;
}

/** `text` cut (with "...") to fit `max` pixels. */
function fit(font: Font, text: string, max: number): string {
	if (textWidth(font, text) <= max) return text;
	let cut = text;
	while (cut.length > 1 && textWidth(font, `${cut}...`) > max) cut = cut.slice(0, -1);
	return `${cut.trimEnd()}...`;
}

/** Prints `lines` (the first is the heading) on a band at the bottom; as many as fit the image's height. */
export function drawLabel(img: Image, lines: string[]) {
	const W = img.bitmap.width;
	const H = img.bitmap.height;
	const font = labelFont(W);
	const lh = font.common.lineHeight;
	const pad = Math.max(2, Math.round(lh * 0.35));
	const room = Math.max(1, Math.floor((H * 0.4 - 2 * pad) / lh));
	const shown = lines.slice(0, room);
	const bandH = shown.length * lh + 2 * pad;
	fillRect(img, { x: 0, y: H - bandH, w: W, h: bandH }, 0x101418, 0.62);
	shown.forEach((text, i) => {
		img.print({ font, x: pad, y: H - bandH + pad + i * lh, text: fit(font, text, W - 2 * pad) });
	});
}
