import { z } from 'zod';

/** Platform ids are MongoDB ObjectIds: 24 hex characters. */
export const objectIdSchema = z
	.string()
	.regex(/^[a-f0-9]{24}$/i, 'must be a 24-character hexadecimal ID');

export const processStatusSchema = z.enum(['pending', 'processing', 'done', 'failed']);
export type ProcessStatus = z.infer<typeof processStatusSchema>;

export const TERMINAL_STATUSES: readonly ProcessStatus[] = ['done', 'failed'];

/** A result image as the platform describes it; `src` may be missing while only `temp_src` exists. */
export const finalAssetSchema = z
	.object({
		asset_id: z.string().min(1),
		asset_type: z.string().optional(),
		src: z.string().nullish(),
		temp_src: z.string().nullish(),
		thumbnail_src: z.string().nullish(),
		temp_thumbnail_src: z.string().nullish(),
	})
	.passthrough();
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
