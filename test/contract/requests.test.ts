/**
 * The nodes against the docs' own requests (examples/*.json): the bodies Process → Create, Run Tool on
 * Image and Order → Create build, with the nodes' real code, must have the documented request's shape
 * (the same keys, no others, the same JSON types, widgets as { slug, item_slugs }). The platform's
 * answers are the documented ones, so a test fails only on what the node sends.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { AiHomeDesign } from '../../nodes/AiHomeDesign/AiHomeDesign.node';
import { makeJpeg } from '../simulator/images';
import { boundaryOf, parseMultipart } from '../simulator/multipart';
import { FakeHttp, type RecordedCall } from '../support/http/fake-http';
import { FakeProcesses } from '../support/http/fake-processes';
import { executeContext } from '../support/n8n-context/execute';
import { useVirtualClock } from '../support/time/package-clock';
import { EXAMPLES, type DocExample, type ExampleName } from './examples';
import { formMismatches, jsonRequestMismatches } from './request-shape';

const { orderCreate, processCreateItemRemoval, processCreateMask, processCreateStaging } = EXAMPLES;

type ProcessBody = { order_id: string; tool: string; asset_map: Record<string, string> };
const documentedJson = (example: DocExample) => example.request!.json as ProcessBody;
/** The live API wraps each answer in `data` (the docs show it bare). */
const live = (example: DocExample) => ({
	status: example.answers[0].status,
	body: { data: example.answers[0].body },
});

let http: FakeHttp;
let now: () => number;
beforeEach(() => {
	now = useVirtualClock().now;
	http = new FakeHttp(now);
	// The documented upload answer: the order and photo ids of the docs' process example.
	http.on(/^POST \/order$/, live(orderCreate));
});
afterEach(() => jest.restoreAllMocks());

async function run(params: IDataObject, items: INodeExecutionData[] = [{ json: {} }]) {
	const context = executeContext({ http, params, items });
	const [output] = await new AiHomeDesign().execute.call(context);
	return output;
}

const posted = (pattern: RegExp): RecordedCall => {
	const calls = http.callsTo(pattern);
	expect(calls).toHaveLength(1);
	return calls[0];
};
const formOf = (call: RecordedCall) =>
	parseMultipart(call.body as Buffer, boundaryOf(String(call.headers['content-type']))!);

/** Each documented process request, and the node settings that ask for it. */
const PROCESS_CREATE: Array<[ExampleName, IDataObject]> = [
	['processCreateStaging', { space: 'living-room', style: 'modern' }],
	['processCreateItemRemoval', {}],
	[
		'processCreateMask',
		{ processGroupId: (processCreateMask.request!.json as IDataObject).process_group_id },
	],
];

/**
 * Departures from the docs' request the nodes make today, each allowed by the API's prose: then the
 * test asserts exactly these, so any other departure, or this one's end, fails it.
 */
const KNOWN_DEPARTURES: Partial<Record<ExampleName, string[]>> = {
	// The docs' mask example sends no widgets key; the node sends [] as for every tool. The API doc
	// (2026-12 addendum): widgets is optional, "a server must accept both [] and no key".
	processCreateMask: ["widgets: not in the docs' request"],
};

describe('Process → Create sends the documented request', () => {
	// The documented answer to each documented request.
	beforeEach(() =>
		http.on(/^POST \/process$/, (call) => {
			const tool = (call.body as ProcessBody).tool;
			const example = Object.values(EXAMPLES).find(
				(e) => e.endpoint === 'POST /v3/process' && documentedJson(e).tool === tool,
			);
			return example ? live(example) : { status: 500, body: 'tool repository: tool not found' };
		}),
	);

	it.each(PROCESS_CREATE)('%s', async (name, settings) => {
		const documented = documentedJson(EXAMPLES[name]);
		await run({
			resource: 'process',
			operation: 'create',
			orderId: documented.order_id,
			tool: documented.tool,
			assetMap: {
				inputs: Object.entries(documented.asset_map).map(([slot, assetId]) => ({ slot, assetId })),
			},
			waitForCompletion: false,
			...settings,
		});
		const { body } = posted(/^POST \/process$/);
		expect(jsonRequestMismatches(body, documented)).toEqual(KNOWN_DEPARTURES[name] ?? []);
	});
});

const photo = (): INodeExecutionData => {
	const [file] = orderCreate.request!.multipart!;
	return {
		json: {},
		binary: {
			data: {
				data: makeJpeg({ label: file.filename }).toString('base64'),
				mimeType: file.contentType!,
				fileName: file.filename,
			},
		},
	};
};

describe('Run Tool on Image uploads the photo and starts the process as documented', () => {
	// Run Tool waits for its process: the fake platform runs it to done.
	beforeEach(() => new FakeProcesses(http, now));

	it.each([
		['processCreateStaging', { space: 'living-room', style: 'modern' }],
		['processCreateItemRemoval', {}],
	] as Array<[ExampleName, IDataObject]>)('%s', async (name, settings) => {
		const documented = documentedJson(EXAMPLES[name]);
		const [item] = await run(
			{
				resource: 'process',
				operation: 'runTool',
				inputBinaryField: 'data',
				tool: documented.tool,
				waitOptions: {},
				resultFiles: 'none',
				options: {},
				...settings,
			},
			[photo()],
		);
		expect(item.json).toMatchObject({ status: 'done' });
		expect(
			formMismatches(formOf(posted(/^POST \/order$/)), orderCreate.request!.multipart!),
		).toEqual([]);
		const { body } = posted(/^POST \/process$/);
		expect(jsonRequestMismatches(body, documented)).toEqual([]);
		// The upload answered with the ids of the docs' process example, so the body is the docs' own.
		expect(body).toEqual(documented);
	});
});

describe('Order → Create uploads as documented', () => {
	it('one photo: asset_file (the JPEG, named) then asset_role primary_angle', async () => {
		await run(
			{
				resource: 'order',
				operation: 'create',
				images: {
					image: [{ source: 'binary', binaryPropertyName: 'data', role: 'primary_angle' }],
				},
			},
			[photo()],
		);
		expect(
			formMismatches(formOf(posted(/^POST \/order$/)), orderCreate.request!.multipart!),
		).toEqual([]);
	});
});

describe('the request check', () => {
	it('names a key the docs do not send, a wrong type, a widget in another shape, and items for an empty list', () => {
		const staging = documentedJson(processCreateStaging) as unknown as IDataObject;
		expect(
			jsonRequestMismatches(
				{
					...staging,
					order_id: 7,
					widgets: [{ slug: 'widget-space-tool-virtual-staging', item_slug: 'item-living-room' }],
					extra: true,
				},
				staging,
			),
		).toEqual([
			'order_id: string in the docs, got number',
			'widgets.*.item_slugs: missing',
			"widgets.*.item_slug: not in the docs' request",
			"extra: not in the docs' request",
		]);
		const removal = documentedJson(processCreateItemRemoval) as unknown as IDataObject;
		expect(jsonRequestMismatches({ ...removal, widgets: [{ slug: 'x' }] }, removal)).toEqual([
			'widgets: empty in the docs, got 1 item(s)',
		]);
	});

	it("names a form whose parts differ from the docs' form", () => {
		const documented = orderCreate.request!.multipart!;
		const file = {
			name: 'asset_file',
			filename: 'a.jpg',
			contentType: 'image/jpeg',
			data: Buffer.from('x'),
		};
		const role = (value: string) => ({ name: 'asset_role', data: Buffer.from(value) });
		expect(formMismatches([file, role('primary_angle')], documented)).toEqual([]);
		expect(formMismatches([role('primary_angle'), file], documented)).toEqual([
			'parts: asset_file, asset_role in the docs, got asset_role, asset_file',
		]);
		expect(formMismatches([{ ...file, filename: undefined }, role('mask')], documented)).toEqual([
			'part 1 (asset_file): a file in the docs, got a plain field',
			'part 2 (asset_role): "primary_angle" in the docs, got "mask"',
		]);
	});
});
