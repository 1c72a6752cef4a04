import { z } from 'zod';

import { widgetSelectionSchema, type WidgetSelection } from '../schemas';
import { slotSlug, titleOf, toolDefinition, valueLabel, widgetOfItem, widgetSlug } from './tools';

/** The value inside an item slug: `item-living-room-widget-space-…` → `living-room`. */
const valueOfItem = (item: string, widget: string) =>
	item.replace(/^item-/, '').replace(`-${widget}`, '');

// Input problems are plain errors, found before anything is sent; the router ties them to the item.

/** The widget slug inside an item slug `item-<value>-widget-…`. */
function widgetSlugOfItem(tool: string, item: string): string {
	const known = widgetOfItem(tool, item);
	if (known) return widgetSlug(tool, known.purpose);
	const at = item.indexOf('-widget-');
	if (!item.startsWith('item-') || at < 0) {
		throw new Error(
			`"${item}" is not a widget item slug (expected item-<value>-widget-<purpose>-${tool})`,
		);
	}
	return item.slice(at + 1);
}

/**
 * Groups chosen item slugs into the `widgets` array the platform takes, and checks them against
 * what the tool is known to need: every required widget present, one item for single-select ones.
 */
export function buildWidgets(tool: string, itemSlugs: string[]): WidgetSelection[] {
	const bySlug = new Map<string, string[]>();
	for (const item of itemSlugs.map((s) => s.trim()).filter(Boolean)) {
		const slug = widgetSlugOfItem(tool, item);
		bySlug.set(slug, [...new Set([...(bySlug.get(slug) ?? []), item])]);
	}
	const definition = toolDefinition(tool);
	const missing: string[] = [];
	for (const widget of definition.widgets) {
		const chosen = bySlug.get(widgetSlug(tool, widget.purpose)) ?? [];
		if (widget.required && chosen.length === 0) missing.push(widget.label);
		if (!widget.multiple && chosen.length > 1) {
			const words = chosen.map((item) =>
				valueLabel(valueOfItem(item, widgetSlug(tool, widget.purpose))),
			);
			throw new Error(
				`${definition.name} takes one ${widget.label}, got ${chosen.length}: ${words.join(', ')}`,
			);
		}
	}
	if (missing.length > 0) {
		throw new Error(
			`${definition.name} needs a value for: ${missing.join(', ')}. Set it in the field of that name.`,
		);
	}
	return [...bySlug].map(([slug, item_slugs]) => ({ slug, item_slugs }));
}

/** Widgets given as raw JSON (advanced use): checked for shape only, sent as they are. */
export function parseWidgetsJson(value: unknown): WidgetSelection[] {
	const data = typeof value === 'string' ? JSON.parse(value) : value;
	const parsed = z.array(widgetSelectionSchema).safeParse(data);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new Error(
			`Widgets JSON: ${issue.path.join('.') || 'value'} ${issue.message}. Expected [{ "slug": "...", "item_slugs": ["..."] }]`,
		);
	}
	return parsed.data;
}

/** Checks that every input slot the tool needs has an asset, and that no unknown slot is used. */
export function checkAssetMap(tool: string, assetMap: Record<string, string>): void {
	const slots = toolDefinition(tool).slots.map((slot) => slotSlug(tool, slot));
	const missing = slots.filter((slot) => !assetMap[slot]);
	if (missing.length > 0)
		throw new Error(`${tool} needs an asset for input slot(s): ${missing.join(', ')}`);
}

/**
 * A platform 422 for a tool and its settings, in words: which tool, which settings, and what the
 * tool is known to take instead, e.g. "Backsplash Change does not take Space: Outdoor".
 */
export function describeRefusal(
	tool: string,
	widgets: WidgetSelection[],
): { message: string; description: string } {
	const definition = toolDefinition(tool);
	const chosen: string[] = [];
	const unlisted: string[] = [];
	const hints: string[] = [];
	for (const selection of widgets) {
		const widget = definition.widgets.find((w) => widgetSlug(tool, w.purpose) === selection.slug);
		const purpose = selection.slug.replace(/^widget-/, '').replace(`-${tool}`, '');
		const label = widget?.label ?? titleOf(purpose);
		for (const item of selection.item_slugs) {
			const value = valueOfItem(item, selection.slug);
			const words = `${label}: ${valueLabel(value)}`;
			chosen.push(words);
			if (widget && widget.values.length > 0 && !widget.values.includes(value)) {
				unlisted.push(words);
				hints.push(`${label} ${widget.values.map(valueLabel).join(', ')}`);
			}
		}
	}
	const name = definition.name;
	if (unlisted.length > 0) {
		return {
			message: `AI HomeDesign refused ${name} with ${unlisted.join(', ')} (422)`,
			description: `${name} is known to take ${[...new Set(hints)].join('; ')}. Pick one of those in the setting's field.`,
		};
	}
	return {
		message: `AI HomeDesign refused ${name}${chosen.length ? ` with ${chosen.join(', ')}` : ''} (422)`,
		description: `The platform does not take this combination of tool, settings and input images. Pick the settings from the fields' lists, and check that each input image is an asset of the order.`,
	};
}
