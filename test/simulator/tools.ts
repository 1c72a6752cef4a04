/**
 * The simulator's tool table, written from /work/shared/aihomedesign-api.md on purpose independently
 * of the node's own definitions (the simulator is a witness, not a copy of the code under test).
 *
 * Slug conventions: input slot `<tool>-input-image`; widget `widget-<purpose>-<tool>`;
 * item `item-<value>-<widget>`.
 */

export type WidgetSelect = 'single' | 'multi';

export interface SimWidget {
	/** Full widget slug, e.g. `widget-style-tool-virtual-staging`. */
	slug: string;
	/** Short purpose, e.g. `style`. */
	purpose: string;
	select: WidgetSelect;
	required: boolean;
	/** Bare item values, e.g. `modern`. */
	values: string[];
	/** Full item slugs, e.g. `item-modern-widget-style-tool-virtual-staging`, in `values` order. */
	items: string[];
	/**
	 * The documented values are only examples (materials, sky styles, colours, darkness factors): the platform
	 * accepts any item that follows the `item-<value>-<widget>` convention.
	 */
	openItems: boolean;
}

export interface SimTool {
	/** Catalog id (the catalog's ids are not ObjectIds). */
	id: number;
	name: string;
	slug: string;
	isActive: boolean;
	/** Full input slot slugs, e.g. `tool-darkness-input-image-before`. */
	inputs: string[];
	widgets: SimWidget[];
}

// The confirmed item values are platform facts with one home, beside the node's tool table.
import {
	SPACES as SPACE_VALUES,
	STYLES as STYLE_VALUES,
} from '../../nodes/AiHomeDesign/domain/tools';

export { SPACE_VALUES, STYLE_VALUES };

export const inputSlotSlug = (tool: string, suffix = 'input-image') => `${tool}-${suffix}`;
export const widgetSlugOf = (tool: string, purpose: string) => `widget-${purpose}-${tool}`;
export const itemSlugOf = (widgetSlug: string, value: string) => `item-${value}-${widgetSlug}`;

interface WidgetSpec {
	purpose: string;
	select?: WidgetSelect;
	required?: boolean;
	values?: string[];
	openItems?: boolean;
}

const space = (required: boolean): WidgetSpec => ({
	purpose: 'space',
	required,
	values: SPACE_VALUES,
});
const style = (required: boolean): WidgetSpec => ({
	purpose: 'style',
	required,
	values: STYLE_VALUES,
});
const material: WidgetSpec = { purpose: 'material', required: false, values: [], openItems: true };

interface ToolSpec {
	slug: string;
	name: string;
	inputs?: string[];
	widgets?: WidgetSpec[];
	isActive?: boolean;
}

const SPECS: ToolSpec[] = [
	{ slug: 'tool-virtual-staging', name: 'Virtual Staging', widgets: [space(true), style(true)] },
	{
		slug: 'tool-virtual-restaging',
		name: 'Virtual Restaging',
		widgets: [space(true), style(true)],
	},
	{
		slug: 'tool-interior-design',
		name: 'Interior Design',
		widgets: [
			space(true),
			style(true),
			{
				purpose: 'color',
				required: false,
				values: ['earthy-neutrals', 'warm-tones', 'cool-tones', 'monochrome', 'pastel'],
				openItems: true,
			},
		],
	},
	{
		slug: 'tool-furniture-restyle',
		name: 'Furniture Restyle',
		widgets: [space(false), style(false)],
	},
	{
		slug: 'tool-under-construction',
		name: 'Under Construction',
		widgets: [space(false), style(false)],
	},
	{ slug: 'tool-item-removal', name: 'Item Removal' },
	{
		slug: 'tool-item-removal-mask',
		name: 'Item Removal (Mask)',
		inputs: ['input-image', 'input-mask'],
	},
	{
		slug: 'tool-image-enhancement',
		name: 'Image Enhancement',
		widgets: [
			{ purpose: 'area', required: true, values: ['indoor', 'outdoor'] },
			{
				purpose: 'enhancement-options',
				select: 'multi',
				required: false,
				values: ['add-fire-to-fireplace', 'add-screen-to-tv'],
			},
		],
	},
	{
		slug: 'tool-day-to-dusk',
		name: 'Day to Dusk',
		widgets: [
			{
				purpose: 'sky-style',
				required: false,
				values: ['dusk-with-cloud', 'clear-dusk', 'golden-hour'],
				openItems: true,
			},
			{
				purpose: 'day-to-dusk-options',
				select: 'multi',
				required: false,
				values: ['shadow-removal', 'lawn-touch-up'],
			},
		],
	},
	{
		slug: 'tool-darkness',
		name: 'Darkness',
		inputs: ['input-image-before', 'input-image-after'],
		widgets: [{ purpose: 'darkness-factor', required: true, values: [], openItems: true }],
	},
	{ slug: 'tool-wall-change', name: 'Wall Change', widgets: [space(true), material] },
	{ slug: 'tool-floor-change', name: 'Floor Change', widgets: [space(true), material] },
	{ slug: 'tool-ceiling-change', name: 'Ceiling Change', widgets: [space(true), material] },
	{ slug: 'tool-backsplash-change', name: 'Backsplash Change', widgets: [space(true), material] },
	// In the catalog but switched off: process creation answers 403.
	{ slug: 'tool-sky-replacement', name: 'Sky Replacement', isActive: false },
];

function build(spec: ToolSpec, index: number): SimTool {
	return {
		id: index + 1,
		name: spec.name,
		slug: spec.slug,
		isActive: spec.isActive ?? true,
		inputs: (spec.inputs ?? ['input-image']).map((suffix) => inputSlotSlug(spec.slug, suffix)),
		widgets: (spec.widgets ?? []).map((w) => {
			const slug = widgetSlugOf(spec.slug, w.purpose);
			const values = w.values ?? [];
			return {
				slug,
				purpose: w.purpose,
				select: w.select ?? 'single',
				required: w.required ?? false,
				values,
				items: values.map((value) => itemSlugOf(slug, value)),
				openItems: w.openItems ?? false,
			};
		}),
	};
}

/** Every tool the simulator knows, catalog order; the last one is inactive. */
export const SIM_TOOLS: readonly SimTool[] = SPECS.map(build);

/** The same tools keyed by slug. */
export const SIM_TOOLS_BY_SLUG: Readonly<Record<string, SimTool>> = Object.fromEntries(
	SIM_TOOLS.map((tool) => [tool.slug, tool]),
);

export function simTool(slug: string): SimTool | undefined {
	return Object.prototype.hasOwnProperty.call(SIM_TOOLS_BY_SLUG, slug)
		? SIM_TOOLS_BY_SLUG[slug]
		: undefined;
}

/** Whether `item` is an acceptable item slug for `widget`. */
export function widgetAcceptsItem(widget: SimWidget, item: string): boolean {
	if (widget.items.includes(item)) return true;
	if (!widget.openItems) return false;
	const suffix = `-${widget.slug}`;
	return (
		item.startsWith('item-') &&
		item.endsWith(suffix) &&
		item.length > 'item-'.length + suffix.length
	);
}

/** A widgets list that satisfies the tool: the first value of every required widget (open widgets without values get `example`). */
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
