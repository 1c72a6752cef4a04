import { z } from 'zod';

import { objectIdSchema } from './common';

export const projectSchema = z
	.object({
		id: objectIdSchema,
		address: z.string(),
		cover_src: z.string().nullish(),
		input_count: z.number().optional(),
		result_count: z.number().optional(),
		bookmarked_count: z.number().optional(),
		default: z.boolean().optional(),
		updated_at: z.string().optional(),
	})
	.passthrough();
export type Project = z.infer<typeof projectSchema>;

export const projectListSchema = z.array(projectSchema);

export const PROJECT_PAGE_LIMIT_MAX = 30;
