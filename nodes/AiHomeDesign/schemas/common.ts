import { z } from 'zod';

/** Platform ids are MongoDB ObjectIds: 24 hex characters. */
export const objectIdSchema = z
	.string()
	.regex(/^[a-f0-9]{24}$/i, 'must be a 24-character hexadecimal ID');

/** The statuses the docs name; a process moves pending → processing → done | failed. */
export const KNOWN_PROCESS_STATUSES = ['pending', 'processing', 'done', 'failed'] as const;
export type KnownProcessStatus = (typeof KNOWN_PROCESS_STATUSES)[number];

/**
 * Any non-empty status is read: the live GET bodies are not public, and an unknown value (e.g.
 * `queued`) is kept as the platform wrote it, so a wait goes on and a message can name it.
 */
export const processStatusSchema = z.string().min(1, 'is empty');
export type ProcessStatus = string;

export const TERMINAL_STATUSES: readonly string[] = ['done', 'failed'];

export function isKnownProcessStatus(status: string): status is KnownProcessStatus {
	return (KNOWN_PROCESS_STATUSES as readonly string[]).includes(status);
}

/**
 * A result image as the platform describes it. Required: its id and one link (`src`, or only
 * `temp_src`); every other field may be missing, and unknown ones are kept.
 */
export const finalAssetSchema = z
	.object({
		asset_id: z.string().min(1),
		asset_type: z.string().nullish(),
		src: z.string().nullish(),
		temp_src: z.string().nullish(),
		thumbnail_src: z.string().nullish(),
		temp_thumbnail_src: z.string().nullish(),
	})
	.passthrough()
	.refine((asset) => !!(asset.src || asset.temp_src), {
		message: 'is missing (and so is temp_src): the result has no link',
		path: ['src'],
	});
export type FinalAsset = z.infer<typeof finalAssetSchema>;

/** Paging block that the live API adds beside `data` on list endpoints (shape unverified, all optional). */
export const paginationSchema = z
	.object({
		page: z.coerce.number().optional(),
		limit: z.coerce.number().optional(),
		total: z.coerce.number().optional(),
		total_pages: z.coerce.number().optional(),
		totalPages: z.coerce.number().optional(),
	})
	.passthrough();
export type Pagination = z.infer<typeof paginationSchema>;

/** Error body: `{ error, key }`. */
export const apiErrorBodySchema = z
	.object({
		error: z.string().optional(),
		message: z.string().optional(),
		key: z.string().optional(),
	})
	.passthrough();
