import { Jimp } from 'jimp';

import { decodePhoto, encodeJpeg, renderRoom } from './index';
import { withComment } from './jpeg-size';

describe('the simulator’s JPEG codec (jimp’s)', () => {
	it('encodes the same bytes as jimp’s own getBuffer, at any quality', async () => {
		const room = renderRoom(120, 80);
		for (const quality of [82, 40]) {
			expect(
				encodeJpeg(room, quality).equals(await room.getBuffer('image/jpeg', { quality })),
			).toBe(true);
		}
	});

	it('reads JPEG, PNG and BMP; not WEBP or arbitrary bytes', async () => {
		const img = new Jimp({ width: 30, height: 20, color: 0x336699ff });
		for (const mime of ['image/jpeg', 'image/png', 'image/bmp'] as const) {
			const read = decodePhoto(await img.getBuffer(mime));
			expect([mime, read?.bitmap.width, read?.bitmap.height]).toEqual([mime, 30, 20]);
		}
		expect(decodePhoto(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBeUndefined();
		expect(decodePhoto(Buffer.from('photo'))).toBeUndefined();
	});

	it('pads a JPEG to an exact size with comments, the picture unchanged', () => {
		const jpeg = encodeJpeg(renderRoom(40, 30));
		for (const bytes of [jpeg.length + 4, jpeg.length + 70_000, 3 * 65_537 + jpeg.length + 1]) {
			const padded = withComment(jpeg, 'label', bytes);
			expect(padded.length).toBe(bytes);
			expect(decodePhoto(padded)!.bitmap.data.equals(decodePhoto(jpeg)!.bitmap.data)).toBe(true);
		}
	});
});
