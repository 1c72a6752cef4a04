import { looksLikeJpeg, type SimResponse } from './platform';
import {
	bodyOf,
	createOrder,
	dataOf,
	request,
	startStaging,
	testPlatform as setup,
	TEST_FILES_BASE as BASE,
	type ErrorBody,
} from './requests';
import { minimalWidgets, SIM_TOOLS, stagingBody } from './tools';

const OBJECT_ID = expect.stringMatching(/^[a-f0-9]{24}$/);
const errorOf = (res: SimResponse) => bodyOf(res) as ErrorBody;

interface ProcessAnswer {
	id: string;
	status: string;
	tool: string;
	order_id: string;
	final_assets: Array<Record<string, string>>;
	process_group_id?: string;
}
interface CreateAnswer {
	process_ids: string[];
	process_group_id?: string;
}

describe('processes', () => {
	it('moves pending → processing → done with the clock and serves the result images', () => {
		const { platform, clock } = setup({ processDurationMs: 10000, resultImageBytes: 5000 });
		const { processId, order } = startStaging(platform);
		const poll = () =>
			dataOf<ProcessAnswer>(platform.handle(request('GET', `/v3/process/${processId}`)));
		expect(poll()).toMatchObject({
			id: processId,
			status: 'pending',
			final_assets: [],
			tool: 'tool-virtual-staging',
			order_id: order.order_id,
		});
		clock.advance(1999);
		expect(poll().status).toBe('pending');
		clock.advance(1);
		expect(poll().status).toBe('processing');
		clock.advance(7999);
		expect(poll().status).toBe('processing');
		clock.advance(1);
		const done = poll();
		expect(done.status).toBe('done');
		expect(done.final_assets).toHaveLength(1);
		const asset = done.final_assets[0];
		expect(asset).toEqual({
			asset_id: OBJECT_ID,
			asset_type: 'image',
			src: `${BASE}/files/${asset.asset_id}.jpg`,
			temp_src: `${BASE}/files/${asset.asset_id}.jpg`,
			thumbnail_src: `${BASE}/files/${asset.asset_id}_thumb.jpg`,
			temp_thumbnail_src: `${BASE}/files/${asset.asset_id}_thumb.jpg`,
		});
		const image = platform.handle(request('GET', `/files/${asset.asset_id}.jpg`, { key: null }));
		expect(image.status).toBe(200);
		expect(image.headers['content-type']).toBe('image/jpeg');
		expect((image.body as Buffer).length).toBe(5000);
		expect(looksLikeJpeg(image.body as Buffer)).toBe(true);
		const thumb = platform.handle(
			request('GET', `/files/${asset.asset_id}_thumb.jpg`, { key: null }),
		);
		expect(looksLikeJpeg(thumb.body as Buffer)).toBe(true);
		// the order lists its process
		const got = dataOf<{ processes: unknown[] }>(
			platform.handle(request('GET', `/v3/order/${order.order_id}`)),
		);
		expect(got.processes).toEqual([expect.objectContaining({ id: processId, status: 'done' })]);
		expect(platform.processes()[0]).toMatchObject({
			id: processId,
			status: 'done',
			terminalAt: clock.now(),
		});
	});

	it('answers 404 for an unknown file', () => {
		const { platform } = setup();
		expect(
			platform.handle(request('GET', `/files/${'0'.repeat(24)}.jpg`, { key: null })).status,
		).toBe(404);
	});

	it('supports failed and never outcomes and per-process durations', () => {
		const outcomes = ['done', 'failed', 'never'] as const;
		const { platform, clock } = setup({
			outcome: ({ index }) => outcomes[index],
			processDurationMs: ({ index }) => (index + 1) * 1000,
		});
		const ids = [0, 1, 2].map(() => startStaging(platform).processId);
		clock.advance(3600 * 1000);
		const statuses = ids.map((id) =>
			dataOf<ProcessAnswer>(platform.handle(request('GET', `/v3/process/${id}`))),
		);
		expect(statuses.map((s) => s.status)).toEqual(['done', 'failed', 'processing']);
		expect(statuses[1].final_assets).toEqual([]);
		expect(platform.processes().map((p) => p.durationMs)).toEqual([1000, 2000, 3000]);
	});

	it('answers 404 for an unknown process', () => {
		const { platform } = setup();
		const res = platform.handle(request('GET', `/v3/process/${'1'.repeat(24)}`));
		expect(res.status).toBe(404);
		expect(errorOf(res).key).toBe('api_error_not_found');
	});

	// The docs only advise 5 s between polls (review D5): by default a quick second poll is answered.
	it('answers polls of the same process at any pace by default, and logs each', () => {
		const { platform, clock } = setup();
		const { processId } = startStaging(platform);
		const poll = () => platform.handle(request('GET', `/v3/process/${processId}`)).status;
		expect([poll(), poll()]).toEqual([200, 200]);
		clock.advance(1000);
		expect(poll()).toBe(200);
		expect(platform.processes()[0].pollTimes).toHaveLength(3);
	});

	// Was the default; now behind pollMinIntervalMs, since the docs document no 429 for it (D5).
	it('with pollMinIntervalMs, refuses polls sooner than that after the last accepted one (429)', () => {
		const { platform, clock } = setup({ pollMinIntervalMs: 5000 });
		const { processId } = startStaging(platform);
		const poll = () => platform.handle(request('GET', `/v3/process/${processId}`)).status;
		expect(poll()).toBe(200);
		clock.advance(4999);
		expect(poll()).toBe(429);
		clock.advance(1);
		expect(poll()).toBe(200);
		clock.advance(2000);
		expect(poll()).toBe(429);
		clock.advance(3000);
		expect(poll()).toBe(200);
		const view = platform.processes()[0];
		expect(view.pollTimes).toHaveLength(5);
		expect(view.acceptedPollTimes).toHaveLength(3);
		// the rule is per process: another process may be polled at once
		const other = startStaging(platform).processId;
		expect(platform.handle(request('GET', `/v3/process/${other}`)).status).toBe(200);
	});

	it('limits generations to 10 per 10 minutes', () => {
		const { platform, clock } = setup();
		const order = createOrder(platform);
		const create = () =>
			platform.handle(
				request('POST', '/v3/process', { body: stagingBody(order.order_id, order.assets[0].id) }),
			);
		for (let i = 0; i < 10; i++) {
			expect(create().status).toBe(201);
			clock.advance(1000);
		}
		const refused = create();
		expect(refused.status).toBe(429);
		expect(bodyOf(refused)).toEqual({
			error: 'rate-limit exceeded, 10 generates per 10 minutes only',
		});
		expect(platform.processes()).toHaveLength(10);
		clock.advance(600000 - 10000); // the first generation leaves the window
		expect(create().status).toBe(201);
		expect(create().status).toBe(429);
	});

	it('takes a custom or no generation limit', () => {
		const custom = setup({ generationLimit: { max: 2, windowMs: 60000 } });
		const order = createOrder(custom.platform);
		const body = { body: stagingBody(order.order_id, order.assets[0].id) };
		expect(
			[1, 2, 3].map(() => custom.platform.handle(request('POST', '/v3/process', body)).status),
		).toEqual([201, 201, 429]);
		const unlimited = setup({ generationLimit: false });
		const o2 = createOrder(unlimited.platform);
		for (let i = 0; i < 25; i++) {
			expect(
				unlimited.platform.handle(
					request('POST', '/v3/process', { body: stagingBody(o2.order_id, o2.assets[0].id) }),
				).status,
			).toBe(201);
		}
	});

	// Was "a body the shared schema rejects", which also refused an omitted `widgets` (review D1).
	it('answers 400 for a body that is not the documented shape or not JSON', () => {
		const { platform } = setup();
		const order = createOrder(platform);
		const body = stagingBody(order.order_id, order.assets[0].id);
		for (const wrong of [
			{ ...body, order_id: 'nope' },
			{ ...body, tool: '' },
			{ ...body, asset_map: [] },
			{ ...body, asset_map: { 'tool-virtual-staging-input-image': 'x' } },
			{ ...body, widgets: {} },
			{ ...body, widgets: null },
			{ ...body, widgets: [{ slug: 'widget-space-tool-virtual-staging' }] },
			{ ...body, process_group_id: 42 },
		]) {
			const res = platform.handle(request('POST', '/v3/process', { body: wrong }));
			expect([res.status, errorOf(res).key]).toEqual([400, 'api_error_bad_request']);
		}
		const text = request('POST', '/v3/process', {
			body: Buffer.from('{oops'),
			headers: { 'content-type': 'application/json' },
		});
		expect(platform.handle(text).status).toBe(400);
		expect(platform.processes()).toHaveLength(0);
	});

	// Was 403 for a catalog-inactive tool: nothing documents that 403; the MCP saw a raw 500 (D14).
	it('answers the raw 500 "tool not found" for an unknown or disabled tool, 404 for an unknown order', () => {
		const { platform } = setup({ inactiveTools: ['tool-darkness'] });
		const order = createOrder(platform, ['primary_angle', 'secondary_angle']);
		const body = stagingBody(order.order_id, order.assets[0].id);
		const unknown = platform.handle(
			request('POST', '/v3/process', { body: { ...body, tool: 'tool-teleport' } }),
		);
		expect([unknown.status, unknown.body]).toEqual([500, 'tool repository: tool not found']);
		const disabled = platform.handle(
			request('POST', '/v3/process', {
				body: {
					order_id: order.order_id,
					tool: 'tool-darkness',
					asset_map: {
						'tool-darkness-input-image-before': order.assets[0].id,
						'tool-darkness-input-image-after': order.assets[1].id,
					},
					widgets: minimalWidgets('tool-darkness'),
				},
			}),
		);
		expect([disabled.status, disabled.body]).toEqual([500, 'tool repository: tool not found']);
		const noOrder = platform.handle(
			request('POST', '/v3/process', { body: { ...body, order_id: 'b'.repeat(24) } }),
		);
		expect(noOrder.status).toBe(404);
		expect(platform.processes()).toHaveLength(0);
	});

	describe('422 when the asset map, widgets or group do not fit the tool', () => {
		const { platform } = setup({ generationLimit: false });
		const order = createOrder(platform, ['primary_angle', 'mask']);
		const other = createOrder(platform);
		const [photo, mask] = order.assets.map((a) => a.id);
		const base = stagingBody(order.order_id, photo);
		const space = base.widgets[0];
		const style = base.widgets[1];
		const aProcessId = dataOf<CreateAnswer>(
			platform.handle(request('POST', '/v3/process', { body: base })),
		).process_ids[0];
		const maskBody = {
			order_id: order.order_id,
			tool: 'tool-item-removal-mask',
			asset_map: {
				'tool-item-removal-mask-input-image': photo,
				'tool-item-removal-mask-input-mask': mask,
			},
		};
		const renovation = (tool: string, room: string) => ({
			order_id: order.order_id,
			tool,
			asset_map: { [`${tool}-input-image`]: photo },
			widgets: [
				{ slug: `widget-space-${tool}`, item_slugs: [`item-${room}-widget-space-${tool}`] },
			],
		});
		const cases: Array<[string, object]> = [
			[
				'a slot of another tool',
				{ ...base, asset_map: { 'tool-item-removal-input-image': photo } },
			],
			['a missing slot', { ...base, asset_map: {} }],
			[
				'an asset of another order',
				{ ...base, asset_map: { 'tool-virtual-staging-input-image': other.assets[0].id } },
			],
			[
				'an unknown widget',
				{
					...base,
					widgets: [...base.widgets, { slug: 'widget-mood-tool-virtual-staging', item_slugs: [] }],
				},
			],
			[
				'an item of another widget',
				{
					...base,
					widgets: [
						space,
						{ ...style, item_slugs: ['item-kitchen-widget-space-tool-virtual-staging'] },
					],
				},
			],
			[
				'an unknown style value',
				{
					...base,
					widgets: [
						space,
						{ ...style, item_slugs: ['item-baroque-widget-style-tool-virtual-staging'] },
					],
				},
			],
			[
				'two items on a single-select widget',
				{
					...base,
					widgets: [
						space,
						{
							...style,
							item_slugs: [style.item_slugs[0], 'item-prime-widget-style-tool-virtual-staging'],
						},
					],
				},
			],
			['a missing required widget', { ...base, widgets: [space] }],
			['no widgets at all for a tool that needs them', { ...base, widgets: undefined }],
			[
				'a required widget without item',
				{ ...base, widgets: [space, { ...style, item_slugs: [] }] },
			],
			['the same widget twice', { ...base, widgets: [space, style, style] }],
			['an unknown process_group_id', { ...maskBody, process_group_id: 'c'.repeat(24) }],
			['a process id as process_group_id', { ...maskBody, process_group_id: aProcessId }],
			['backsplash change in a bedroom', renovation('tool-backsplash-change', 'bedroom')],
			['ceiling change in a bathroom', renovation('tool-ceiling-change', 'bathroom')],
			['wall change outdoors', renovation('tool-wall-change', 'outdoor')],
			['furniture restyle without its style', renovation('tool-furniture-restyle', 'bedroom')],
			[
				'under construction without its space and style',
				{ ...renovation('tool-under-construction', 'kitchen'), widgets: [] },
			],
		];
		it.each(cases)('%s', (_name, body) => {
			const before = platform.processes().length;
			const res = platform.handle(request('POST', '/v3/process', { body }));
			expect(res.status).toBe(422);
			expect(errorOf(res).key).toBe('api_error_unprocessable');
			expect(platform.processes()).toHaveLength(before);
		});

		const ok = (body: object): CreateAnswer => {
			const res = platform.handle(request('POST', '/v3/process', { body }));
			expect([res.status, bodyOf(res)]).toEqual([201, expect.anything()]);
			const answer = dataOf<CreateAnswer>(res);
			expect(answer.process_ids).toEqual([OBJECT_ID]);
			return answer;
		};

		it('accepts what fits: open item values, multi-select, two-slot tools, every tool minimally', () => {
			ok({
				order_id: order.order_id,
				tool: 'tool-floor-change',
				asset_map: { 'tool-floor-change-input-image': photo },
				widgets: [
					...minimalWidgets('tool-floor-change'),
					{
						slug: 'widget-material-tool-floor-change',
						item_slugs: ['item-oak-parquet-widget-material-tool-floor-change'],
					},
				],
			});
			ok({
				order_id: order.order_id,
				tool: 'tool-image-enhancement',
				asset_map: { 'tool-image-enhancement-input-image': photo },
				widgets: [
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
				],
			});
			for (const factor of ['factor-darker', 'factor-lighter', 'factor-much-darker']) {
				ok({
					order_id: order.order_id,
					tool: 'tool-darkness',
					asset_map: {
						'tool-darkness-input-image-before': photo,
						'tool-darkness-input-image-after': mask,
					},
					widgets: [
						{
							slug: 'widget-darkness-factor-tool-darkness',
							item_slugs: [`item-${factor}-widget-darkness-factor-tool-darkness`],
						},
					],
				});
			}
			ok(renovation('tool-backsplash-change', 'kitchen'));
			ok(renovation('tool-ceiling-change', 'living-room'));
			for (const tool of SIM_TOOLS.filter((t) => t.inputs.length === 1)) {
				ok({
					order_id: order.order_id,
					tool: tool.slug,
					asset_map: { [tool.inputs[0]]: photo },
					widgets: minimalWidgets(tool.slug),
				});
			}
		});

		// Was: the mask process took an earlier *process* id as its group (review D2).
		it('groups: automatic removal answers a process_group_id; the mask refinement sends it back and joins it', () => {
			const staging = ok(base);
			expect(staging.process_group_id).toBeUndefined();
			// `widgets` omitted, as in the docs' own item-removal-mask example, or []: the same
			const auto = ok({
				order_id: order.order_id,
				tool: 'tool-item-removal',
				asset_map: { 'tool-item-removal-input-image': photo },
			});
			expect(auto.process_group_id).toEqual(OBJECT_ID);
			expect(auto.process_group_id).not.toBe(auto.process_ids[0]);
			const refined = ok({ ...maskBody, widgets: [], process_group_id: auto.process_group_id });
			expect(refined.process_group_id).toBe(auto.process_group_id);
			const alone = ok(maskBody);
			expect(alone.process_group_id).toEqual(OBJECT_ID);
			expect(alone.process_group_id).not.toBe(auto.process_group_id);
			const views = platform.processes();
			const groupOf = (id: string) => views.find((p) => p.id === id)?.process_group_id;
			expect(groupOf(refined.process_ids[0])).toBe(auto.process_group_id);
			expect(groupOf(auto.process_ids[0])).toBe(auto.process_group_id);
			const polled = dataOf<ProcessAnswer>(
				platform.handle(request('GET', `/v3/process/${refined.process_ids[0]}`)),
			);
			expect(polled.process_group_id).toBe(auto.process_group_id);
		});
	});

	it('adds width/height to image URLs on GET requests', () => {
		const { platform, clock } = setup({ processDurationMs: 0 });
		const { processId } = startStaging(platform);
		clock.advance(1);
		const data = dataOf<ProcessAnswer>(
			platform.handle(request('GET', `/v3/process/${processId}?width=300&height=200`)),
		);
		expect(data.final_assets[0].src).toMatch(/\.jpg\?width=300&height=200$/);
	});

	it('answers bare process bodies when envelope is off', () => {
		const { platform } = setup({ envelope: false });
		const { processId } = startStaging(platform);
		const body = bodyOf(platform.handle(request('GET', `/v3/process/${processId}`))) as Record<
			string,
			unknown
		>;
		expect(body.id).toBe(processId);
		expect(body.status).toBe('pending');
		expect('data' in body).toBe(false);
	});
});
