import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { AiHomeDesign } from '../../../../../nodes/AiHomeDesign/AiHomeDesign.node';
import { boundaryOf, parseMultipart } from '../../../../simulator/multipart';
import { executeContext } from '../../../../support/n8n-context/execute';
import { FakeHttp } from '../../../../support/http/fake-http';
import { FakeProcesses, newId } from '../../../../support/http/fake-processes';
import { useVirtualClock, type VirtualClock } from '../../../../support/time/package-clock';

let time: VirtualClock;
let http: FakeHttp;
let platform: FakeProcesses;

beforeEach(() => {
	time = useVirtualClock();
	http = new FakeHttp(time.now);
	platform = new FakeProcesses(http, time.now);
	http.on(/^POST \/order$/, (call) => {
		const files = parseMultipart(
			call.body as Buffer,
			boundaryOf(String(call.headers['content-type']))!,
		).filter((p) => p.name === 'asset_file');
		return {
			status: 201,
			body: { data: { order_id: newId(), assets: files.map(() => ({ id: newId() })) } },
		};
	});
	http.on(/^GET .*\.jpg$/, (call) => ({
		body: Buffer.from(`staged ${call.path}`),
		headers: { 'content-type': 'image/jpeg' },
	}));
});
afterEach(() => jest.restoreAllMocks());

const params: IDataObject = {
	resource: 'process',
	operation: 'runTool',
	inputBinaryField: 'data',
	tool: 'tool-virtual-staging',
	space: 'bedroom',
	style: 'scandinavian',
	waitOptions: {},
	resultFiles: 'full',
	binaryPropertyName: 'data',
	options: {},
};

function photos(count: number): INodeExecutionData[] {
	return Array.from({ length: count }, (_, i) => ({
		json: { listing: i },
		binary: {
			data: {
				data: Buffer.from(`photo ${i}`).toString('base64'),
				mimeType: 'image/jpeg',
				fileName: `room-${i}.jpg`,
			},
		},
	}));
}

async function run(items: INodeExecutionData[], extra: IDataObject = {}, continueOnFail = false) {
	const context = executeContext({ http, params: { ...params, ...extra }, items, continueOnFail });
	const [output] = await new AiHomeDesign().execute.call(context);
	return output;
}

it('uploads the photo, runs the tool on its asset, waits, and outputs the staged image as binary', async () => {
	const [item] = await run(photos(1));
	const [post] = http.callsTo(/^POST \/process$/);
	const order = http.callsTo(/^POST \/order$/)[0];
	const uploaded = parseMultipart(
		order.body as Buffer,
		boundaryOf(String(order.headers['content-type']))!,
	);
	expect(uploaded.find((p) => p.name === 'asset_file')!.data.toString()).toBe('photo 0');
	expect(post.body).toMatchObject({
		tool: 'tool-virtual-staging',
		asset_map: { 'tool-virtual-staging-input-image': expect.any(String) },
	});
	expect(item.json).toMatchObject({ status: 'done', tool: 'tool-virtual-staging' });
	expect(item.binary!.data).toMatchObject({
		mimeType: 'image/jpeg',
		fileName: `virtual-staging-${item.json.process_id}-1.jpg`,
	});
	expect(Buffer.from(item.binary!.data.data, 'base64').toString()).toBe(
		`staged /${item.json.process_id}.jpg`,
	);
});

it('sends the mask with the mask role and maps it to the mask slot', async () => {
	const items = photos(1);
	items[0].binary!.mask = {
		data: Buffer.from('mask').toString('base64'),
		mimeType: 'image/png',
		fileName: 'mask.png',
	};
	await run(items, { tool: 'tool-item-removal-mask', secondBinaryField: 'mask' });
	const order = http.callsTo(/^POST \/order$/)[0];
	const roles = parseMultipart(
		order.body as Buffer,
		boundaryOf(String(order.headers['content-type']))!,
	).filter((p) => p.name === 'asset_role');
	expect(roles.map((r) => r.data.toString())).toEqual(['primary_angle', 'mask']);
	const { asset_map } = http.callsTo(/^POST \/process$/)[0].body as {
		asset_map: Record<string, string>;
	};
	expect(Object.keys(asset_map)).toEqual([
		'tool-item-removal-mask-input-image',
		'tool-item-removal-mask-input-mask',
	]);
	expect(new Set(Object.values(asset_map)).size).toBe(2);
});

it('runs 12 photos within the 10-per-10-minutes limit: the last two queue, and their items say so', async () => {
	platform.generationLimit = true;
	platform.durations = [60_000];
	const output = await run(photos(12));
	expect(output).toHaveLength(12);
	expect(output.every((item) => item.json.status === 'done' && item.binary?.data)).toBe(true);
	expect(output.map((item) => item.pairedItem)).toEqual(
		Array.from({ length: 12 }, (_, item) => ({ item })),
	);
	expect(http.callsTo(/^POST \/process$/).length - platform.rateLimited).toBe(12); // each created once
	expect(output.slice(0, 10).every((item) => item.json.queued_seconds === undefined)).toBe(true);
	expect(output[10].json.queued_seconds).toBeGreaterThanOrEqual(600);
	expect(time.elapsed()).toBeLessThan(600_000 + 2 * 60_000 + 60_000);
	expect(platform.tooFastPolls).toBe(0);
});

it('with the queue off, an item over the limit fails with the rate-limit advice and the others still finish', async () => {
	platform.generationLimit = true;
	const output = await run(photos(11), { options: { rateLimitQueueMinutes: 0 } }, true);
	expect(output.slice(0, 10).every((item) => item.json.status === 'done')).toBe(true);
	expect(output[10].json.error).toMatch(/rate limit/);
	expect(output[10].pairedItem).toEqual({ item: 10 });
});

it('takes the photo from a URL, as an AI agent passes it from a chat', async () => {
	http.on(/^GET .*\/listing\/bedroom\.webp$/, {
		body: Buffer.from('RIFF\0\0\0\0WEBPwebp photo', 'latin1'),
		headers: { 'content-type': 'image/webp' },
	});
	const [item] = await run([{ json: {} }], {
		inputSource: 'url',
		imageUrl: 'https://photos.example.test/listing/bedroom.webp',
	});
	const order = http.callsTo(/^POST \/order$/)[0];
	const file = parseMultipart(
		order.body as Buffer,
		boundaryOf(String(order.headers['content-type']))!,
	).find((p) => p.name === 'asset_file')!;
	expect([file.filename, file.contentType, file.data.toString()]).toEqual([
		'bedroom.webp',
		'image/webp',
		'RIFF\0\0\0\0WEBPwebp photo',
	]);
	expect(http.callsTo(/bedroom\.webp$/)[0].authenticated).toBe(false);
	expect(item.binary!.data.mimeType).toBe('image/jpeg');
});

describe('as an AI Agent tool, with the values a model gives', () => {
	const agent: IDataObject = {
		inputSource: 'url',
		imageUrl: 'https://photos.example.test/listing/bedroom.png',
		resultFiles: 'none',
	};
	beforeEach(() => {
		http.on(/^GET .*\/listing\/.*\.png$/, {
			body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]),
			headers: { 'content-type': 'image/png' },
		});
	});

	it('takes the tool and its settings in words, and outputs the result URLs without files', async () => {
		const [item] = await run([{ json: {} }], {
			...agent,
			tool: 'Virtual Staging',
			space: 'Living Room',
			style: 'Scandinavian',
			// Left by the model for another tool: not sent.
			darknessFactor: 'Darker',
		});
		const post = http.callsTo(/^POST \/process$/)[0].body as IDataObject;
		expect(post.tool).toBe('tool-virtual-staging');
		expect(post.widgets).toEqual([
			{
				slug: 'widget-space-tool-virtual-staging',
				item_slugs: ['item-living-room-widget-space-tool-virtual-staging'],
			},
			{
				slug: 'widget-style-tool-virtual-staging',
				item_slugs: ['item-scandinavian-widget-style-tool-virtual-staging'],
			},
		]);
		expect(item.binary).toBeUndefined();
		expect(item.json.final_assets).toEqual([
			expect.objectContaining({ src: expect.stringMatching(/^https:\/\//) }),
		]);
		expect(http.callsTo(/\.jpg$/)).toHaveLength(0);
	});

	it('takes the mask from a second URL', async () => {
		await run([{ json: {} }], {
			...agent,
			tool: 'tool-item-removal-mask',
			secondImageUrl: 'https://photos.example.test/listing/bedroom-mask.png',
		});
		expect(http.callsTo(/bedroom-mask\.png$/)).toHaveLength(1);
		const order = http.callsTo(/^POST \/order$/)[0];
		const roles = parseMultipart(
			order.body as Buffer,
			boundaryOf(String(order.headers['content-type']))!,
		)
			.filter((p) => p.name === 'asset_role')
			.map((p) => p.data.toString());
		expect(roles).toEqual(['primary_angle', 'mask']);
	});

	it('refuses a tool name it does not know before uploading anything', async () => {
		await expect(run([{ json: {} }], { ...agent, tool: 'Make It Pretty' })).rejects.toThrow(
			'"Make It Pretty" is not an AI HomeDesign tool',
		);
		expect(http.calls).toHaveLength(0);
	});
});
