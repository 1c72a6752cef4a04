/**
 * Bringing a JPEG to an exact byte size (PlatformOptions.resultImageBytes): comment (COM) segments
 * right after the start-of-image marker carry a label and the padding. Decoders skip them, so the picture
 * is unchanged; a large size costs a buffer fill, not an encode.
 */
const MAX_PAYLOAD = 65533;

function segment(marker: number, payload: Buffer): Buffer {
	const head = Buffer.alloc(4);
	head.writeUInt16BE(0xff00 | marker, 0);
	head.writeUInt16BE(payload.length + 2, 2);
	return Buffer.concat([head, payload]);
}

/** COM segments holding `label` first, together exactly `room` bytes (none when room < 4). */
function commentSegments(label: Buffer, room: number): Buffer[] {
	if (room < 4) return [];
	if (room < label.length + 4) return [segment(0xfe, label.subarray(0, room - 4))];
	const out: Buffer[] = [];
	let left = room;
	while (left > 0) {
		let size = Math.min(left, MAX_PAYLOAD + 4);
		// Never leave 1..3 bytes: they cannot form a segment of their own.
		if (left - size > 0 && left - size < 4) size -= 4;
		const payload = Buffer.alloc(size - 4, 0x20);
		if (!out.length) label.copy(payload, 0);
		out.push(segment(0xfe, payload));
		left -= size;
	}
	return out;
}

/**
 * `jpeg` with a COM segment holding `label`, padded to `bytes` when given (exact unless `bytes` is less
 * than 3 bytes above the bare file; the caller makes the picture small enough first).
 */
export function withComment(jpeg: Buffer, label: string, bytes?: number): Buffer {
	const text = Buffer.from(label, 'utf8').subarray(0, MAX_PAYLOAD);
	const room = bytes === undefined ? text.length + 4 : bytes - jpeg.length;
	return Buffer.concat([jpeg.subarray(0, 2), ...commentSegments(text, room), jpeg.subarray(2)]);
}
