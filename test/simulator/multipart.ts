/** A small multipart/form-data reader (RFC 7578), enough for the platform's upload endpoints. */

export interface FormPart {
	name: string;
	/** Present for file parts. */
	filename?: string;
	contentType?: string;
	data: Buffer;
}

export class MultipartError extends Error {}

/** The boundary from a `multipart/form-data; boundary=...` content type, or undefined. */
export function boundaryOf(contentType: string | undefined): string | undefined {
	if (!contentType || !/^\s*multipart\/form-data\s*(;|$)/i.test(contentType)) return undefined;
	const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
	return match ? (match[1] ?? match[2]) : undefined;
}

function param(header: string, name: string): string | undefined {
	const re = new RegExp(`;\\s*${name}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, 'i');
	const match = re.exec(header);
	if (!match) return undefined;
	return match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2];
}

/** Splits a multipart body into its parts, in order. Throws MultipartError on a broken body. */
export function parseMultipart(body: Buffer, boundary: string): FormPart[] {
	const delimiter = Buffer.from(`--${boundary}`, 'latin1');
	const nextDelimiter = Buffer.from(`\r\n--${boundary}`, 'latin1');
	let pos = body.indexOf(delimiter);
	if (pos < 0) throw new MultipartError('multipart body has no boundary line');
	const parts: FormPart[] = [];
	for (;;) {
		pos += delimiter.length;
		if (body.subarray(pos, pos + 2).toString('latin1') === '--') return parts;
		// Transport padding, then CRLF.
		while (body[pos] === 0x20 || body[pos] === 0x09) pos++;
		if (body.subarray(pos, pos + 2).toString('latin1') !== '\r\n') {
			throw new MultipartError('malformed multipart boundary line');
		}
		pos += 2;
		const headerEnd = body.indexOf('\r\n\r\n', pos, 'latin1');
		if (headerEnd < 0) throw new MultipartError('multipart part without header end');
		const headers: Record<string, string> = {};
		for (const line of body.subarray(pos, headerEnd).toString('utf8').split('\r\n')) {
			const colon = line.indexOf(':');
			if (colon > 0)
				headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
		}
		const dataStart = headerEnd + 4;
		const dataEnd = body.indexOf(nextDelimiter, dataStart);
		if (dataEnd < 0) throw new MultipartError('multipart body is not terminated');
		const disposition = headers['content-disposition'] ?? '';
		if (!/^form-data\b/i.test(disposition))
			throw new MultipartError('part without form-data disposition');
		const name = param(disposition, 'name');
		if (name === undefined) throw new MultipartError('part without a name');
		const filename = param(disposition, 'filename');
		parts.push({
			name,
			filename,
			contentType: headers['content-type'],
			data: Buffer.from(body.subarray(dataStart, dataEnd)),
		});
		pos = dataEnd + 2;
	}
}

/** Builds a multipart body (tests use this to talk to the simulator). */
export function encodeForm(
	parts: Array<{
		name: string;
		value?: string;
		filename?: string;
		contentType?: string;
		data?: Buffer;
	}>,
	boundary = `----simboundary${Math.random().toString(16).slice(2)}`,
): { body: Buffer; contentType: string } {
	const chunks: Buffer[] = [];
	for (const part of parts) {
		let head = `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"`;
		if (part.filename !== undefined) {
			head += `; filename="${part.filename}"\r\nContent-Type: ${part.contentType ?? 'application/octet-stream'}`;
		}
		chunks.push(Buffer.from(`${head}\r\n\r\n`, 'utf8'));
		chunks.push(part.data ?? Buffer.from(part.value ?? '', 'utf8'));
		chunks.push(Buffer.from('\r\n', 'utf8'));
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
	return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
