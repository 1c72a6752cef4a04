/**
 * A real (decodable) baseline JPEG of one flat grey level, written by hand: no image library is allowed
 * in linted code. Blocks carry only a DC coefficient; comment (COM) segments carry a label and the padding
 * that brings the file to the size asked for.
 */

// Standard luminance DC table (ITU T.81 K.3): code lengths 1..16, symbols = categories 0..11.
const DC_COUNTS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_SYMBOLS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
// AC table with one code, `0`, for EOB: every block ends right after its DC coefficient.
const AC_COUNTS = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
const AC_SYMBOLS = [0];

function dcCodes(): Array<{ code: number; length: number }> {
	const codes: Array<{ code: number; length: number }> = [];
	let code = 0;
	for (let length = 1; length <= 16; length++) {
		for (let i = 0; i < DC_COUNTS[length - 1]; i++) codes.push({ code: code++, length });
		code <<= 1;
	}
	return codes;
}
const DC_CODES = dcCodes();

class BitWriter {
	private bytes: number[] = [];
	private acc = 0;
	private n = 0;

	write(value: number, length: number) {
		for (let i = length - 1; i >= 0; i--) {
			this.acc = (this.acc << 1) | ((value >> i) & 1);
			if (++this.n === 8) this.flushByte();
		}
	}

	private flushByte() {
		this.bytes.push(this.acc);
		if (this.acc === 0xff) this.bytes.push(0x00);
		this.acc = 0;
		this.n = 0;
	}

	finish(): Buffer {
		while (this.n !== 0) this.write(1, 1);
		return Buffer.from(this.bytes);
	}
}

function segment(marker: number, payload: Buffer): Buffer {
	const head = Buffer.alloc(4);
	head.writeUInt16BE(0xff00 | marker, 0);
	head.writeUInt16BE(payload.length + 2, 2);
	return Buffer.concat([head, payload]);
}

function dht(tableClassAndId: number, counts: number[], symbols: number[]): Buffer {
	return segment(0xc4, Buffer.from([tableClassAndId, ...counts, ...symbols]));
}

export interface JpegOptions {
	width?: number;
	height?: number;
	/** Grey level 0..255. */
	level?: number;
	/** Text put in the first comment segment. */
	label?: string;
	/** Total file size wanted; reached exactly unless smaller than the bare image (then the bare image is returned). */
	bytes?: number;
}

/** Builds a flat grey JPEG (dimensions rounded up to multiples of 8). */
export function makeJpeg(options: JpegOptions = {}): Buffer {
	const width = Math.max(8, Math.ceil((options.width ?? 64) / 8) * 8);
	const height = Math.max(8, Math.ceil((options.height ?? 48) / 8) * 8);
	const level = Math.min(255, Math.max(0, Math.round(options.level ?? 128)));

	const app0 = segment(0xe0, Buffer.from([0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]));
	const dqt = segment(0xdb, Buffer.concat([Buffer.from([0]), Buffer.alloc(64, 1)]));
	const sof = Buffer.alloc(9);
	sof.writeUInt8(8, 0);
	sof.writeUInt16BE(height, 1);
	sof.writeUInt16BE(width, 3);
	sof.set([1, 1, 0x11, 0], 5);
	const sof0 = segment(0xc0, sof);
	const sos = segment(0xda, Buffer.from([1, 1, 0x00, 0, 63, 0]));

	// Entropy-coded data: first block's DC difference sets the level, the others repeat it.
	const bits = new BitWriter();
	const blocks = (width / 8) * (height / 8);
	const firstDc = (level - 128) * 8;
	for (let b = 0; b < blocks; b++) {
		const diff = b === 0 ? firstDc : 0;
		const magnitude = Math.abs(diff);
		const category = magnitude === 0 ? 0 : Math.floor(Math.log2(magnitude)) + 1;
		const code = DC_CODES[category];
		bits.write(code.code, code.length);
		if (category > 0) bits.write(diff > 0 ? diff : diff + (1 << category) - 1, category);
		bits.write(0, 1); // EOB
	}
	const scan = bits.finish();

	const head = Buffer.from([0xff, 0xd8]);
	const tail = Buffer.concat([
		dqt,
		sof0,
		dht(0x00, DC_COUNTS, DC_SYMBOLS),
		dht(0x10, AC_COUNTS, AC_SYMBOLS),
		sos,
		scan,
		Buffer.from([0xff, 0xd9]),
	]);
	const label = Buffer.from(options.label ?? 'aihomedesign-simulator', 'utf8').subarray(0, 65533);
	const bare = head.length + app0.length + tail.length;
	const comments = commentSegments(label, (options.bytes ?? 0) - bare);
	return Buffer.concat([head, app0, ...comments, tail]);
}

/** COM segments holding `label` first, padded so that together they take `room` bytes when possible. */
function commentSegments(label: Buffer, room: number): Buffer[] {
	const MAX_PAYLOAD = 65533;
	const minimal = label.length + 4;
	if (room < minimal) return room >= 4 ? [segment(0xfe, label.subarray(0, room - 4))] : [];
	const out: Buffer[] = [];
	let left = room;
	let first = true;
	while (left > 0) {
		let size = Math.min(left, MAX_PAYLOAD + 4);
		// Never leave 1..3 bytes: they cannot form a segment of their own.
		if (left - size > 0 && left - size < 4) size -= 4;
		const payload = Buffer.alloc(size - 4, 0x20);
		if (first) label.copy(payload, 0);
		first = false;
		out.push(segment(0xfe, payload));
		left -= size;
	}
	return out;
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
