import { randomBytes } from 'crypto';

export interface MultipartField {
	name: string;
	value: string;
}

export interface MultipartFile {
	name: string;
	fileName: string;
	contentType: string;
	data: Buffer;
}

export type MultipartPart = MultipartField | MultipartFile;

const CRLF = '\r\n';

/** A media type as RFC 6838 allows it (`type/subtype`, no parameters); anything else is not sent. */
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i;

/** The part's Content-Type: the binary's own when it is a plain media type, else octet-stream. */
export function safeContentType(value: string | undefined): string {
	const media = String(value ?? '')
		.split(';')[0]
		.trim();
	return MEDIA_TYPE.test(media) ? media.toLowerCase() : 'application/octet-stream';
}

/** A header parameter value: control characters (CR/LF first) dropped, quotes encoded. */
function quote(value: string): string {
	return value
		.split('')
		.filter((c) => c.charCodeAt(0) >= 32 && c.charCodeAt(0) !== 127)
		.join('')
		.replace(/["\\]/g, (c) => (c === '"' ? '%22' : '\\\\'));
}

/**
 * Encodes parts as multipart/form-data, in the order given (the platform pairs the n-th
 * `asset_role` with the n-th `asset_file`, so order matters and no library may reorder it).
 */
export function encodeMultipart(parts: MultipartPart[]): { body: Buffer; contentType: string } {
	const boundary = `----aihomedesign${randomBytes(12).toString('hex')}`;
	const chunks: Buffer[] = [];
	for (const part of parts) {
		let head = `--${boundary}${CRLF}Content-Disposition: form-data; name="${quote(part.name)}"`;
		if ('data' in part) {
			head += `; filename="${quote(part.fileName)}"${CRLF}Content-Type: ${safeContentType(part.contentType)}`;
		}
		chunks.push(Buffer.from(head + CRLF + CRLF, 'utf8'));
		chunks.push('data' in part ? part.data : Buffer.from(part.value, 'utf8'));
		chunks.push(Buffer.from(CRLF, 'utf8'));
	}
	chunks.push(Buffer.from(`--${boundary}--${CRLF}`, 'utf8'));
	return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
