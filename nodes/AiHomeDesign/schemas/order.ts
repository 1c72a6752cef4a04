import { z } from 'zod';

import { objectIdSchema } from './common';

export const ASSET_ROLES = ['primary_angle', 'secondary_angle', 'mask'] as const;
export const assetRoleSchema = z.enum(ASSET_ROLES);
export type AssetRole = z.infer<typeof assetRoleSchema>;

export const orderAssetSchema = z
	.object({ id: objectIdSchema, role: z.string().optional(), src: z.string().nullish() })
	.passthrough();

/**
 * `POST /order` and `POST /order/:id/append`: assets come back in upload order. An empty list is a
 * documented answer (no credits left), read here and explained by the action (actions/images.ts).
 */
export const createOrderResponseSchema = z
	.object({
		order_id: objectIdSchema,
		assets: z.array(orderAssetSchema),
	})
	.passthrough();
export type CreateOrderResponse = z.infer<typeof createOrderResponseSchema>;

/** `GET /order/:id`: shape only partly documented, so only what the node relies on is checked. */
export const orderSchema = z
	.object({
		id: z.string().optional(),
		_id: z.string().optional(),
		order_id: z.string().optional(),
		assets: z.array(orderAssetSchema).optional(),
		// Entries read tolerantly (see transport/endpoints/reconcile.ts): objects, or bare IDs.
		processes: z.array(z.unknown()).optional(),
	})
	.passthrough();
export type Order = z.infer<typeof orderSchema>;
