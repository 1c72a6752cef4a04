import type { INodeProperties } from 'n8n-workflow';

import { TOOL_DEFINITIONS, valueLabel, type WidgetDefinition } from '../domain/tools';

// The tool to run and its settings (Space, Style, ...): one field per setting, shown only for the
// tools that take it. Shared by Process → Create and Run Tool on Image.
//
// Each field comes twice: for the node itself, and for its AI Agent tool variant (n8n shows a
// parameter with `@tool: [true]` only in the variant whose type name ends in "Tool", in the editor
// and at run time alike). The variant's defaults leave the choice to the model through $fromAI;
// the user can pin any of them to a fixed value.

/** Settings as an agent would hand them over, e.g. `={{ $fromAI('space', '…', 'string') }}`. */
export function fromAI(key: string, description: string): string {
	// A quote would end the expression's string early.
	return `={{ $fromAI('${key}', '${description.replace(/['\\]/g, '')}', 'string') }}`;
}

/** The field for the node, and its twin with another default for the agent tool variant. */
export function forNodeAndAgent(
	field: INodeProperties,
	agent: Partial<INodeProperties>,
): INodeProperties[] {
	const show = field.displayOptions?.show ?? {};
	const hide = field.displayOptions?.hide;
	// First: n8n stops reading `show` at the first key whose value is an expression (a tool left to
	// the model is one), and counts the field as shown.
	// "Not true" rather than false: older hosts (n8n-workflow 1.83, n8n 1.85) have no `@tool` and
	// read it as undefined, so they show the node's fields (its type allows only booleans; n8n
	// checks the condition like any other).
	const notTrue = [{ _cnd: { not: true } }] as unknown as boolean[];
	const at = (tool: boolean) => ({
		show: { '@tool': tool ? [true] : notTrue, ...show },
		...(hide ? { hide } : {}),
	});
	return [
		{ ...field, displayOptions: at(false) },
		{ ...field, ...agent, displayOptions: at(true) },
	];
}

const toolBase: INodeProperties = {
	displayName: 'Tool Name or ID',
	name: 'tool',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getTools' },
	required: true,
	default: '',
	description:
		'The AI tool to run, e.g. Virtual Staging. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

const TOOLS_FOR_MODEL = TOOL_DEFINITIONS.map((tool) => `${tool.name} (${tool.summary})`).join('; ');

/** The tool to run, from the platform's live catalog. An agent picks it by name by default. */
export const toolFields: INodeProperties[] = forNodeAndAgent(toolBase, {
	default: fromAI(
		'tool',
		`The AI HomeDesign tool to run on the photo, by name: ${TOOLS_FOR_MODEL}`,
	),
	hint: 'The model chooses the tool by default. Switch to Fixed to always run one tool.',
});

/** The parameter name of a setting: `day-to-dusk-options` → `dayToDuskOptions`. */
export const settingFieldName = (purpose: string) =>
	purpose.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** A setting's key for the model: "Color Palette" → `color_palette`. */
const modelKey = (widget: WidgetDefinition) => widget.label.toLowerCase().replace(/\W+/g, '_');

interface SettingGroup {
	widget: WidgetDefinition;
	tools: string[];
}

/** The tools that share a setting with the same values, e.g. Space for the staging tools. */
function settingGroups(): SettingGroup[] {
	const groups = new Map<string, SettingGroup>();
	for (const tool of TOOL_DEFINITIONS) {
		for (const widget of tool.widgets) {
			const key = JSON.stringify([widget.purpose, widget.values, widget.required, widget.multiple]);
			const group = groups.get(key) ?? { widget, tools: [] };
			group.tools.push(tool.slug);
			groups.set(key, group);
		}
	}
	return [...groups.values()];
}

const nameOf = (slug: string) => TOOL_DEFINITIONS.find((tool) => tool.slug === slug)!.name;

function settingField(
	widget: WidgetDefinition,
	tools: string[],
	values: string[],
): INodeProperties {
	const options = values
		.map((value) => ({ name: valueLabel(value), value }))
		.sort((a, b) => a.name.localeCompare(b.name));
	const base = {
		displayName: widget.label,
		name: settingFieldName(widget.purpose),
		description: widget.hint,
		...(widget.required ? { required: true } : {}),
		displayOptions: { show: { widgetsInput: ['list'], tool: tools } },
	};
	if (values.length === 0) {
		return { ...base, type: 'string', default: '', placeholder: 'e.g. marble' };
	}
	if (widget.multiple) return { ...base, type: 'multiOptions', options, default: [] };
	return { ...base, type: 'options', options, default: '' };
}

/** What the model reads about a setting: which tools take it, and their values. */
function settingForModel(groups: SettingGroup[]): string {
	const { widget } = groups[0];
	const values = groups
		.map(({ widget: w, tools }) => {
			const list = w.values.length
				? `${w.multiple ? 'any of' : 'one of'} ${w.values.map(valueLabel).join(', ')}`
				: 'free text';
			return `${tools.map(nameOf).join(', ')}: ${list}`;
		})
		.join('; ');
	const many = widget.multiple ? ' Separate several with commas.' : '';
	const hint = widget.hint.replace(/\.$/, '');
	return `${widget.label} (${hint}). For ${values}.${many} Empty for other tools.`;
}

/** For the node: one field per group, with that group's values. For the agent: one per setting. */
function settingFields(): INodeProperties[] {
	const groups = settingGroups();
	const purposes = [...new Set(groups.map((group) => group.widget.purpose))];
	return purposes.flatMap((purpose) => {
		const same = groups.filter((group) => group.widget.purpose === purpose);
		// A tool given by an expression shows every group's field (n8n counts a field as shown at
		// the first expression in `show` and reads no further, `hide` included): Space comes four
		// times then. Rare in the node; the agent variant below has one field per setting.
		const forNode = same.map(
			({ widget, tools }) => forNodeAndAgent(settingField(widget, tools, widget.values), {})[0],
		);
		// One field for every tool with this setting, so the model's key and description are one.
		const tools = same.flatMap((group) => group.tools);
		const values = [...new Set(same.flatMap((group) => group.widget.values))];
		const forAgent = forNodeAndAgent(settingField(same[0].widget, tools, values), {
			default: fromAI(modelKey(same[0].widget), settingForModel(same)),
		})[1];
		return [...forNode, forAgent];
	});
}

/** Tools known to take no settings: no settings fields for them. */
const WITHOUT_SETTINGS = TOOL_DEFINITIONS.filter((tool) => tool.widgets.length === 0).map(
	(tool) => tool.slug,
);

export const toolSettingsFields: INodeProperties[] = [
	{
		displayName: 'Set Settings',
		name: 'widgetsInput',
		type: 'options',
		options: [
			{
				name: 'Using Fields Below',
				value: 'list',
				description: 'Pick space, style and the other settings of the tool',
			},
			{
				name: 'Using JSON (Advanced)',
				value: 'json',
				description:
					'Type the settings as the API takes them, e.g. for values the fields do not offer',
			},
		],
		default: 'list',
		displayOptions: { hide: { tool: WITHOUT_SETTINGS } },
	},
	...settingFields(),
	{
		displayName: 'Settings as JSON',
		name: 'widgetsJson',
		type: 'json',
		default: '[]',
		description:
			'The settings in the API\'s own form, e.g. [{ "slug": "widget-style-tool-virtual-staging", "item_slugs": ["item-modern-widget-style-tool-virtual-staging"] }]',
		displayOptions: { show: { widgetsInput: ['json'] }, hide: { tool: WITHOUT_SETTINGS } },
	},
];
