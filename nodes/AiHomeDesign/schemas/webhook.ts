import { z } from 'zod';

import { PROCESS_COMPLETED_EVENT } from '../shared/constants';
import { isWebUrl } from '../transport/hosts';
import { objectIdSchema } from './common';

// A javascript:, file: or data: link has no business in a result. Where a link may point (public
// https only, unless the trigger accepts local links for the simulator) is the trigger's check.
const url = z
	.string()
	.url('must be a URL')
	.refine(isWebUrl, 'must be an https URL on a public host');

/** Ids are 24-hex; compared and output in lower case, so case variants are one id. */
const idSchema = objectIdSchema.transform((id) => id.toLowerCase());

/** A tool slug as the catalog spells them: `tool-` and lower-case words joined by dashes. */
export const TOOL_SLUG = /^tool-[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** One result image inside a `process.completed` delivery. */
export const webhookAssetSchema = z
	.object({
		asset_id: idSchema,
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
		process_id: idSchema,
		order_id: idSchema,
		tool: z.string().max(100).regex(TOOL_SLUG, 'must be a tool slug such as tool-virtual-staging'),
		status: z.enum(['done', 'failed']),
		final_assets: z.array(webhookAssetSchema).max(100),
	})
	.passthrough();
export type ProcessCompleted = z.infer<typeof processCompletedSchema>;
