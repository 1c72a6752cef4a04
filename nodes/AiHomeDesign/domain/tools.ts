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
	/** What the setting means, for the field's description (user) and the agent's parameter (model). */
	hint: string;
	multiple: boolean;
	required: boolean;
	values: string[];
}

export interface ToolDefinition {
	slug: string;
	name: string;
	/** What the tool does, in plain words (the Tool list's second line, and the agent's choice). */
	summary: string;
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
	hint: 'The kind of room in the photo',
	multiple: false,
	required: true,
	values,
});
const style = (): WidgetDefinition => ({
	purpose: 'style',
	label: 'Style',
	hint: 'The interior design style of the result',
	multiple: false,
	required: true,
	values: STYLES,
});
const material: WidgetDefinition = {
	purpose: 'material',
	label: 'Material',
	hint: 'The new material or finish in plain words, e.g. marble, oak or white paint. Empty: the platform chooses.',
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

const RENOVATION_SUMMARIES: Record<string, string> = {
	wall: 'Gives the walls a new material or finish',
	floor: 'Lays a new floor',
	ceiling: 'Gives the ceiling a new material or finish',
	backsplash: 'Gives the kitchen or bathroom backsplash a new material',
};

export const TOOL_DEFINITIONS: ToolDefinition[] = [
	{
		slug: 'tool-virtual-staging',
		name: 'Virtual Staging',
		summary: 'Furnishes an empty room in the chosen style',
		slots: ['input-image'],
		widgets: [space(), style()],
	},
	{
		slug: 'tool-virtual-restaging',
		name: 'Virtual Restaging',
		summary: 'Replaces the furniture of a furnished room with furniture in a new style',
		slots: ['input-image'],
		widgets: [space(), style()],
	},
	{
		slug: 'tool-interior-design',
		name: 'Interior Design',
		summary: 'Redesigns the whole room, finishes and furniture, in a style and color palette',
		slots: ['input-image'],
		widgets: [
			space(),
			style(),
			{
				purpose: 'color',
				label: 'Color Palette',
				hint: 'The colors of the redesigned room. Empty: the platform chooses.',
				multiple: false,
				required: false,
				values: ['earthy-neutrals', 'warm-tones', 'cool-tones', 'monochrome', 'pastel'],
			},
		],
	},
	{
		slug: 'tool-furniture-restyle',
		name: 'Furniture Restyle',
		summary: 'Restyles the furniture already in the room, keeping its layout',
		slots: ['input-image'],
		// Both required, as the official client has them (the docs say only "single").
		widgets: [space(), style()],
	},
	{
		slug: 'tool-under-construction',
		name: 'Under Construction',
		summary: 'Shows a room that is still being built as finished and furnished',
		slots: ['input-image'],
		widgets: [space(), style()],
	},
	{
		slug: 'tool-item-removal',
		name: 'Item Removal',
		summary: 'Empties the room: removes furniture and clutter by itself',
		slots: ['input-image'],
		widgets: [],
	},
	{
		slug: 'tool-item-removal-mask',
		name: 'Item Removal with Mask',
		summary: 'Removes only what a mask image marks in blue',
		slots: ['input-image', 'input-mask'],
		widgets: [],
	},
	{
		slug: 'tool-image-enhancement',
		name: 'Image Enhancement',
		summary: 'Corrects light, color and sharpness of the photo',
		slots: ['input-image'],
		widgets: [
			{
				purpose: 'area',
				label: 'Area',
				hint: 'Whether the photo shows an interior or an exterior',
				multiple: false,
				required: true,
				values: ['indoor', 'outdoor'],
			},
			{
				purpose: 'enhancement-options',
				label: 'Enhancement Extras',
				hint: 'Extra touches, if wanted',
				multiple: true,
				required: false,
				values: ['add-fire-to-fireplace', 'add-screen-to-tv'],
			},
		],
	},
	{
		slug: 'tool-day-to-dusk',
		name: 'Day to Dusk',
		summary: 'Turns a daytime exterior photo into an evening shot',
		slots: ['input-image'],
		widgets: [
			{
				purpose: 'sky-style',
				label: 'Sky Style',
				hint: 'The evening sky. Empty: the platform chooses.',
				multiple: false,
				required: false,
				values: ['dusk-with-cloud', 'clear-dusk', 'golden-hour'],
			},
			{
				purpose: 'day-to-dusk-options',
				label: 'Day to Dusk Extras',
				hint: 'Extra touch-ups, if wanted',
				multiple: true,
				required: false,
				values: ['shadow-removal', 'lawn-touch-up'],
			},
		],
	},
	{
		slug: 'tool-darkness',
		name: 'Darkness',
		summary: 'Makes a photo darker or lighter, from two shots of the same view',
		slots: ['input-image-before', 'input-image-after'],
		widgets: [
			{
				purpose: 'darkness-factor',
				label: 'Darkness Factor',
				hint: 'Whether the result is darker or lighter than the photo',
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
			summary: RENOVATION_SUMMARIES[part],
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
			summary: '',
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

/** Values whose words the slug does not spell, e.g. `factor-darker` is "Darker". */
const VALUE_LABELS: Record<string, string> = {
	'add-fire-to-fireplace': 'Add Fire to Fireplace',
	'add-screen-to-tv': 'Add Screen to TV',
	'dusk-with-cloud': 'Dusk with Clouds',
	'lawn-touch-up': 'Lawn Touch-Up',
	'factor-darker': 'Darker',
	'factor-lighter': 'Lighter',
};

/** A setting value as the user reads it. */
export const valueLabel = (value: string) => VALUE_LABELS[value] ?? titleOf(value);

/** Words or a slug in slug form: `Living Room` → `living-room`. */
const slugify = (text: string) =>
	text
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');

/**
 * A tool as a person or a model names it: its slug, its name ("Virtual Staging", "AI Virtual
 * Staging"), or its name in slug form. Slugs pass as they are, since the live catalog may hold
 * tools this package does not know. Undefined when nothing matches.
 */
export function resolveToolSlug(text: string): string | undefined {
	const given = text.trim();
	if (/^tool-[a-z0-9-]+$/.test(given)) return given;
	const words = slugify(given.replace(/^ai\s+/i, ''));
	const exact = TOOL_DEFINITIONS.find(
		(tool) => slugify(tool.name) === words || tool.slug === `tool-${words}`,
	);
	// Then the catalog's longer names, e.g. "AI Interior Designer".
	return (exact ?? TOOL_DEFINITIONS.find((tool) => words.startsWith(slugify(tool.name))))?.slug;
}

/**
 * One setting value as typed or given by a model: its slug (`living-room`), its words ("Living
 * Room", "Darker"), or a whole item slug (`item-…`, passed as it is). Values the package does not
 * list pass in slug form: the platform takes more than it publishes.
 */
export function resolveSettingValue(widget: WidgetDefinition, text: string): string {
	const given = text.trim();
	if (given.startsWith('item-')) return given;
	const slug = slugify(given);
	if (widget.values.includes(slug)) return slug;
	return (
		widget.values.find((value) => slugify(valueLabel(value)) === slug) ??
		widget.values.find((value) => value.endsWith(`-${slug}`)) ??
		slug
	);
}
