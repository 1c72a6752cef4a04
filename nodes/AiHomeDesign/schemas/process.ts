import { z } from 'zod';

import { finalAssetSchema, objectIdSchema, processStatusSchema } from './common';

/** `GET /process/:id`. The id field's name is undocumented, so all seen spellings are read. */
export const processSchema = z
	.object({
		id: z.string().optional(),
		_id: z.string().optional(),
		process_id: z.string().optional(),
		status: processStatusSchema,
		tool: z.string().optional(),
		order_id: z.string().optional(),
		final_assets: z.array(finalAssetSchema).nullish(),
		process_group_id: z.string().nullish(),
	})
	.passthrough();
export type Process = z.infer<typeof processSchema>;

export const widgetSelectionSchema = z.object({
	slug: z.string().min(1),
	item_slugs: z.array(z.string().min(1)),
});
export type WidgetSelection = z.infer<typeof widgetSelectionSchema>;

/** `POST /process` body. */
export const createProcessBodySchema = z.object({
	order_id: objectIdSchema,
	tool: z.string().min(1),
	asset_map: z.record(z.string().min(1), objectIdSchema),
	widgets: z.array(widgetSelectionSchema),
	process_group_id: objectIdSchema.optional(),
});
export type CreateProcessBody = z.infer<typeof createProcessBodySchema>;

/** `POST /process` answer: the MCP server reads `process_ids`, the quick start a `process_id`. Both become a list. */
export const createProcessResponseSchema = z
	.object({
		process_ids: z.array(objectIdSchema).optional(),
		process_id: objectIdSchema.optional(),
		id: objectIdSchema.optional(),
		// Only for tools that create a group (AI Item Removal): a mask refinement sends it back.
		process_group_id: z.string().nullish(),
	})
	.passthrough()
	.transform((body) => {
		const ids = body.process_ids ?? [body.process_id ?? body.id].filter((id): id is string => !!id);
		return { ...body, process_ids: ids };
	})
	.refine((body) => body.process_ids.length > 0, {
		message: 'the answer names no process ID',
		path: ['process_ids'],
	});
