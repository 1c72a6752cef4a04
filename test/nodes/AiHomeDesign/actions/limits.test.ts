// Limits a user notices when a server misbehaves: Return All that never ends, photo URLs that are
// not photos (issue 13, items 8 and 14).
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { AiHomeDesign } from '../../../../nodes/AiHomeDesign/AiHomeDesign.node';
import { MAX_PROJECT_PAGES } from '../../../../nodes/AiHomeDesign/transport/endpoints/project';
import { boundaryOf, parseMultipart } from '../../../simulator/multipart';
import { executeContext } from '../../../support/n8n-context/execute';
import { FakeHttp, type FakeResponse } from '../../../support/http/fake-http';
import { useVirtualClock, type VirtualClock } from '../../../support/time/package-clock';

const ORDER_ID = '69a6aa03a374700bff4a1328';
const ASSET_ID = '6878b6882ecd619eab1f886c';
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);

let time: VirtualClock;
let http: FakeHttp;

beforeEach(() => {
	time = useVirtualClock();
	http = new FakeHttp(time.now);
	http.on(/^POST \/order$/, {
		status: 201,
		body: { order_id: ORDER_ID, assets: [{ id: ASSET_ID }] },
	});
});
afterEach(() => jest.restoreAllMocks());

async function run(params: IDataObject): Promise<INodeExecutionData[]> {
	const context = executeContext({ http, params, items: [{ json: {} }] });
	const [output] = await new AiHomeDesign().execute.call(context);
	return output;
}

async function failure(promise: Promise<unknown>): Promise<Error & { description?: string }> {
	try {
		await promise;
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected the run to fail');
}

const projectPage = (page: number) =>
	Array.from({ length: 30 }, (_, i) => ({
		id: (page * 100 + i).toString(16).padStart(24, '0'),
		address: `${page}-${i} Main St`,
	}));

describe('Project → Get Many with Return All', () => {
	const returnAll = { resource: 'project', operation: 'getAll', returnAll: true, filters: {} };

	it('stops when the server sends the same page again (it ignores the page number)', async () => {
		http.on(/^GET \/project$/, { body: { data: projectPage(1), message: 'ok' } });
		const items = await run(returnAll);
		expect(items).toHaveLength(30);
		expect(http.callsTo(/^GET \/project$/)).toHaveLength(2);
	}, 5000);

	it('stops at the page cap when the server never ends its list', async () => {
		http.on(/^GET \/project$/, (call) => ({
			body: { data: projectPage(Number((call.options.qs as IDataObject).page)), message: 'ok' },
		}));
		const items = await run(returnAll);
		expect(http.callsTo(/^GET \/project$/)).toHaveLength(MAX_PROJECT_PAGES);
		expect(items).toHaveLength(MAX_PROJECT_PAGES * 30);
	}, 5000);
});

describe('Order → Create from a photo URL', () => {
	const fromUrl = (url: string) => ({
		resource: 'order',
		operation: 'create',
		images: { image: [{ source: 'url', url, role: 'primary_angle' }] },
	});
	const answer = (response: FakeResponse) => http.on(/^GET .*\/photos\//, response);
	const uploaded = () => {
		const [post] = http.callsTo(/^POST \/order$/);
		return parseMultipart(
			post.body as Buffer,
			boundaryOf(String(post.headers['content-type']))!,
		).find((p) => p.name === 'asset_file')!;
	};

	it('a file larger than the platform takes (50 MB) is not uploaded', async () => {
		answer({
			body: Buffer.concat([JPEG, Buffer.alloc(51 * 1024 * 1024)]),
			headers: { 'content-type': 'image/jpeg' },
		});
		const error = await failure(run(fromUrl('https://img.example.test/photos/huge.jpg')));
		expect(error.message).toMatch(/larger than 50 MB/);
		expect(http.callsTo(/^POST \/order$/)).toHaveLength(0);
	});

	it('an HTML page that calls itself image/jpeg is not uploaded as a photo', async () => {
		answer({
			body: Buffer.from('<html>Please log in</html>'),
			headers: { 'content-type': 'image/jpeg' },
		});
		const error = await failure(run(fromUrl('https://img.example.test/photos/room.jpg')));
		expect(error.message).toMatch(/img\.example\.test is not a JPG, PNG, WEBP or RAW photo/);
		expect(http.callsTo(/^POST \/order$/)).toHaveLength(0);
	});

	it('an empty answer is not uploaded', async () => {
		answer({ body: Buffer.alloc(0), headers: { 'content-type': 'image/jpeg' } });
		const error = await failure(run(fromUrl('https://img.example.test/photos/room.jpg')));
		expect(error.message).toMatch(/sent an empty file/);
		expect(http.callsTo(/^POST \/order$/)).toHaveLength(0);
	});

	it('a name with a broken %-escape is kept as it is instead of failing', async () => {
		answer({ body: JPEG, headers: { 'content-type': 'image/jpeg' } });
		await run(fromUrl('https://img.example.test/photos/100%zz.jpg'));
		expect(uploaded().filename).toBe('100%zz.jpg');
	});

	it('only the last segment of the name is used, even when slashes hide in escapes', async () => {
		answer({ body: JPEG, headers: { 'content-type': 'image/png' } });
		await run(fromUrl('https://img.example.test/photos/..%2F..%2Fetc%2Fpasswd'));
		expect(uploaded().filename).toBe('passwd.jpg');
		expect(uploaded().contentType).toBe('image/jpeg');
	});

	it.each([
		[401, /API key|credential/],
		[403, /plan/],
		[429, /10 processes per 10 minutes|AI HomeDesign rate limit/],
	])(
		'a %i from the image host names the host, not the AI HomeDesign key, plan or rate limit',
		async (status, notThis) => {
			answer({ status, body: { error: 'no' } });
			const error = await failure(run(fromUrl('https://img.example.test/photos/room.jpg')));
			expect(error.message).toMatch(/image host img\.example\.test answered/);
			expect(`${error.message} ${error.description}`).not.toMatch(notThis);
			expect(http.callsTo(/^POST \/order$/)).toHaveLength(0);
		},
	);
});
