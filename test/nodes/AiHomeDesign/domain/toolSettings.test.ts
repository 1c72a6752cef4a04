import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { AiHomeDesign } from '../../../../nodes/AiHomeDesign/AiHomeDesign.node';
import { toolDefinition } from '../../../../nodes/AiHomeDesign/domain/tools';
import { executeContext } from '../../../support/n8n-context/execute';
import { FakeHttp } from '../../../support/http/fake-http';
import { useVirtualClock } from '../../../support/time/package-clock';

const ORDER_ID = '6878b6d52ecd619eab1f886d';
const ASSET_ID = '6878b6882ecd619eab1f886c';

const valuesOf = (tool: string, purpose: string) =>
	toolDefinition(tool).widgets.find((w) => w.purpose === purpose)!;

describe('tool settings follow the docs and the official client', () => {
	it.each([
		['tool-wall-change', ['bedroom', 'living-room', 'kitchen', 'bathroom']],
		['tool-floor-change', ['bedroom', 'living-room', 'kitchen', 'bathroom']],
		['tool-ceiling-change', ['bedroom', 'living-room', 'kitchen']],
		['tool-backsplash-change', ['kitchen', 'bathroom']],
	])('%s offers only the spaces it takes', (tool, spaces) => {
		expect(valuesOf(tool, 'space').values).toEqual(spaces);
	});

	it('offers the darkness factors Darker and Lighter', () => {
		expect(valuesOf('tool-darkness', 'darkness-factor').values).toEqual([
			'factor-darker',
			'factor-lighter',
		]);
	});

	it.each(['tool-furniture-restyle', 'tool-under-construction'])(
		'%s needs a space and a style',
		(tool) => {
			expect(valuesOf(tool, 'space').required).toBe(true);
			expect(valuesOf(tool, 'style').required).toBe(true);
		},
	);
});

describe('Process → Create with settings a tool does not take', () => {
	let http: FakeHttp;
	beforeEach(() => {
		http = new FakeHttp(useVirtualClock().now);
		http.on(/^POST \/process$/, (call) => {
			const body = call.body as { widgets: Array<{ slug: string; item_slugs: string[] }> };
			const item = body.widgets[0]?.item_slugs[0] ?? 'none';
			return {
				status: 422,
				body: {
					error: `Item "${item}" does not belong to widget ${body.widgets[0]?.slug}`,
					key: 'api_error_unprocessable',
				},
			};
		});
	});
	afterEach(() => jest.restoreAllMocks());

	async function run(params: IDataObject) {
		const context = executeContext({
			http,
			params: {
				resource: 'process',
				operation: 'create',
				orderId: ORDER_ID,
				waitForCompletion: false,
				...params,
			},
		});
		return await new AiHomeDesign().execute.call(context);
	}

	it("explains the platform's refusal of a space in the tool's and the setting's names", async () => {
		const error = (await run({
			tool: 'tool-backsplash-change',
			assetMap: { inputs: [{ slot: 'tool-backsplash-change-input-image', assetId: ASSET_ID }] },
			// A value the field does not offer, as an expression can give it.
			space: 'outdoor',
		}).catch((e: unknown) => e)) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('AI HomeDesign refused Backsplash Change with Space: Outdoor (422)');
		expect(error.message).not.toMatch(/item-|widget-|tool-/);
		expect(error.description).toMatch(
			/^Backsplash Change is known to take Space Kitchen, Bathroom\./,
		);
		expect(error.httpCode).toBe('422');
	});

	it('names the tool and its settings when the platform refuses values the node offers', async () => {
		const error = (await run({
			tool: 'tool-darkness',
			assetMap: {
				inputs: [
					{ slot: 'tool-darkness-input-image-before', assetId: ASSET_ID },
					{ slot: 'tool-darkness-input-image-after', assetId: ASSET_ID },
				],
			},
			darknessFactor: 'factor-darker',
		}).catch((e: unknown) => e)) as NodeApiError;
		expect(error.message).toBe('AI HomeDesign refused Darkness with Darkness Factor: Darker (422)');
	});

	it('refuses a furniture restyle without space and style before sending anything', async () => {
		await expect(
			run({
				tool: 'tool-furniture-restyle',
				assetMap: { inputs: [{ slot: 'tool-furniture-restyle-input-image', assetId: ASSET_ID }] },
			}),
		).rejects.toThrow(/Furniture Restyle needs a value for: Space, Style/);
		expect(http.calls).toHaveLength(0);
	});
});
