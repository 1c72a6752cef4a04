/**
 * What each tool takes: input slots and widgets. The catalog endpoint lists tools but not their
 * inputs, so these come from the platform's documentation; values marked confirmed were checked
 * against the live API, the rest are examples (the platform accepts more). Tools not listed here
 * fall back to the slug conventions: one slot `<tool>-input-image`, no known widgets.
 */
export interface WidgetDefinition {
	/** Short purpose, e.g. `style`; the slug is `widget-<purpose>-<tool>`. */
	purpose: string;
	label: string;
	multiple: boolean;
	required: boolean;
	values: string[];
}

export interface ToolDefinition {
	slug: string;
	name: string;
	/** Slot suffixes after the tool slug, e.g. `input-image`. */
	slots: string[];
	widgets: WidgetDefinition[];
}

export const STYLES = [
	'prime',
	'modern',
	'farmhouse',
	'scandinavian',
	'hampton',
	'industrial',
	'traditional',
	'contemporary',
];
export const SPACES = [
	'bedroom',
	'living-room',
	'kitchen',
	'bathroom',
	'dining-room',
	'home-office',
	'outdoor',
	'nursery',
];

const space = (values: string[] = SPACES): WidgetDefinition => ({
	purpose: 'space',
	label: 'Space',
	multiple: false,
	required: true,
	values,
});
const style = (): WidgetDefinition => ({
	purpose: 'style',
	label: 'Style',
	multiple: false,
	required: true,
	values: STYLES,
});
const material: WidgetDefinition = {
	purpose: 'material',
	label: 'Material',
	multiple: false,
	required: false,
	values: [],
};

/** The spaces each renovation tool takes (the official client's catalog); other pairs get a 422. */
const RENOVATION_SPACES: Record<string, string[]> = {
	wall: ['bedroom', 'living-room', 'kitchen', 'bathroom'],
	floor: ['bedroom', 'living-room', 'kitchen', 'bathroom'],
	ceiling: ['bedroom', 'living-room', 'kitchen'],
	backsplash: ['kitchen', 'bathroom'],
};

export const TOOL_DEFINITIONS: ToolDefinition[] = [
	{
		slug: 'tool-virtual-staging',
		name: 'Virtual Staging',
		slots: ['input-image'],
		widgets: [space(), style()],
	},
	{
		slug: 'tool-virtual-restaging',
		name: 'Virtual Restaging',
		slots: ['input-image'],
		widgets: [space(), style()],
	},
	{
		slug: 'tool-interior-design',
		name: 'Interior Design',
		slots: ['input-image'],
		widgets: [
			space(),
			style(),
			{
				purpose: 'color',
				label: 'Color',
				multiple: false,
				required: false,
				values: ['earthy-neutrals', 'warm-tones', 'cool-tones', 'monochrome', 'pastel'],
			},
		],
	},
	{
		slug: 'tool-furniture-restyle',
		name: 'Furniture Restyle',
		slots: ['input-image'],
		// Both required, as the official client has them (the docs say only "single").
		widgets: [space(), style()],
	},
	{
		slug: 'tool-under-construction',
		name: 'Under Construction',
		slots: ['input-image'],
		widgets: [space(), style()],
	},
	{ slug: 'tool-item-removal', name: 'Item Removal', slots: ['input-image'], widgets: [] },
	{
		slug: 'tool-item-removal-mask',
		name: 'Item Removal with Mask',
		slots: ['input-image', 'input-mask'],
		widgets: [],
	},
	{
		slug: 'tool-image-enhancement',
		name: 'Image Enhancement',
		slots: ['input-image'],
		widgets: [
			{
				purpose: 'area',
				label: 'Area',
				multiple: false,
				required: true,
				values: ['indoor', 'outdoor'],
			},
			{
				purpose: 'enhancement-options',
				label: 'Enhancement Options',
				multiple: true,
				required: false,
				values: ['add-fire-to-fireplace', 'add-screen-to-tv'],
			},
		],
	},
	{
		slug: 'tool-day-to-dusk',
		name: 'Day to Dusk',
		slots: ['input-image'],
		widgets: [
			{
				purpose: 'sky-style',
				label: 'Sky Style',
				multiple: false,
				required: false,
				values: ['dusk-with-cloud', 'clear-dusk', 'golden-hour'],
			},
			{
				purpose: 'day-to-dusk-options',
				label: 'Day to Dusk Options',
				multiple: true,
				required: false,
				values: ['shadow-removal', 'lawn-touch-up'],
			},
		],
	},
	{
		slug: 'tool-darkness',
		name: 'Darkness',
		slots: ['input-image-before', 'input-image-after'],
		widgets: [
			{
				purpose: 'darkness-factor',
				label: 'Darkness Factor',
				multiple: false,
				required: true,
				// The official client's examples; the platform may take more.
				values: ['factor-darker', 'factor-lighter'],
			},
		],
	},
	...Object.entries(RENOVATION_SPACES).map(
		([part, spaces]): ToolDefinition => ({
			slug: `tool-${part}-change`,
			name: `${part[0].toUpperCase()}${part.slice(1)} Change`,
			slots: ['input-image'],
			widgets: [space(spaces), material],
		}),
	),
];

export function toolDefinition(slug: string): ToolDefinition {
	return (
		TOOL_DEFINITIONS.find((tool) => tool.slug === slug) ?? {
			slug,
			name: slug,
			slots: ['input-image'],
			widgets: [],
		}
	);
}

export const slotSlug = (tool: string, slot: string) => `${tool}-${slot}`;
export const widgetSlug = (tool: string, purpose: string) => `widget-${purpose}-${tool}`;
export const itemSlug = (tool: string, purpose: string, value: string) =>
	`item-${value}-${widgetSlug(tool, purpose)}`;

/** The widget an item slug belongs to, by the `item-<value>-<widget>` convention. */
export function widgetOfItem(tool: string, item: string): WidgetDefinition | undefined {
	return toolDefinition(tool).widgets.find((widget) =>
		item.endsWith(`-${widgetSlug(tool, widget.purpose)}`),
	);
}

/** A slug value in words: `living-room` → `Living Room`. */
export const titleOf = (value: string) =>
	value.replace(/-/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());
