/** Reading an order upload: the multipart parts, the files' types and sizes, the roles in file order. */
import { boundaryOf, parseMultipart, type FormPart } from '../multipart';
import { apiError, badRequest } from './answers';
import type { Ctx } from './context';
import {
	ASSET_ROLES,
	EXTENSION_TYPES,
	FILE_FIELD,
	IMAGE_EXTENSIONS,
	MAX_UPLOAD_BYTES,
	ROLE_FIELD,
	type AssetRole,
} from './spec/uploads';
import type { SimAsset, SimOrder, SimRequest, SimResponse } from './types';

export interface Upload {
	fields: FormPart[];
	files: FormPart[];
	/** The n-th `asset_role` value belongs to the n-th file; fewer values than files is allowed. */
	roles: string[];
}

/** The stored extension, or undefined when the file is not an accepted image. */
function fileExtension(file: FormPart): string | undefined {
	const ext = /\.([a-z0-9]+)$/i.exec(file.filename ?? '')?.[1]?.toLowerCase();
	const type = (file.contentType ?? '').split(';')[0].trim().toLowerCase();
	if (ext && IMAGE_EXTENSIONS.includes(ext)) {
		return type === '' || type.startsWith('image/') || type === 'application/octet-stream'
			? ext
			: undefined;
	}
	return Object.entries(EXTENSION_TYPES).find(([, t]) => t === type)?.[0];
}

export function readUpload(req: SimRequest): Upload | SimResponse {
	const boundary = boundaryOf(req.headers['content-type']);
	if (!boundary) return badRequest('Content-Type must be multipart/form-data with a boundary');
	let parts: FormPart[];
	try {
		parts = parseMultipart(req.body ?? Buffer.alloc(0), boundary);
	} catch (error) {
		return badRequest(`Malformed multipart body: ${(error as Error).message}`);
	}
	const files: FormPart[] = [];
	const fields: FormPart[] = [];
	for (const part of parts) {
		if (part.filename !== undefined) {
			if (part.name !== FILE_FIELD) return badRequest(`Unexpected field "${part.name}"`);
			files.push(part);
		} else {
			if (part.name === FILE_FIELD) return badRequest(`${FILE_FIELD} must be a file`);
			fields.push(part);
		}
	}
	if (!files.length) return badRequest(`${FILE_FIELD} is required`);
	for (const file of files) {
		if (!file.data.length) return badRequest(`File "${file.filename}" is empty`);
		if (file.data.length > MAX_UPLOAD_BYTES) {
			return apiError(
				400,
				`File "${file.filename}" is larger than 50 MB`,
				'api_error_file_too_large',
			);
		}
		if (!fileExtension(file)) {
			return badRequest(`File "${file.filename}" is not a JPG, JPEG, PNG, WEBP or RAW image`);
		}
	}
	const roles = fields
		.filter((f) => f.name === ROLE_FIELD)
		.map((f) => f.data.toString('utf8').trim());
	if (roles.length > files.length)
		return badRequest(`There are more ${ROLE_FIELD} values than files`);
	for (const role of roles) {
		if (!(ASSET_ROLES as readonly string[]).includes(role)) {
			return badRequest(`${ROLE_FIELD} must be one of ${ASSET_ROLES.join(', ')}; got "${role}"`);
		}
	}
	return { fields, files, roles };
}

export function storeAssets(ctx: Ctx, order: SimOrder, files: FormPart[], roles: AssetRole[]) {
	const assets = files.map((file, i): SimAsset => {
		const ext = fileExtension(file)!;
		return {
			id: ctx.newId(),
			role: roles[i],
			filename: file.filename ?? `upload.${ext}`,
			contentType: (file.contentType || EXTENSION_TYPES[ext] || 'application/octet-stream')
				.split(';')[0]
				.trim(),
			ext,
			data: file.data,
			createdAt: ctx.now,
		};
	});
	for (const asset of assets) {
		order.assets.push(asset);
		ctx.state.assetOwner.set(asset.id, order);
	}
	return assets;
}
