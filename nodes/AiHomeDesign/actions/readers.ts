import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { buildWidgets, parseWidgetsJson } from '../domain/toolInputs';
import {
	itemSlug,
	resolveSettingValue,
	resolveToolSlug,
	TOOL_DEFINITIONS,
	toolDefinition,
} from '../domain/tools';
import type { WidgetSelection } from '../schemas';
import {
	DEFAULT_TIMEOUT_SECONDS,
	MIN_POLL_INTERVAL_MS,
	MIN_POLL_INTERVAL_SECONDS,
} from '../shared/constants';
import type { ResultFiles, ResultSize, WaitSettings } from '../shared/types';
import type { ImageSource } from './images';
import { settingFieldName } from './toolSettings.descriptions';

// Parameter readers shared by operations: they check what the user typed before anything is sent.

/** `justCreated`: the process was created a moment ago, so the first check waits one interval. */
export function readWaitSettings(
	context: IExecuteFunctions,
	itemIndex: number,
	justCreated = false,
): WaitSettings {
	const options = context.getNodeParameter('waitOptions', itemIndex, {}) as {
		pollInterval?: number;
		timeout?: number;
	};
	const timeout = options.timeout ?? DEFAULT_TIMEOUT_SECONDS;
	if (!(timeout > 0)) {
		throw new NodeOperationError(
			context.getNode(),
			'The timeout must be a positive number of seconds',
			{ itemIndex },
		);
	}
	const intervalMs = Math.max(
		MIN_POLL_INTERVAL_MS,
		(options.pollInterval ?? MIN_POLL_INTERVAL_SECONDS) * 1000,
	);
	return { intervalMs, timeoutMs: timeout * 1000, firstPollDelayMs: justCreated ? intervalMs : 0 };
}

export function readResultFiles(
	context: IExecuteFunctions,
	itemIndex: number,
): { files: ResultFiles; binaryPrefix: string; size?: ResultSize } {
	const files = context.getNodeParameter('resultFiles', itemIndex, 'none') as ResultFiles;
	const binaryPrefix =
		files === 'none'
			? 'data'
			: (context.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string);
	const size = readResultSize(context, itemIndex);
	return size ? { files, binaryPrefix, size } : { files, binaryPrefix };
}

/** Social posts: 1080 pixels wide, as Instagram and most networks show them. */
const SOCIAL_WIDTH = 1080;

/** The platform's `width`/`height` for result images; undefined for their original size. */
function readResultSize(context: IExecuteFunctions, itemIndex: number): ResultSize | undefined {
	const choice = context.getNodeParameter('resultSize', itemIndex, 'original') as string;
	if (choice === 'social') return { width: SOCIAL_WIDTH };
	if (choice !== 'custom') return undefined;
	const pixels = (name: string, fallback: number) => {
		const value = Number(context.getNodeParameter(name, itemIndex, fallback) ?? 0);
		if (!Number.isInteger(value) || value < 0) {
			throw new NodeOperationError(
				context.getNode(),
				`The result ${name === 'resultWidth' ? 'width' : 'height'} must be a whole number of pixels, got ${value}`,
				{ itemIndex },
			);
		}
		return value;
	};
	const width = pixels('resultWidth', SOCIAL_WIDTH);
	const height = pixels('resultHeight', 0);
	if (!width && !height) {
		throw new NodeOperationError(
			context.getNode(),
			'Result Size "Custom" needs a width or a height',
			{ itemIndex, description: 'Set Result Width or Result Height above 0, or pick Original.' },
		);
	}
	return { ...(width ? { width } : {}), ...(height ? { height } : {}) };
}

/**
 * The text of an ID field, trimmed: a resource locator's `value`, or the plain string that
 * workflows saved before the field became one (and that an expression can still give).
 */
export function locatorValue(raw: unknown): string {
	const value =
		raw !== null && typeof raw === 'object' && 'value' in raw
			? (raw as { value: unknown }).value
			: raw;
	return value === undefined || value === null ? '' : String(value).trim();
}

/** Trims and checks a platform id typed or mapped by the user, so a typo fails here, not as a 404 later. */
export function readObjectId(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
): string {
	const value = locatorValue(context.getNodeParameter(name, itemIndex, ''));
	if (!/^[a-f0-9]{24}$/i.test(value)) {
		throw new NodeOperationError(context.getNode(), `${label} "${value}" is not a valid ID`, {
			itemIndex,
			description:
				'AI HomeDesign IDs are 24 characters of 0-9 and a-f, e.g. 69a6bb11a374700bff4a1333.',
		});
	}
	return value;
}

/**
 * The tool to run: a slug from the list, or a name typed or given by a model ("Virtual Staging").
 * An unknown name fails here with the names the node knows, so an agent can try again.
 */
export function readTool(context: IExecuteFunctions, itemIndex: number): string {
	const given = String(context.getNodeParameter('tool', itemIndex, '') ?? '').trim();
	const slug = resolveToolSlug(given);
	if (!slug) {
		throw new NodeOperationError(
			context.getNode(),
			given ? `"${given}" is not an AI HomeDesign tool` : 'No tool chosen',
			{
				itemIndex,
				description: `Choose one of: ${TOOL_DEFINITIONS.map((tool) => tool.name).join(', ')}.`,
			},
		);
	}
	return slug;
}

/** A setting's value as a list: a multi-choice field's array, or text with commas (from a model). */
function valuesOf(raw: unknown): string[] {
	const list = Array.isArray(raw) ? raw : String(raw ?? '').split(',');
	return list.map((value) => String(value ?? '').trim()).filter(Boolean);
}

/**
 * The widgets to send: from the tool's settings fields (Space, Style, ...), or from the JSON.
 * Only the chosen tool's fields are read, so values a model gave for other tools do not count.
 */
export function readWidgets(
	context: IExecuteFunctions,
	itemIndex: number,
	tool: string,
): WidgetSelection[] {
	if (context.getNodeParameter('widgetsInput', itemIndex, 'list') === 'json') {
		return parseWidgetsJson(context.getNodeParameter('widgetsJson', itemIndex, '[]'));
	}
	const items = toolDefinition(tool).widgets.flatMap((widget) =>
		valuesOf(
			context.getNodeParameter(
				settingFieldName(widget.purpose),
				itemIndex,
				widget.multiple ? [] : '',
			),
		).map((text) => {
			const value = resolveSettingValue(widget, text);
			return value.startsWith('item-') ? value : itemSlug(tool, widget.purpose, value);
		}),
	);
	return buildWidgets(tool, items);
}

/** The rows of the Images field (Order → Create and Append Image). */
export function readImageSources(context: IExecuteFunctions, itemIndex: number): ImageSource[] {
	return context.getNodeParameter('images.image', itemIndex, []) as ImageSource[];
}
