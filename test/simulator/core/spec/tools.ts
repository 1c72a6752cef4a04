/**
 * The simulator's tool table, written from the platform's docs (aihomedesign-api.md, "Tools") and never
 * from the nodes' code: the simulator is a witness, so it must not repeat the package's assumptions.
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
	 * The docs call these values examples only (materials, sky styles, colours, darkness factors): the
	 * platform accepts any item that follows the `item-<value>-<widget>` convention.
	 */
	openItems: boolean;
}

export interface SimTool {
	/** Catalog id: an ObjectId string, as in the docs' catalog example. */
	id: string;
	/** The catalog's display name, e.g. "AI Virtual Staging". */
	name: string;
	slug: string;
	/** Catalog flag; every documented tool is active unless PlatformOptions.inactiveTools says otherwise. */
	isActive: boolean;
	/** Full input slot slugs, e.g. `tool-darkness-input-image-before`. */
	inputs: string[];
	widgets: SimWidget[];
	/** Its POST /process answer carries a `process_group_id` (the docs: "tools that create a group"). */
	createsGroup: boolean;
}

/** Confirmed against the live API (the docs' "Values confirmed" line): a closed list. */
export const STYLE_VALUES = [
	'prime',
	'modern',
	'farmhouse',
	'scandinavian',
	'hampton',
	'industrial',
	'traditional',
	'contemporary',
];
/** Confirmed against the live API: a closed list. */
export const SPACE_VALUES = [
	'bedroom',
	'living-room',
	'kitchen',
	'bathroom',
	'dining-room',
	'home-office',
	'outdoor',
	'nursery',
];

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

const space = (values: string[] = SPACE_VALUES): WidgetSpec => ({
	purpose: 'space',
	required: true,
	values,
});
const style: WidgetSpec = { purpose: 'style', required: true, values: STYLE_VALUES };
const material: WidgetSpec = { purpose: 'material', values: [], openItems: true };

interface ToolSpec {
	slug: string;
	name: string;
	inputs?: string[];
	widgets?: WidgetSpec[];
	createsGroup?: boolean;
}

// Names: "AI Virtual Staging", "AI Item Removal (Mask)" and "AI Interior Designer" are the docs' own;
// the others follow the same pattern (the docs' tool-reference page names, e.g. ai-under-construction).
// Required flags for furniture restyle and under construction: the MCP's catalog (the docs say "Single").
// Renovation spaces: the MCP catalog's per-tool lists, so other pairs get the 422 the docs predict.
const SPECS: ToolSpec[] = [
	{ slug: 'tool-virtual-staging', name: 'AI Virtual Staging', widgets: [space(), style] },
	{ slug: 'tool-virtual-restaging', name: 'AI Virtual Restaging', widgets: [space(), style] },
	{
		slug: 'tool-interior-design',
		name: 'AI Interior Designer',
		widgets: [
			space(),
			style,
			{
				purpose: 'color',
				values: ['earthy-neutrals', 'warm-tones', 'cool-tones', 'monochrome', 'pastel'],
				openItems: true,
			},
		],
	},
	{ slug: 'tool-furniture-restyle', name: 'AI Furniture Restyle', widgets: [space(), style] },
	{ slug: 'tool-under-construction', name: 'AI Under Construction', widgets: [space(), style] },
	{ slug: 'tool-item-removal', name: 'AI Item Removal', createsGroup: true },
	{
		slug: 'tool-item-removal-mask',
		name: 'AI Item Removal (Mask)',
		inputs: ['input-image', 'input-mask'],
		createsGroup: true,
	},
	{
		slug: 'tool-image-enhancement',
		name: 'AI Image Enhancement',
		widgets: [
			{ purpose: 'area', required: true, values: ['indoor', 'outdoor'] },
			{
				purpose: 'enhancement-options',
				select: 'multi',
				values: ['add-fire-to-fireplace', 'add-screen-to-tv'],
			},
		],
	},
	{
		slug: 'tool-day-to-dusk',
		name: 'AI Day to Dusk',
		widgets: [
			{
				purpose: 'sky-style',
				values: ['dusk-with-cloud', 'clear-dusk', 'golden-hour'],
				openItems: true,
			},
			{
				purpose: 'day-to-dusk-options',
				select: 'multi',
				values: ['shadow-removal', 'lawn-touch-up'],
			},
		],
	},
	{
		slug: 'tool-darkness',
		name: 'AI Darkness',
		inputs: ['input-image-before', 'input-image-after'],
		widgets: [
			{
				purpose: 'darkness-factor',
				required: true,
				values: ['factor-darker', 'factor-lighter'],
				openItems: true,
			},
		],
	},
	{
		slug: 'tool-wall-change',
		name: 'AI Wall Change',
		widgets: [space(['bedroom', 'living-room', 'kitchen', 'bathroom']), material],
	},
	{
		slug: 'tool-floor-change',
		name: 'AI Floor Change',
		widgets: [space(['bedroom', 'living-room', 'kitchen', 'bathroom']), material],
	},
	{
		slug: 'tool-ceiling-change',
		name: 'AI Ceiling Change',
		widgets: [space(['bedroom', 'living-room', 'kitchen']), material],
	},
	{
		slug: 'tool-backsplash-change',
		name: 'AI Backsplash Change',
		widgets: [space(['kitchen', 'bathroom']), material],
	},
];

// Shaped like the docs' catalog id 6848085cd55c9753c282ca69, one per tool.
const catalogId = (index: number) => `6848085cd55c9753c282${(0xca69 + index).toString(16)}`;

function build(spec: ToolSpec, index: number): SimTool {
	return {
		id: catalogId(index),
		name: spec.name,
		slug: spec.slug,
		isActive: true,
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
		createsGroup: spec.createsGroup ?? false,
	};
}

/** Every documented tool, in catalog order. */
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
