/**
 * The simulator's result images: the uploaded photo (or, when jimp cannot read it, a rendered room)
 * changed the way the tool would change it, with a label naming the tool and its settings.
 *
 * Rendering costs tens of milliseconds (jpeg-js sets up its tables on every encode), so a result is
 * made once per (photo, mask, tool, settings, variant) and kept, in this module, for every platform of the
 * process: the fault suites create hundreds of processes on a handful of photos.
 */
import { createHash } from 'node:crypto';
import { decodePhoto, encodeJpeg, scaleToWidth, type Image } from './codec';
import { applyTool, type Settings } from './effects';
import { withComment } from './jpeg-size';
import { drawLabel } from './label';
import { renderRoom } from './room';

export interface ResultSpec {
	/** The uploaded photo; undefined or unreadable → a rendered room. */
	photo?: Buffer;
	/** The item-removal mask, when the tool takes one. */
	mask?: Buffer;
	tool: { slug: string; name: string };
	/** Chosen values per widget purpose. */
	settings: Settings;
	/** Which of the process's results this is (0-based) and how many it has. */
	variant?: { index: number; count: number };
}

/** The room drawn when the photo cannot be read: large enough to see, small enough to stay cheap. */
const FALLBACK_SIZE = { width: 768, height: 512 };
const THUMB_WIDTH = 256;
const CACHE_ENTRIES = 48;

const PURPOSE_NAMES: Record<string, string> = {
	space: 'Space',
	style: 'Style',
	color: 'Color Palette',
	area: 'Area',
	'enhancement-options': 'Extras',
	'sky-style': 'Sky Style',
	'day-to-dusk-options': 'Extras',
	'darkness-factor': 'Darkness Factor',
	material: 'Material',
};
const words = (slug: string) =>
	slug
		.split('-')
		.map((w) => w.charAt(0).toUpperCase() + w.slice(1))
		.join(' ');

/** The label's lines: the tool (and which result), then its settings in plain words. */
export function labelLines(spec: ResultSpec): string[] {
	const { index = 0, count = 1 } = spec.variant ?? {};
	const heading = `${spec.tool.name}${count > 1 ? ` (result ${index + 1} of ${count})` : ''} - simulated`;
	const settings = Object.entries(spec.settings)
		.filter(([, values]) => values.length)
		.map(
			([purpose, values]) =>
				`${PURPOSE_NAMES[purpose] ?? words(purpose)}: ${values.map(words).join(', ')}`,
		);
	return [heading, settings.join(' | ') || 'No settings'];
}

interface Entry {
	full: Buffer;
	/** Encoded on first request: most runs never fetch thumbnails, and an encode costs tens of ms. */
	thumb?: Buffer;
	thumbPicture: Image;
	width: number;
	height: number;
	/** Whether the uploaded photo was read (false: the rendered room stood in for it). */
	fromPhoto: boolean;
	/** The full image at exact byte sizes (PlatformOptions.resultImageBytes). */
	/** The picture shrunk to fit each exact size asked for, before its comment. */
	sized: Map<number, Buffer>;
	comment: string;
}

const cache = new Map<string, Entry>();
/** Decoded photos by digest: several tools on one photo decode it once (jpeg-js takes ~0.2 s for 1024×683). */
const decoded = new Map<string, Image | undefined>();
const DECODED_ENTRIES = 4;
/** What rendering has cost so far in this process: the figures the simulator's tests print. */
export const renderStats = { renders: 0, totalMs: 0 };

const digest = (data?: Buffer) => (data ? createHash('sha1').update(data).digest('hex') : '-');

function keyOf(spec: ResultSpec): string {
	const { index = 0, count = 1 } = spec.variant ?? {};
	return JSON.stringify([
		digest(spec.photo),
		digest(spec.mask),
		spec.tool,
		spec.settings,
		index,
		count,
	]);
}

function photoOf(data: Buffer | undefined): Image | undefined {
	if (!data) return undefined;
	const key = digest(data);
	if (!decoded.has(key)) {
		if (decoded.size >= DECODED_ENTRIES) decoded.delete(decoded.keys().next().value!);
		decoded.set(key, decodePhoto(data));
	}
	return decoded.get(key)?.clone();
}

function render(spec: ResultSpec): Entry {
	const started = performance.now();
	const photo = photoOf(spec.photo);
	const img: Image = photo ?? renderRoom(FALLBACK_SIZE.width, FALLBACK_SIZE.height);
	const mask = spec.mask ? decodePhoto(spec.mask) : undefined;
	applyTool(img, spec.tool.slug, spec.settings, mask);
	drawLabel(img, labelLines(spec));
	const { width, height } = img.bitmap;
	const full = encodeJpeg(img);
	const thumbPicture = width > THUMB_WIDTH ? scaleToWidth(img, THUMB_WIDTH) : img;
	renderStats.renders++;
	renderStats.totalMs += performance.now() - started;
	return {
		full,
		thumbPicture,
		width,
		height,
		fromPhoto: !!photo,
		sized: new Map(),
		comment: `aihomedesign-simulator: ${labelLines(spec).join(' / ')}`,
	};
}

function entryOf(spec: ResultSpec): Entry {
	const key = keyOf(spec);
	let entry = cache.get(key);
	if (entry) {
		cache.delete(key); // re-inserted below: the map's order is the least recently used first
	} else {
		entry = render(spec);
		if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
	}
	cache.set(key, entry);
	return entry;
}

/** The same picture at most `bytes` long: lower quality first, then halved until it fits. */
function shrink(entry: Entry, bytes: number): Buffer {
	let img = decodePhoto(entry.full)!;
	let jpeg = encodeJpeg(img, 40);
	while (jpeg.length + 4 > bytes && img.bitmap.width > 8 && img.bitmap.height > 8) {
		img = scaleToWidth(img, Math.max(8, Math.floor(img.bitmap.width / 2)));
		jpeg = encodeJpeg(img, 40);
	}
	return jpeg;
}

/**
 * The result image: as the photo is (same width and height) unless `bytes` is given, then exactly `bytes`
 * long (comment padding; a smaller picture when the photo does not fit; never below a bare 8-pixel JPEG).
 * `resultId` goes into the comment, so two processes on the same photo give different files, as on the
 * platform (the picture itself is rendered once).
 */
export function resultImage(spec: ResultSpec, bytes?: number, resultId?: string): Buffer {
	const entry = entryOf(spec);
	const comment = resultId ? `${entry.comment} / result ${resultId}` : entry.comment;
	if (bytes === undefined) return withComment(entry.full, comment);
	let picture = entry.sized.get(bytes);
	if (!picture) {
		picture = entry.full.length + 4 <= bytes ? entry.full : shrink(entry, bytes);
		entry.sized.set(bytes, picture);
	}
	return withComment(picture, comment, bytes);
}

/** The thumbnail: the result scaled to 256 pixels wide (or as it is when narrower). */
export function resultThumbnail(spec: ResultSpec): Buffer {
	const entry = entryOf(spec);
	entry.thumb ??= encodeJpeg(entry.thumbPicture, 75);
	return entry.thumb;
}

/** Width, height and whether the photo was read, for tests. */
export function resultInfo(spec: ResultSpec) {
	const { width, height, fromPhoto } = entryOf(spec);
	return { width, height, fromPhoto };
}
