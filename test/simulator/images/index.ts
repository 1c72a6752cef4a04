/** The simulator's images: result pictures, the rendered room, test photos, all made with jimp. */
export { decodePhoto, encodeJpeg, looksLikeJpeg, type Image } from './codec';
export type { Settings } from './effects';
export { renderRoom } from './room';
export {
	labelLines,
	renderStats,
	resultImage,
	resultInfo,
	resultThumbnail,
	type ResultSpec,
} from './result';
export { makeJpeg, type JpegOptions } from './test-photo';
