import type { IDataObject } from 'n8n-workflow';

import { readTool, readWidgets } from '../../../../nodes/AiHomeDesign/actions/readers';
import { settingFieldName } from '../../../../nodes/AiHomeDesign/actions/toolSettings.descriptions';
import { TOOL_DEFINITIONS } from '../../../../nodes/AiHomeDesign/domain/tools';
import { FakeHttp } from '../../../support/http/fake-http';
import { executeContext } from '../../../support/n8n-context/execute';
import { EXAMPLES } from '../../../contract/examples';

const contextWith = (params: IDataObject) => executeContext({ http: new FakeHttp(), params });
const widgetsFor = (tool: string, params: IDataObject) =>
	readWidgets(contextWith({ tool, ...params }), 0, tool);

describe('the widgets built from the settings fields', () => {
	it("match the API doc's virtual staging example", () => {
		const request = EXAMPLES.processCreateStaging.request?.json as { widgets: unknown };
		expect(widgetsFor('tool-virtual-staging', { space: 'living-room', style: 'modern' })).toEqual(
			request.widgets,
		);
	});

	it.each(
		TOOL_DEFINITIONS.filter((tool) => tool.widgets.length > 0).map((tool) => [tool.slug, tool]),
	)('%s: one widget per setting given, named by the slug conventions', (slug, tool) => {
		const params = Object.fromEntries(
			tool.widgets.map((w) => [
				settingFieldName(w.purpose),
				w.multiple ? w.values : (w.values[0] ?? 'oak'),
			]),
		);
		expect(widgetsFor(slug, params)).toEqual(
			tool.widgets.map((w) => ({
				slug: `widget-${w.purpose}-${slug}`,
				item_slugs: (w.multiple ? w.values : [w.values[0] ?? 'oak']).map(
					(value) => `item-${value}-widget-${w.purpose}-${slug}`,
				),
			})),
		);
	});

	it('leaves out optional settings left empty', () => {
		expect(
			widgetsFor('tool-interior-design', { space: 'kitchen', style: 'modern', color: '' }).map(
				(w) => w.slug,
			),
		).toEqual(['widget-space-tool-interior-design', 'widget-style-tool-interior-design']);
		expect(widgetsFor('tool-day-to-dusk', {})).toEqual([]);
	});

	it('sends no widgets for a tool without settings', () => {
		expect(widgetsFor('tool-item-removal', { space: 'kitchen' })).toEqual([]);
	});

	it("reads only the chosen tool's fields, so a model's values for other tools do not count", () => {
		expect(
			widgetsFor('tool-darkness', {
				space: 'kitchen',
				style: 'modern',
				darknessFactor: 'factor-lighter',
			}),
		).toEqual([
			{
				slug: 'widget-darkness-factor-tool-darkness',
				item_slugs: ['item-factor-lighter-widget-darkness-factor-tool-darkness'],
			},
		]);
	});

	it('takes values in words, as a model gives them, and text with commas for several', () => {
		const widgets = widgetsFor('tool-image-enhancement', {
			area: 'Indoor',
			enhancementOptions: 'Add fire to fireplace, Add Screen to TV',
		});
		expect(widgets).toEqual([
			{
				slug: 'widget-area-tool-image-enhancement',
				item_slugs: ['item-indoor-widget-area-tool-image-enhancement'],
			},
			{
				slug: 'widget-enhancement-options-tool-image-enhancement',
				item_slugs: [
					'item-add-fire-to-fireplace-widget-enhancement-options-tool-image-enhancement',
					'item-add-screen-to-tv-widget-enhancement-options-tool-image-enhancement',
				],
			},
		]);
		expect(widgetsFor('tool-darkness', { darknessFactor: 'Darker' })[0].item_slugs).toEqual([
			'item-factor-darker-widget-darkness-factor-tool-darkness',
		]);
		expect(
			widgetsFor('tool-virtual-staging', { space: 'Living Room', style: 'Scandinavian' }),
		).toEqual([
			{
				slug: 'widget-space-tool-virtual-staging',
				item_slugs: ['item-living-room-widget-space-tool-virtual-staging'],
			},
			{
				slug: 'widget-style-tool-virtual-staging',
				item_slugs: ['item-scandinavian-widget-style-tool-virtual-staging'],
			},
		]);
	});

	it('passes a material in slug form, since the platform publishes no list', () => {
		expect(widgetsFor('tool-floor-change', { space: 'kitchen', material: 'White Oak' })[1]).toEqual(
			{
				slug: 'widget-material-tool-floor-change',
				item_slugs: ['item-white-oak-widget-material-tool-floor-change'],
			},
		);
	});

	it('names a missing required setting by its field', () => {
		expect(() => widgetsFor('tool-image-enhancement', { area: '' })).toThrow(
			'Image Enhancement needs a value for: Area. Set it in the field of that name.',
		);
	});

	it('sends Settings as JSON as given, and refuses JSON of another shape', () => {
		const widgets = [{ slug: 'widget-x-tool-new', item_slugs: ['item-y-widget-x-tool-new'] }];
		expect(
			widgetsFor('tool-new', {
				widgetsInput: 'json',
				widgetsJson: JSON.stringify(widgets),
				space: 'kitchen',
			}),
		).toEqual(widgets);
		expect(() =>
			widgetsFor('tool-virtual-staging', { widgetsInput: 'json', widgetsJson: '[{"slug": 1}]' }),
		).toThrow(/Widgets JSON/);
	});
});

describe('the tool', () => {
	const toolOf = (tool: string) => readTool(contextWith({ tool }), 0);

	it.each([
		['tool-virtual-staging', 'tool-virtual-staging'],
		['Virtual Staging', 'tool-virtual-staging'],
		['AI Virtual Staging', 'tool-virtual-staging'],
		['AI Item Removal (Mask)', 'tool-item-removal-mask'],
		['item removal', 'tool-item-removal'],
		['AI Interior Designer', 'tool-interior-design'],
		['day-to-dusk', 'tool-day-to-dusk'],
		// A slug from the live catalog that this package does not know yet.
		['tool-sky-replacement', 'tool-sky-replacement'],
	])('"%s" is %s', (given, slug) => {
		expect(toolOf(given)).toBe(slug);
	});

	it('refuses an unknown name with the names it knows, so a model can try again', () => {
		expect(() => toolOf('make it pretty')).toThrow('"make it pretty" is not an AI HomeDesign tool');
		try {
			toolOf('make it pretty');
		} catch (error) {
			expect((error as { description: string }).description).toMatch(
				/^Choose one of: Virtual Staging, Virtual Restaging, /,
			);
		}
	});
});
