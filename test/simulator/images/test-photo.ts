/** Small flat photos for tests to upload, made with jimp and kept (an encode costs tens of milliseconds). */
import { Jimp } from 'jimp';
import { encodeJpeg, type Image } from './codec';
import { withComment } from './jpeg-size';

export interface JpegOptions {
	width?: number;
	height?: number;
	/** Grey level 0..255. */
	level?: number;
	/** Text put in a comment segment (tells test photos apart). */
	label?: string;
	/** Total file size wanted: reached exactly unless smaller than the bare image. */
	bytes?: number;
}

const made = new Map<string, Buffer>();

/** A flat grey JPEG, 64×48 unless told otherwise. */
export function makeJpeg(options: JpegOptions = {}): Buffer {
	const key = JSON.stringify(options);
	let jpeg = made.get(key);
	if (!jpeg) {
		const level = Math.min(255, Math.max(0, Math.round(options.level ?? 128)));
		const img = new Jimp({
			width: Math.max(1, options.width ?? 64),
			height: Math.max(1, options.height ?? 48),
			color: ((level << 24) | (level << 16) | (level << 8) | 0xff) >>> 0,
		}) as Image;
		jpeg = withComment(
			encodeJpeg(img, 90),
			options.label ?? 'aihomedesign-simulator',
			options.bytes,
		);
		if (made.size > 256) made.clear();
		made.set(key, jpeg);
	}
	return jpeg;
}
