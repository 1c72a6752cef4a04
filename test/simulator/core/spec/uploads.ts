/** What the docs say an order upload may be (aihomedesign-api.md, "Orders"). */

/** `primary_angle` (exactly one per order, the default), `secondary_angle` (at most one), `mask`. */
export const ASSET_ROLES = ['primary_angle', 'secondary_angle', 'mask'] as const;
export type AssetRole = (typeof ASSET_ROLES)[number];

/**
 * The multipart names. The docs' table says `asset_roles`; the MCP server, checked against the live API,
 * says the live API reads the singular `asset_role`, and the docs page resolves it that way ("Keep
 * asset_role"). So only the singular is read: a plural part is ignored, as an unknown field would be.
 */
export const FILE_FIELD = 'asset_file';
export const ROLE_FIELD = 'asset_role';

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export const IMAGE_EXTENSIONS = [
	'jpg',
	'jpeg',
	'png',
	'webp',
	// RAW formats
	'raw',
	'dng',
	'cr2',
	'cr3',
	'nef',
	'arw',
	'orf',
	'rw2',
	'raf',
	'srw',
	'pef',
];

export const EXTENSION_TYPES: Record<string, string> = {
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	webp: 'image/webp',
};
