import { z } from 'zod';

/** `GET https://app.aihomedesign.com/api/tools` (no auth). */
export const catalogToolSchema = z
	.object({
		id: z.union([z.string(), z.number()]).optional(),
		name: z.string(),
		slug: z.string().min(1),
		isActive: z.boolean().optional(),
	})
	.passthrough();
export type CatalogTool = z.infer<typeof catalogToolSchema>;

export const toolCatalogSchema = z.array(catalogToolSchema);
