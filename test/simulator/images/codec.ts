/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test infrastructure, never shipped */
/**
 * Decoding and encoding photos with jimp, synchronously: the simulator's core answers requests without
 * awaiting, and jimp's own codecs (jpeg-js, pngjs, bmp-js) are synchronous underneath its async
 * `fromBuffer`/`getBuffer`, so their `formats` entries are used directly.
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { Jimp } from 'jimp';

export type Image = InstanceType<typeof Jimp>;
type Bitmap = Image['bitmap'];
/** A jimp format entry, its options loosened (jimp types them per MIME type). */
interface Format {
	mime: string;
	encode?: (bitmap: Bitmap, options?: object) => Buffer | Uint8Array;
	decode?: (data: Buffer, options?: object) => Bitmap;
}

const FORMATS = new Jimp({ width: 1, height: 1 }).formats as unknown as readonly Format[];
const format = (mime: string) => FORMATS.find((f) => f.mime === mime);

/** The MIME type jimp can decode synchronously, from the file's first bytes. */
function sniff(data: Buffer): string | undefined {
	if (data.length > 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff)
		return 'image/jpeg';
	if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
		return 'image/png';
	if (data.subarray(0, 2).toString('latin1') === 'BM') return 'image/bmp';
	return undefined; // WEBP, RAW, GIF (async in jimp), or not an image
}

/** The photo as a jimp image, or undefined when jimp cannot read it here (WEBP, RAW, broken files). */
export function decodePhoto(data: Buffer): Image | undefined {
	const mime = sniff(data);
	const decode = mime ? format(mime)?.decode : undefined;
	if (!decode) return undefined;
	try {
		const bitmap = decode(data, {});
		if (!bitmap?.width || !bitmap.height) return undefined;
		return Jimp.fromBitmap({
			data: Buffer.from(bitmap.data),
			width: bitmap.width,
			height: bitmap.height,
		});
	} catch {
		return undefined;
	}
}

interface JpegEncoder {
	encode(bitmap: Bitmap, quality: number): Buffer;
}
let reusable: JpegEncoder | null | undefined;

/**
 * jimp's JPEG format calls jpeg-js's `encode`, which builds a fresh encoder each time: ~45 ms of table
 * set-up and garbage collection, against ~1 ms to encode a small photo. jpeg-js keeps the encoder's
 * constructor to itself, so its module is evaluated once more here to reach it and one encoder is kept.
 * Same bytes as jimp's `getBuffer('image/jpeg')` (a test checks); null when that cannot be done.
 */
function reusableEncoder(): JpegEncoder | null {
	if (reusable !== undefined) return reusable;
	try {
		const file = require.resolve('jpeg-js/lib/encoder.js', {
			paths: [path.dirname(require.resolve('@jimp/js-jpeg', { paths: [require.resolve('jimp')] }))],
		});
		const load = vm.runInThisContext(
			`(function (module, require) {${fs.readFileSync(file, 'utf8')}\nreturn JPEGEncoder;})`,
			{ filename: file },
		) as (module: object, req: NodeRequire) => new (quality: number) => JpegEncoder;
		const Encoder = load({ exports: {} }, require);
		reusable = typeof Encoder === 'function' ? new Encoder(82) : null;
	} catch {
		reusable = null;
	}
	return reusable;
}

/** A baseline JPEG of the image (alpha dropped), as jimp writes it. */
export function encodeJpeg(image: Image, quality = 82): Buffer {
	const encoder = reusableEncoder();
	if (encoder) return Buffer.from(encoder.encode(image.bitmap, quality));
	const encode = format('image/jpeg')!.encode!;
	return Buffer.from(encode(image.bitmap, { quality }));
}

/** The image scaled to `width` (height in proportion), in place. */
export function scaleToWidth(image: Image, width: number): Image {
	// jimp's method types return a wider instance type than `new Jimp()` gives: same object.
	return image.resize({ w: width }) as unknown as Image;
}

/** Whether `data` starts like a JPEG and ends with the end-of-image marker. */
export function looksLikeJpeg(data: Buffer): boolean {
	return (
		data.length > 4 &&
		data[0] === 0xff &&
		data[1] === 0xd8 &&
		data[2] === 0xff &&
		data[data.length - 2] === 0xff &&
		data[data.length - 1] === 0xd9
	);
}
