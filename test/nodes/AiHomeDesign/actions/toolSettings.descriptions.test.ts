import {
	NodeHelpers,
	traverseNodeParameters,
	type FromAIArgument,
	type INode,
	type INodeParameters,
	type INodeProperties,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { settingFieldName } from '../../../../nodes/AiHomeDesign/actions/toolSettings.descriptions';
import { AiHomeDesign } from '../../../../nodes/AiHomeDesign/AiHomeDesign.node';
import { TOOL_DEFINITIONS, toolDefinition } from '../../../../nodes/AiHomeDesign/domain/tools';

// The editor and the run both decide what a node shows with n8n-workflow's getNodeParameters and
// flag missing fields with getNodeParametersIssues; these tests ask the same functions.

const node = new AiHomeDesign().description;
/** What n8n makes of the node for an AI Agent: the same properties under a name ending in "Tool". */
const agentTool: INodeTypeDescription = { ...node, name: `${node.name}Tool` };

function resolve(description: INodeTypeDescription, given: INodeParameters) {
	const instance: INode = {
		id: 'node-1',
		name: 'AI HomeDesign',
		type: `n8n-nodes-aihomedesign.${description.name}`,
		typeVersion: 1.1,
		position: [0, 0],
		parameters: given,
	};
	const parameters = NodeHelpers.getNodeParameters(
		description.properties,
		given,
		true,
		false,
		instance,
		description,
	)!;
	const issues = NodeHelpers.getNodeParametersIssues(
		description.properties,
		{ ...instance, parameters },
		description,
	);
	return { parameters, issues: Object.keys(issues?.parameters ?? {}) };
}

/** The displayed property of that name (the first one displayed, as the editor shows it). */
function shown(description: INodeTypeDescription, given: INodeParameters, name: string) {
	const { parameters } = resolve(description, given);
	const instance = { parameters } as unknown as INode;
	return description.properties.find(
		(property) =>
			property.name === name &&
			NodeHelpers.displayParameter(parameters, property, instance, description),
	);
}

const SETTING_NAMES = [
	...new Set(
		TOOL_DEFINITIONS.flatMap((tool) => tool.widgets.map((w) => settingFieldName(w.purpose))),
	),
];
const settingsShown = (parameters: INodeParameters) =>
	SETTING_NAMES.filter((name) => name in parameters);

const operations = ['runTool', 'create'];
const cases = operations.flatMap((operation) =>
	TOOL_DEFINITIONS.map((tool) => [operation, tool.slug] as const),
);

describe.each(cases)('Process → %s with %s', (operation, tool) => {
	const given = { resource: 'process', operation, tool };
	const widgets = toolDefinition(tool).widgets;

	it("shows that tool's settings and no other tool's", () => {
		const { parameters } = resolve(node, given);
		expect(settingsShown(parameters).sort()).toEqual(
			widgets.map((w) => settingFieldName(w.purpose)).sort(),
		);
	});

	it('flags exactly the required settings while they are empty', () => {
		const { issues } = resolve(node, given);
		expect(issues.filter((name) => SETTING_NAMES.includes(name)).sort()).toEqual(
			widgets
				.filter((w) => w.required)
				.map((w) => settingFieldName(w.purpose))
				.sort(),
		);
	});

	it('flags nothing once every required setting has a value', () => {
		const filled = Object.fromEntries(
			widgets.map((w) => [
				settingFieldName(w.purpose),
				w.multiple ? w.values : (w.values[0] ?? 'oak'),
			]),
		);
		const { issues } = resolve(node, { ...given, ...filled });
		expect(issues.filter((name) => SETTING_NAMES.includes(name))).toEqual([]);
	});

	it("offers the tool's own values, single-choice where it takes one", () => {
		for (const widget of widgets) {
			const field = shown(node, given, settingFieldName(widget.purpose))!;
			expect(field.displayName).toBe(widget.label);
			if (widget.values.length === 0) {
				expect(field.type).toBe('string');
				continue;
			}
			expect(field.type).toBe(widget.multiple ? 'multiOptions' : 'options');
			expect(
				(field.options as Array<{ value: string }>).map((option) => option.value).sort(),
			).toEqual([...widget.values].sort());
		}
	});
});

describe('Virtual Staging in Run Tool on Image', () => {
	const given = { resource: 'process', operation: 'runTool', tool: 'tool-virtual-staging' };

	it('shows Space and Style, both flagged as required while empty', () => {
		expect(shown(node, given, 'space')?.displayName).toBe('Space');
		expect(shown(node, given, 'style')?.displayName).toBe('Style');
		expect(resolve(node, given).issues).toEqual(expect.arrayContaining(['space', 'style']));
	});

	it('offers the spaces each renovation tool takes, and only those', () => {
		const values = (tool: string) =>
			(shown(node, { ...given, tool }, 'space')!.options as Array<{ value: string }>).map(
				(option) => option.value,
			);
		expect(values('tool-backsplash-change')).toEqual(['bathroom', 'kitchen']);
		expect(values('tool-virtual-staging')).toHaveLength(8);
	});

	it('hides the fields and shows Settings as JSON when set to JSON', () => {
		const { parameters, issues } = resolve(node, { ...given, widgetsInput: 'json' });
		expect(settingsShown(parameters)).toEqual([]);
		expect(parameters.widgetsJson).toBe('[]');
		expect(issues).not.toContain('space');
		expect(shown(node, { ...given, widgetsInput: 'json' }, 'widgetsJson')?.displayName).toBe(
			'Settings as JSON',
		);
	});
});

describe('tools without settings', () => {
	it.each(['tool-item-removal', 'tool-item-removal-mask'])(
		'%s shows no settings at all',
		(tool) => {
			const { parameters } = resolve(node, { resource: 'process', operation: 'runTool', tool });
			expect(settingsShown(parameters)).toEqual([]);
			expect(parameters).not.toHaveProperty('widgetsInput');
			expect(parameters).not.toHaveProperty('widgetsJson');
		},
	);
});

describe('a tool given by an expression (or left to the model)', () => {
	/** Every property the editor would draw, by name; a name twice is a field drawn twice. */
	function drawn(description: INodeTypeDescription, given: INodeParameters): string[] {
		const { parameters } = resolve(description, given);
		const instance = { parameters } as unknown as INode;
		return description.properties
			.filter((property) =>
				NodeHelpers.displayParameter(parameters, property, instance, description),
			)
			.map((property) => property.name);
	}

	it('draws every setting, so each can be filled, and in the agent tool each once', () => {
		for (const operation of operations) {
			const given = { resource: 'process', operation, tool: '={{ $json.tool }}' };
			const inNode = drawn(node, given).filter((name) => SETTING_NAMES.includes(name));
			expect([...new Set(inNode)].sort()).toEqual([...SETTING_NAMES].sort());
			const inAgent = drawn(agentTool, given);
			expect(inAgent.filter((name) => SETTING_NAMES.includes(name)).sort()).toEqual(
				[...SETTING_NAMES].sort(),
			);
			expect(new Set(inAgent).size).toBe(inAgent.length);
		}
	});

	it('draws each field once in the agent tool left at its defaults', () => {
		const names = drawn(agentTool, { resource: 'process', operation: 'runTool' });
		expect(new Set(names).size).toBe(names.length);
	});
});

describe('what the user reads about the settings', () => {
	const words = (property: INodeProperties) => [
		property.displayName,
		property.description ?? '',
		property.hint ?? '',
		property.placeholder ?? '',
		...((property.options ?? []) as Array<{ name: string; description?: string }>).flatMap(
			(option) => [option.name, option.description ?? ''],
		),
	];

	it('has no API words (slug, widget, ID) outside the JSON field', () => {
		const settings = node.properties.filter(
			(property) => SETTING_NAMES.includes(property.name) || property.name === 'widgetsInput',
		);
		expect(settings.length).toBeGreaterThan(SETTING_NAMES.length);
		for (const text of settings.flatMap(words)) expect(text).not.toMatch(/slug|widget|\bIDs?\b/i);
	});
});

describe('the AI Agent tool variant', () => {
	const given = { resource: 'process', operation: 'runTool' };

	it('takes a URL and outputs URLs by default, while the node itself takes binary and outputs files', () => {
		const agent = resolve(agentTool, given).parameters;
		expect(agent.inputSource).toBe('url');
		expect(agent.resultFiles).toBe('none');
		const plain = resolve(node, given).parameters;
		expect(plain.inputSource).toBe('binary');
		expect(plain.resultFiles).toBe('full');
	});

	/** The parameters the model is asked for, as n8n collects them from the node's $fromAI calls. */
	function modelParameters(parameters: INodeParameters): FromAIArgument[] {
		const found: FromAIArgument[] = [];
		traverseNodeParameters(parameters, found);
		return found;
	}

	it('leaves the photo link, the tool and every setting to the model, with nothing flagged', () => {
		const { parameters, issues } = resolve(agentTool, given);
		const keys = modelParameters(parameters).map((argument) => argument.key);
		expect(keys).toEqual(
			expect.arrayContaining([
				'image_url',
				'tool',
				'space',
				'style',
				'darkness_factor',
				'material',
			]),
		);
		expect(new Set(keys).size).toBe(keys.length);
		for (const key of keys) expect(key).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
		expect(issues).toEqual([]);
	});

	it('tells the model the tools by name and the values of each setting in words', () => {
		const byKey = new Map(
			modelParameters(resolve(agentTool, given).parameters).map((a) => [a.key, a.description]),
		);
		expect(byKey.get('tool')).toMatch(/Virtual Staging \(Furnishes an empty room/);
		expect(byKey.get('tool')).not.toMatch(/tool-/);
		expect(byKey.get('space')).toMatch(/Backsplash Change: one of Kitchen, Bathroom/);
		expect(byKey.get('darkness_factor')).toMatch(/one of Darker, Lighter/);
	});

	it('asks only for the pinned tool’s settings once the user fixes the tool', () => {
		const { parameters } = resolve(agentTool, { ...given, tool: 'tool-virtual-staging' });
		expect(
			modelParameters(parameters)
				.map((a) => a.key)
				.sort(),
		).toEqual(['image_url', 'space', 'style']);
	});

	it('lets the user pin a setting to a fixed value', () => {
		const { parameters } = resolve(agentTool, {
			...given,
			tool: 'tool-virtual-staging',
			style: 'modern',
		});
		expect(parameters.style).toBe('modern');
		expect(modelParameters(parameters).map((a) => a.key)).not.toContain('style');
	});

	it('keeps Process → Create on its own defaults', () => {
		const { parameters } = resolve(agentTool, { resource: 'process', operation: 'create' });
		expect(parameters).not.toHaveProperty('inputSource');
		expect(parameters.resultFiles).toBe('none');
	});
});
