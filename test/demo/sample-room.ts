/**
 * The demo's sample listing photo: an empty living room the project draws itself (nothing is downloaded),
 * 1024×683 like a listing photo, written as a JPEG. Rendered the same way on every run.
 */
import { encodeJpeg, renderRoom } from '../simulator/images';

export const SAMPLE_ROOM_SIZE = { width: 1024, height: 683 };

/** The sample photo as JPEG bytes. */
export function sampleRoomJpeg(): Buffer {
	return encodeJpeg(renderRoom(SAMPLE_ROOM_SIZE.width, SAMPLE_ROOM_SIZE.height), 88);
}
