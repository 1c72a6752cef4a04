// Order, Project and Process fields are resource locators (issue 15): the editor checks a typed ID,
// Project has a list by address, and workflows saved when they were plain strings still run.
import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { AiHomeDesign } from '../../../../nodes/AiHomeDesign/AiHomeDesign.node';
import { boundaryOf, parseMultipart } from '../../../simulator/multipart';
import { executeContext, TEST_NODE } from '../../../support/n8n-context/execute';
import { FakeHttp, type RecordedCall } from '../../../support/http/fake-http';
import { useVirtualClock } from '../../../support/time/package-clock';

const ORDER_ID = '6878b6d52ecd619eab1f886d';
const PROJECT_ID = '69a6aa03a374700bff4a1328';
const PROCESS_ID = '69a6bb11a374700bff4a1333';
const ASSET_ID = '6878b6882ecd619eab1f886c';
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);

/** A resource locator value as the editor saves it. */
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const fromList = (value: string, cachedResultName: string) => ({
	__rl: true,
	mode: 'list',
	value,
	cachedResultName,
});

let http: FakeHttp;
beforeEach(() => {
	http = new FakeHttp(useVirtualClock().now);
	http.on(/^GET \/order\/\w+$/, { body: { data: { id: ORDER_ID, assets: [], processes: [] } } });
	http.on(/^GET \/project\/\w+$/, { body: { data: { id: PROJECT_ID, address: '1 Maple St' } } });
	http.on(/^GET \/process\/\w+$/, { body: { data: { status: 'processing', final_assets: [] } } });
	http.on(/^POST \/order$/, {
		status: 201,
		body: { data: { order_id: ORDER_ID, assets: [{ id: ASSET_ID }] } },
	});
	http.on(/^POST \/process$/, { status: 201, body: { data: { process_id: PROCESS_ID } } });
});
afterEach(() => jest.restoreAllMocks());

async function run(params: IDataObject) {
	const context = executeContext({
		http,
		params,
		items: [
			{ json: {}, binary: { data: { data: JPEG.toString('base64'), mimeType: 'image/jpeg' } } },
		],
	});
	const [output] = await new AiHomeDesign().execute.call(context);
	return output;
}

const sentProjectId = (call: RecordedCall) =>
	parseMultipart(call.body as Buffer, boundaryOf(String(call.headers['content-type']))!)
		.find((part) => part.name === 'project_id')
		?.data.toString();

describe('the value is read as an old workflow saved it (a string) and as the editor saves it now', () => {
	it.each([
		['a plain string (old workflow)', ORDER_ID],
		['an expression result with spaces', ` ${ORDER_ID} `],
		['By ID', byId(ORDER_ID)],
	])('Order → Get, Order as %s', async (_how, orderId) => {
		await run({ resource: 'order', operation: 'get', orderId });
		expect(http.callsTo(/^GET \/order\//).map((c) => c.path)).toEqual([`/order/${ORDER_ID}`]);
	});

	it.each([
		['a plain string (old workflow)', PROJECT_ID],
		['From List', fromList(PROJECT_ID, '1 Maple St')],
		['By ID', byId(PROJECT_ID)],
	])('Project → Get, Project as %s', async (_how, projectId) => {
		const [item] = await run({ resource: 'project', operation: 'get', projectId });
		expect(item.json.id).toBe(PROJECT_ID);
	});

	it.each([
		['a plain string (old workflow)', PROCESS_ID],
		['By ID', byId(PROCESS_ID)],
	])('Process → Get, Process as %s', async (_how, processId) => {
		await run({ resource: 'process', operation: 'get', processId, resultFiles: 'none' });
		expect(http.callsTo(/^GET \/process\//).map((c) => c.path)).toEqual([`/process/${PROCESS_ID}`]);
	});

	const image = {
		image: [{ source: 'binary', binaryPropertyName: 'data', role: 'primary_angle' }],
	};

	it.each([
		['a plain string (old workflow)', PROJECT_ID, PROJECT_ID],
		['From List', fromList(PROJECT_ID, '1 Maple St'), PROJECT_ID],
		[
			'an empty list choice (the default project)',
			{ __rl: true, mode: 'list', value: '' },
			undefined,
		],
		['absent (the default project)', undefined, undefined],
	])('Order → Create, Project as %s', async (_how, projectId, sent) => {
		await run({ resource: 'order', operation: 'create', images: image, projectId });
		expect(sentProjectId(http.callsTo(/^POST \/order$/)[0])).toBe(sent);
	});

	it.each([
		['a plain string (old workflow)', PROJECT_ID],
		['From List', fromList(PROJECT_ID, '1 Maple St')],
	])('Run Tool on Image, Options → Project as %s', async (_how, projectId) => {
		await run({
			resource: 'process',
			operation: 'runTool',
			inputSource: 'binary',
			inputBinaryField: 'data',
			tool: 'tool-item-removal',
			waitOptions: { timeout: 1 },
			resultFiles: 'none',
			options: { projectId },
		}).catch(() => undefined);
		expect(sentProjectId(http.callsTo(/^POST \/order$/)[0])).toBe(PROJECT_ID);
	});

	it('a typo in an ID is still caught before anything is sent, whatever the mode', async () => {
		await expect(
			run({ resource: 'order', operation: 'get', orderId: byId('6878b6d52ecd') }),
		).rejects.toThrow('Order ID "6878b6d52ecd" is not a valid ID');
		expect(http.calls).toHaveLength(0);
	});
});

describe('the editor', () => {
	const description = new AiHomeDesign().description;
	const field = (name: string, operation: string) =>
		description.properties.find(
			(p) => p.name === name && p.displayOptions?.show?.operation?.includes(operation),
		)!;

	/** The issues n8n's editor shows under a field, for one value. */
	function issues(name: string, resource: string, operation: string, value: unknown): string[] {
		const parameters = { resource, operation, [name]: value } as INodeParameters;
		const node: INode = { ...TEST_NODE, parameters };
		return (
			NodeHelpers.getParameterIssues(field(name, operation), parameters, '', node, description)
				.parameters?.[name] ?? []
		);
	}

	it.each([
		['orderId', 'order', 'get'],
		['processId', 'process', 'waitForCompletion'],
		['projectId', 'project', 'get'],
	])(
		'%s: a typed ID of the wrong shape is flagged, a right one and an expression are not',
		(name, resource, operation) => {
			const message = 'An AI HomeDesign ID is 24 characters of 0-9 and a-f';
			expect(issues(name, resource, operation, byId('6878b6d52ecd'))).toEqual([message]);
			expect(issues(name, resource, operation, byId('6878b6d52ecd619eab1f886z'))).toEqual([
				message,
			]);
			expect(issues(name, resource, operation, byId(ORDER_ID))).toEqual([]);
			expect(issues(name, resource, operation, byId(ORDER_ID.toUpperCase()))).toEqual([]);
			expect(issues(name, resource, operation, byId('={{ $json.order_id }}'))).toEqual([]);
		},
	);

	it('a required ID left empty is flagged once; an optional Project left empty is fine', () => {
		expect(issues('orderId', 'order', 'get', byId(''))).toEqual(['Parameter "Order" is required.']);
		expect(issues('projectId', 'order', 'create', byId(''))).toEqual([]);
	});

	it('Project offers a list searched by address first, then By ID', () => {
		const project = field('projectId', 'create');
		expect(project.type).toBe('resourceLocator');
		expect(project.default).toEqual({ mode: 'list', value: '' });
		expect(project.modes?.map((m) => [m.name, m.displayName])).toEqual([
			['list', 'From List'],
			['id', 'By ID'],
		]);
		expect(project.modes?.[0].typeOptions).toEqual({
			searchListMethod: 'searchProjects',
			searchable: true,
		});
		expect(Object.keys(new AiHomeDesign().methods.listSearch)).toContain('searchProjects');
	});
});
