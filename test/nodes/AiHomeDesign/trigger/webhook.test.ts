import type { IDataObject } from 'n8n-workflow';

import {
	ASSET_ID,
	completedBody,
	ORDER_ID,
	PROCESS_ID,
	type TriggerSetup,
} from '../../../support/trigger';
import { useVirtualClock } from '../../../support/time/package-clock';
import { deliver, restartN8n } from './n8nProcess';

beforeEach(() => {
	restartN8n();
	useVirtualClock(Date.UTC(2026, 10, 26, 12, 0, 0));
});
afterEach(() => jest.restoreAllMocks());

const send = async (setup: TriggerSetup, body: IDataObject = completedBody()) =>
	await deliver(setup, { body });

describe('an accepted delivery', () => {
	it('starts the workflow with one item carrying the process and its results, and answers { received: true }', async () => {
		const outcome = await send({});
		expect(outcome.result.noWebhookResponse).toBeUndefined();
		expect(outcome.status).toBe(200);
		expect(outcome.body).toEqual({ received: true });
		expect(outcome.items).toEqual([
			{
				event: 'process.completed',
				process_id: PROCESS_ID,
				order_id: ORDER_ID,
				tool: 'tool-virtual-staging',
				status: 'done',
				final_assets: [
					{
						asset_id: ASSET_ID,
						asset_type: 'image',
						src: 'https://cdn.aihomedesign.com/result.jpg',
						thumbnail: 'https://cdn.aihomedesign.com/result_thumb.jpg',
					},
				],
				received_at: '2026-11-26T12:00:00.000Z',
				verified: false,
			},
		]);
	});

	it('prefers the permanent URL over the temporary one, like the action node', async () => {
		const body = completedBody({
			final_assets: [
				{
					asset_id: ASSET_ID,
					asset_type: 'image',
					src: 'https://cdn.aihomedesign.com/kept.jpg',
					temp_src: 'https://cdn.aihomedesign.com/temp.jpg',
					thumbnail_src: 'https://cdn.aihomedesign.com/kept_thumb.jpg',
				},
			],
		});
		const [item] = (await send({}, body)).items!;
		expect(item.final_assets).toEqual([
			{
				asset_id: ASSET_ID,
				asset_type: 'image',
				src: 'https://cdn.aihomedesign.com/kept.jpg',
				thumbnail: 'https://cdn.aihomedesign.com/kept_thumb.jpg',
			},
		]);
	});

	it('passes a failed process on with no results', async () => {
		const outcome = await send({}, completedBody({ status: 'failed', final_assets: [] }));
		expect(outcome.items).toEqual([
			expect.objectContaining({ status: 'failed', final_assets: [] }),
		]);
	});
});

describe('One Item per Result Image', () => {
	const twoImages = completedBody({
		final_assets: [
			{ asset_id: ASSET_ID, asset_type: 'image', temp_src: 'https://cdn.aihomedesign.com/1.jpg' },
			{
				asset_id: '69a6cc22a374700bff4a1401',
				asset_type: 'image',
				temp_src: 'https://cdn.aihomedesign.com/2.jpg',
				temp_thumbnail_src: 'https://cdn.aihomedesign.com/2_t.jpg',
			},
		],
	});

	it('emits one item per image, each with the process fields', async () => {
		const outcome = await send({ params: { options: { itemPerImage: true } } }, twoImages);
		expect(outcome.items).toEqual([
			{
				event: 'process.completed',
				process_id: PROCESS_ID,
				order_id: ORDER_ID,
				tool: 'tool-virtual-staging',
				status: 'done',
				asset_index: 0,
				asset_count: 2,
				asset_id: ASSET_ID,
				asset_type: 'image',
				src: 'https://cdn.aihomedesign.com/1.jpg',
				thumbnail: null,
				received_at: '2026-11-26T12:00:00.000Z',
				verified: false,
			},
			{
				event: 'process.completed',
				process_id: PROCESS_ID,
				order_id: ORDER_ID,
				tool: 'tool-virtual-staging',
				status: 'done',
				asset_index: 1,
				asset_count: 2,
				asset_id: '69a6cc22a374700bff4a1401',
				asset_type: 'image',
				src: 'https://cdn.aihomedesign.com/2.jpg',
				thumbnail: 'https://cdn.aihomedesign.com/2_t.jpg',
				received_at: '2026-11-26T12:00:00.000Z',
				verified: false,
			},
		]);
	});

	it('still emits one item, without image fields, for a failed process', async () => {
		const outcome = await send(
			{ params: { options: { itemPerImage: true } } },
			completedBody({ status: 'failed', final_assets: [] }),
		);
		expect(outcome.items).toEqual([
			expect.objectContaining({
				status: 'failed',
				asset_index: null,
				asset_count: 0,
				asset_id: null,
				src: null,
				thumbnail: null,
			}),
		]);
	});
});

describe('filters', () => {
	const done = completedBody();
	const failed = completedBody({
		process_id: '69a6bb11a374700bff4a1334',
		status: 'failed',
		final_assets: [],
	});
	const dusk = completedBody({ process_id: '69a6bb11a374700bff4a1335', tool: 'tool-day-to-dusk' });

	it.each([
		['both', done, true],
		['both', failed, true],
		['done', done, true],
		['done', failed, false],
		['failed', done, false],
		['failed', failed, true],
	] as const)(
		'status filter %s: %o starts the workflow: %s',
		async (statusFilter, body, starts) => {
			const outcome = await send({ params: { statusFilter } }, body);
			expect(outcome.status).toBe(200);
			expect(outcome.result.noWebhookResponse).toBeUndefined();
			if (starts) {
				expect(outcome.items).toHaveLength(1);
			} else {
				expect(outcome.result.workflowData).toBeUndefined();
				expect(outcome.body).toEqual({
					received: true,
					started: false,
					reason: expect.stringContaining('status'),
				});
			}
		},
	);

	it('any tool: every tool starts the workflow', async () => {
		expect(
			(await send({ params: { toolFilter: 'any', tools: ['tool-day-to-dusk'] } }, done)).items,
		).toHaveLength(1);
	});

	it('chosen tools: only those start the workflow, the others get 200 and start nothing', async () => {
		const setup = {
			params: { toolFilter: 'list', tools: ['tool-day-to-dusk', 'tool-item-removal'] },
		};
		expect((await send(setup, dusk)).items).toHaveLength(1);
		const other = await send(setup, done);
		expect(other.status).toBe(200);
		expect(other.result.workflowData).toBeUndefined();
		expect(other.body).toEqual({
			received: true,
			started: false,
			reason: 'tool "tool-virtual-staging" is filtered out',
		});
	});

	it('chosen tools given as an expression (comma-separated text) work too', async () => {
		const setup = { params: { toolFilter: 'list', tools: 'tool-item-removal, tool-day-to-dusk' } };
		expect((await send(setup, dusk)).items).toHaveLength(1);
		expect((await send(setup, done)).result.workflowData).toBeUndefined();
	});

	it('status and tool filters combine', async () => {
		const setup = {
			params: { statusFilter: 'failed', toolFilter: 'list', tools: ['tool-day-to-dusk'] },
		};
		expect((await send(setup, dusk)).result.workflowData).toBeUndefined();
		const failedDusk = completedBody({
			process_id: '69a6bb11a374700bff4a1336',
			tool: 'tool-day-to-dusk',
			status: 'failed',
			final_assets: [],
		});
		expect((await send(setup, failedDusk)).items).toHaveLength(1);
	});

	it('a filtered-out delivery is not remembered: once the filter allows it, it starts the workflow', async () => {
		const first = await send({ params: { statusFilter: 'failed' } }, done);
		expect(first.result.workflowData).toBeUndefined();
		expect((await send({ params: { statusFilter: 'done' } }, done)).items).toHaveLength(1);
	});
});

describe('secret', () => {
	const withSecret = { params: { secret: 'open-sesame-test-value' } };

	it('right secret in ?secret= → starts the workflow', async () => {
		const outcome = await deliver(withSecret, {
			body: completedBody(),
			query: { secret: 'open-sesame-test-value' },
		});
		expect(outcome.items).toHaveLength(1);
	});

	it.each([
		['wrong', { secret: 'open-sesame-test-valuf' }],
		['a prefix of it', { secret: 'open-sesame' }],
		['longer', { secret: 'open-sesame-test-value!' }],
		['given twice', { secret: ['open-sesame-test-value', 'open-sesame-test-value'] }],
		['missing', {}],
		['empty', { secret: '' }],
	])(
		'%s secret → the answer n8n gives for a URL with no webhook, starts nothing',
		async (_what, query) => {
			const outcome = await deliver(withSecret, {
				body: completedBody(),
				query: query as IDataObject,
			});
			expect(outcome.status).toBe(404);
			expect(outcome.result.workflowData).toBeUndefined();
			expect(outcome.body).toMatchObject({
				code: 404,
				message: expect.stringContaining('is not registered'),
			});
			expect(JSON.stringify(outcome.body)).not.toMatch(/secret|open-sesame/i);
		},
	);

	it('a wrong and a missing secret get exactly the same answer', async () => {
		const wrong = await deliver(withSecret, { body: completedBody(), query: { secret: 'x' } });
		const missing = await deliver(withSecret, { body: completedBody(), query: {} });
		expect([wrong.status, wrong.body]).toEqual([missing.status, missing.body]);
	});

	it('the secret is trimmed: one pasted with a space or a newline still matches', async () => {
		const outcome = await deliver(
			{ params: { secret: ' open-sesame-test-value\n' } },
			{ body: completedBody(), query: { secret: 'open-sesame-test-value' } },
		);
		expect(outcome.items).toHaveLength(1);
	});

	it('is checked before the body: a forged malformed delivery learns nothing about the shape', async () => {
		const outcome = await deliver(withSecret, { raw: 'nonsense', query: {} });
		expect(outcome.status).toBe(404);
	});

	it('without a secret configured, any ?secret= is ignored', async () => {
		const outcome = await deliver({}, { body: completedBody(), query: { secret: 'whatever' } });
		expect(outcome.items).toHaveLength(1);
	});

	it('the URL registered with the secret is never part of the output', async () => {
		const outcome = await deliver(withSecret, {
			body: completedBody(),
			query: { secret: 'open-sesame-test-value' },
		});
		expect(JSON.stringify(outcome.items)).not.toContain('open-sesame');
	});
});

it('received_at is the time of arrival', async () => {
	jest.restoreAllMocks();
	useVirtualClock(Date.UTC(2027, 0, 2, 3, 4, 5, 678));
	expect((await send({})).items?.[0].received_at).toBe('2027-01-02T03:04:05.678Z');
});
