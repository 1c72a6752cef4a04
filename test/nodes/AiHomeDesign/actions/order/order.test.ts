import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { AiHomeDesign } from '../../../../../nodes/AiHomeDesign/AiHomeDesign.node';
import { boundaryOf, parseMultipart } from '../../../../simulator/multipart';
import { executeContext } from '../../../../support/n8n-context/execute';
import { FakeHttp, type RecordedCall } from '../../../../support/http/fake-http';
import { useVirtualClock } from '../../../../support/time/package-clock';

const ORDER_ID = '6878b6d52ecd619eab1f886d';
const PROJECT_ID = '69a6aa03a374700bff4a1328';
const photo = (text: string, mimeType = 'image/jpeg', fileName = 'room.jpg') => ({
	data: Buffer.from(text).toString('base64'),
	mimeType,
	fileName,
});

let http: FakeHttp;
beforeEach(() => {
	const time = useVirtualClock();
	http = new FakeHttp(time.now);
	let asset = 0;
	const answer = (call: RecordedCall) => {
		const files = parts(call).filter((p) => p.name === 'asset_file');
		return {
			status: 201,
			body: {
				data: {
					order_id: ORDER_ID,
					assets: files.map(() => ({
						id: `6878b6882ecd619eab1f88${String(++asset).padStart(2, '0')}`,
					})),
				},
			},
		};
	};
	http.on(/^POST \/order$/, answer).on(/^POST \/order\/\w+\/append$/, answer);
	http.on(/^GET .*\/photos\/porch\.png$/, {
		// A PNG signature, then the test's marker text: photos from a URL are checked by content.
		body: Buffer.from('\x89PNG\r\n\x1a\npng from url', 'latin1'),
		headers: { 'content-type': 'image/png' },
	});
});
afterEach(() => jest.restoreAllMocks());

function parts(call: RecordedCall) {
	const contentType = String(call.headers['content-type']);
	return parseMultipart(call.body as Buffer, boundaryOf(contentType)!);
}

async function run(params: IDataObject, binary: INodeExecutionData['binary'] = {}) {
	const context = executeContext({ http, params, items: [{ json: {}, binary }] });
	const [output] = await new AiHomeDesign().execute.call(context);
	return output;
}

describe('Order → Create', () => {
	it('uploads each photo as asset_file followed by its asset_role, in order, with the project', async () => {
		const [item] = await run(
			{
				resource: 'order',
				operation: 'create',
				projectId: PROJECT_ID,
				images: {
					image: [
						{ source: 'binary', binaryPropertyName: 'data', role: 'primary_angle' },
						{
							source: 'url',
							url: 'https://example.test/photos/porch.png',
							role: 'secondary_angle',
						},
						{ source: 'binary', binaryPropertyName: 'mask', role: 'mask' },
					],
				},
			},
			{ data: photo('jpeg bytes'), mask: photo('mask bytes', 'image/png', 'mask.png') },
		);
		const [post] = http.callsTo(/^POST \/order$/);
		expect(String(post.headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
		const form = parts(post);
		expect(form.map((p) => p.name)).toEqual([
			'project_id',
			'asset_file',
			'asset_role',
			'asset_file',
			'asset_role',
			'asset_file',
			'asset_role',
		]);
		expect(form[0].data.toString()).toBe(PROJECT_ID);
		expect(form.filter((p) => p.name === 'asset_role').map((p) => p.data.toString())).toEqual([
			'primary_angle',
			'secondary_angle',
			'mask',
		]);
		const files = form.filter((p) => p.name === 'asset_file');
		expect(files.map((f) => [f.filename, f.contentType, f.data.toString('latin1')])).toEqual([
			['room.jpg', 'image/jpeg', 'jpeg bytes'],
			['porch.png', 'image/png', '\x89PNG\r\n\x1a\npng from url'],
			['mask.png', 'image/png', 'mask bytes'],
		]);
		expect(item.json).toMatchObject({ order_id: ORDER_ID, assets: [{}, {}, {}] });
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('needs exactly one primary photo', async () => {
		await expect(
			run(
				{
					resource: 'order',
					operation: 'create',
					images: { image: [{ source: 'binary', binaryPropertyName: 'data', role: 'mask' }] },
				},
				{ data: photo('x') },
			),
		).rejects.toThrow(/exactly one photo with the role Primary Angle, got 0/);
		expect(http.calls).toHaveLength(0);
	});

	it('refuses a binary field that is not an image', async () => {
		await expect(
			run(
				{
					resource: 'order',
					operation: 'create',
					images: {
						image: [{ source: 'binary', binaryPropertyName: 'data', role: 'primary_angle' }],
					},
				},
				{ data: photo('%PDF', 'application/pdf', 'listing.pdf') },
			),
		).rejects.toThrow(/is application\/pdf, not an image/);
	});

	it('is never sent twice when the upload gets no answer', async () => {
		http.on(/^POST \/order$/, { networkError: 'ECONNRESET' });
		const fresh = new FakeHttp();
		fresh.on(/^POST \/order$/, { networkError: 'ECONNRESET' });
		http = fresh;
		await expect(
			run(
				{
					resource: 'order',
					operation: 'create',
					images: {
						image: [{ source: 'binary', binaryPropertyName: 'data', role: 'primary_angle' }],
					},
				},
				{ data: photo('x') },
			),
		).rejects.toThrow(/Could not reach AI HomeDesign/);
		expect(fresh.callsTo(/^POST/)).toHaveLength(1);
	});
});

describe('Order → Append Image', () => {
	it('sends the mask to the order without a project id', async () => {
		await run(
			{
				resource: 'order',
				operation: 'append',
				orderId: ORDER_ID,
				images: { image: [{ source: 'binary', binaryPropertyName: 'mask', role: 'mask' }] },
			},
			{ mask: photo('mask', 'image/png', 'mask.png') },
		);
		const [post] = http.callsTo(/append$/);
		expect(post.path).toBe(`/order/${ORDER_ID}/append`);
		expect(parts(post).map((p) => [p.name, p.filename ?? p.data.toString()])).toEqual([
			['asset_file', 'mask.png'],
			['asset_role', 'mask'],
		]);
	});
});
