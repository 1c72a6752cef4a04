/** The simulator's tool table (core/spec/tools.ts), plus request bodies built from it for tests. */
import { itemSlugOf, simTool } from './core/spec/tools';

export * from './core/spec/tools';

/** A widgets list that satisfies the tool: the first value of every required widget. */
export function minimalWidgets(slug: string): Array<{ slug: string; item_slugs: string[] }> {
	const tool = simTool(slug);
	if (!tool) return [];
	return tool.widgets
		.filter((w) => w.required)
		.map((w) => ({ slug: w.slug, item_slugs: [w.items[0] ?? itemSlugOf(w.slug, 'example')] }));
}

/** A valid virtual-staging process body for an order (Living Room, Modern). */
export function stagingBody(orderId: string, assetId: string) {
	return {
		order_id: orderId,
		tool: 'tool-virtual-staging',
		asset_map: { 'tool-virtual-staging-input-image': assetId },
		widgets: [
			{
				slug: 'widget-space-tool-virtual-staging',
				item_slugs: ['item-living-room-widget-space-tool-virtual-staging'],
			},
			{
				slug: 'widget-style-tool-virtual-staging',
				item_slugs: ['item-modern-widget-style-tool-virtual-staging'],
			},
		],
	};
}
