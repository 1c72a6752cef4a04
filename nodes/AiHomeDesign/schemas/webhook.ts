import { z } from 'zod';

import { PROCESS_COMPLETED_EVENT } from '../shared/constants';
import { objectIdSchema } from './common';

// Only web addresses: downstream nodes fetch these, and a javascript:, file: or data: link has no
// business in a result.
const url = z
	.string()
	.url('must be a URL')
	.regex(/^https?:\/\//i, 'must be an http(s) URL');

/** One result image inside a `process.completed` delivery. */
export const webhookAssetSchema = z
	.object({
		asset_id: objectIdSchema,
		asset_type: z.string().min(1),
		src: url.nullish(),
		temp_src: url.nullish(),
		thumbnail_src: url.nullish(),
		temp_thumbnail_src: url.nullish(),
	})
	.passthrough();

/**
 * The body the platform POSTs to a registered endpoint when a process ends.
 * Unknown extra fields are kept (the platform may add some); known ones must have the right type.
 */
export const processCompletedSchema = z
	.object({
		event: z.literal(PROCESS_COMPLETED_EVENT),
		process_id: objectIdSchema,
		order_id: objectIdSchema,
		tool: z.string().min(1).max(200),
		status: z.enum(['done', 'failed']),
		final_assets: z.array(webhookAssetSchema).max(100),
	})
	.passthrough();
export type ProcessCompleted = z.infer<typeof processCompletedSchema>;
