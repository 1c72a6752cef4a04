import {
	createOrderResponseSchema,
	createProcessResponseSchema,
	orderSchema,
	processCompletedSchema,
	processSchema,
	projectListSchema,
	projectSchema,
	toolCatalogSchema,
} from '../../nodes/AiHomeDesign/schemas';
import {
	FakeClock,
	looksLikeJpeg,
	Platform,
	type PlatformOptions,
	type SimResponse,
} from './platform';
import { bodyOf, createOrder, dataOf, request, uploadRequest, type ErrorBody } from './requests';
import { minimalWidgets, SIM_TOOLS, SIM_TOOLS_BY_SLUG, stagingBody } from './tools';

const BASE = 'http://sim.test';

function setup(options: Partial<PlatformOptions> = {}) {
	const clock = new FakeClock();
	const platform = new Platform({ apiKey: 'test-api-key', publicBaseUrl: BASE, clock, ...options });
	return { clock, platform };
}

function startStaging(platform: Platform) {
	const order = createOrder(platform);
	const res = platform.handle(
		request('POST', '/v3/process', { body: stagingBody(order.order_id, order.assets[0].id) }),
	);
	expect(res.status).toBe(201);
	const { process_ids } = createProcessResponseSchema.parse(dataOf(res));
	return { order, processId: process_ids[0] };
}

const errorOf = (res: SimResponse) => bodyOf(res) as ErrorBody;

describe('auth, catalog, routing', () => {
	it('answers 401 without or with a wrong x-api-key', () => {
		const { platform } = setup();
		for (const key of [null, 'wrong-key']) {
			const res = platform.handle(request('GET', '/v3/project?page=1&limit=1', { key }));
			expect(res.status).toBe(401);
			expect(bodyOf(res)).toEqual({ error: 'Unauthorized', key: 'api_error_unauthorized' });
		}
		expect(platform.handle(request('GET', '/v3/project?page=1&limit=1')).status).toBe(200);
	});

	it('serves the tool catalog without auth, with every documented tool and one inactive tool', () => {
		const { platform } = setup();
		const res = platform.handle(request('GET', '/api/tools', { key: null }));
		expect(res.status).toBe(200);
		const tools = toolCatalogSchema.parse((bodyOf(res) as { data: unknown }).data);
		expect(tools.map((t) => t.slug)).toEqual(SIM_TOOLS.map((t) => t.slug));
		expect(tools.filter((t) => t.isActive === false)).toHaveLength(1);
		for (const slug of [
			'tool-virtual-staging',
			'tool-virtual-restaging',
			'tool-interior-design',
			'tool-furniture-restyle',
			'tool-under-construction',
			'tool-item-removal',
			'tool-item-removal-mask',
			'tool-image-enhancement',
			'tool-day-to-dusk',
			'tool-darkness',
			'tool-wall-change',
			'tool-floor-change',
			'tool-ceiling-change',
			'tool-backsplash-change',
		]) {
			expect(tools.find((t) => t.slug === slug)?.isActive).toBe(true);
		}
	});

	it('follows the slug conventions in its tool table', () => {
		for (const tool of SIM_TOOLS) {
			for (const slot of tool.inputs) expect(slot.startsWith(`${tool.slug}-input-`)).toBe(true);
			for (const widget of tool.widgets) {
				expect(widget.slug).toBe(`widget-${widget.purpose}-${tool.slug}`);
				for (const item of widget.items)
					expect(item).toMatch(new RegExp(`^item-.+-${widget.slug}$`));
			}
		}
		expect(SIM_TOOLS_BY_SLUG['tool-darkness'].inputs).toEqual([
			'tool-darkness-input-image-before',
			'tool-darkness-input-image-after',
		]);
		expect(
			SIM_TOOLS_BY_SLUG['tool-image-enhancement'].widgets.map((w) => [
				w.purpose,
				w.select,
				w.required,
			]),
		).toEqual([
			['area', 'single', true],
			['enhancement-options', 'multi', false],
		]);
	});

	it('answers 404 with an error body for unknown routes', () => {
		const { platform } = setup();
		const res = platform.handle(request('GET', '/v3/nothing'));
		expect(res.status).toBe(404);
		expect(errorOf(res).key).toBe('api_error_not_found');
	});
});

describe('projects', () => {
	it('has a default project and lists with pagination', () => {
		const { platform, clock } = setup();
		const res = platform.handle(request('GET', '/v3/project?page=1&limit=1'));
		expect(res.status).toBe(200);
		const body = bodyOf(res) as { data: unknown; message: string; pagination: unknown };
		expect(body.message).toBe('ok');
		expect(projectListSchema.parse(body.data)[0]).toMatchObject({ default: true });
		expect(body.pagination).toEqual({ page: 1, limit: 1, total: 1, total_pages: 1 });

		for (const address of ['1 Oak Road, Austin', '2 Maple Street, Austin', '3 Pine Lane, Dallas']) {
			clock.advance(1000);
			const created = platform.handle(request('POST', '/v3/project', { body: { address } }));
			expect(created.status).toBe(201);
			expect(projectSchema.parse(dataOf(created))).toMatchObject({
				address,
				default: false,
				input_count: 0,
			});
		}
		const page = bodyOf(
			platform.handle(request('GET', '/v3/project?page=2&limit=3&sort=desc')),
		) as {
			data: Array<{ address: string }>;
			pagination: unknown;
		};
		expect(page.pagination).toEqual({ page: 2, limit: 3, total: 4, total_pages: 2 });
		expect(page.data.map((p) => p.address)).toEqual(['Default Project']);
		const search = dataOf<Array<{ address: string }>>(
			platform.handle(request('GET', '/v3/project?s=austin&sort=asc')),
		);
		expect(search.map((p) => p.address)).toEqual(['1 Oak Road, Austin', '2 Maple Street, Austin']);
	});

	it('gets a project by id, 404 for an unknown one, 400 for bad input', () => {
		const { platform } = setup();
		const id = dataOf<{ id: string }>(
			platform.handle(request('POST', '/v3/project', { body: { address: 'A' } })),
		).id;
		expect(dataOf<{ id: string }>(platform.handle(request('GET', `/v3/project/${id}`))).id).toBe(
			id,
		);
		expect(platform.handle(request('GET', `/v3/project/${'0'.repeat(24)}`)).status).toBe(404);
		expect(platform.handle(request('POST', '/v3/project', { body: { address: ' ' } })).status).toBe(
			400,
		);
		expect(platform.handle(request('GET', '/v3/project?limit=31')).status).toBe(400);
		expect(platform.handle(request('GET', '/v3/project?sort=sideways')).status).toBe(400);
		expect(platform.handle(request('GET', '/v3/project?limit=30')).status).toBe(200);
	});

	it('answers bare bodies when envelope is off', () => {
		const { platform } = setup({ envelope: false });
		const list = bodyOf(platform.handle(request('GET', '/v3/project')));
		expect(Array.isArray(list)).toBe(true);
		const created = bodyOf(
			platform.handle(request('POST', '/v3/project', { body: { address: 'B' } })),
		);
		expect(projectSchema.parse(created).address).toBe('B');
	});
});

describe('orders (multipart)', () => {
	it('pairs the n-th asset_role with the n-th file and keeps upload order', () => {
		const { platform } = setup();
		const res = platform.handle(
			uploadRequest('/v3/order', [
				{ role: 'secondary_angle', filename: 'b.png', contentType: 'image/png' },
				{ role: 'primary_angle', filename: 'a.jpg' },
				{ role: 'mask', filename: 'm.webp', contentType: 'application/octet-stream' },
			]),
		);
		expect(res.status).toBe(201);
		const data = createOrderResponseSchema.parse(dataOf(res));
		expect(data.assets.map((a) => a.role)).toEqual(['secondary_angle', 'primary_angle', 'mask']);
		expect(data.assets[0].src).toBe(`${BASE}/files/${data.assets[0].id}.png`);
		const stored = platform.orders()[0];
		expect(stored.assets.map((a) => a.filename)).toEqual(['b.png', 'a.jpg', 'm.webp']);
		expect(stored.project_id).toBe(platform.defaultProjectId);
		// the uploaded bytes come back from the file URL
		const file = platform.handle(request('GET', `/files/${data.assets[1].id}.jpg`, { key: null }));
		expect(file.status).toBe(200);
		expect(looksLikeJpeg(file.body as Buffer)).toBe(true);
	});

	it('defaults a missing role to primary_angle', () => {
		const { platform } = setup();
		const res = platform.handle(uploadRequest('/v3/order', [{}]));
		expect(res.status).toBe(201);
		expect(dataOf<{ assets: Array<{ role: string }> }>(res).assets[0].role).toBe('primary_angle');
	});

	it.each([
		['two primary angles', [{ role: 'primary_angle' }, {}]],
		['no primary angle', [{ role: 'mask' }]],
		['two secondary angles', [{}, { role: 'secondary_angle' }, { role: 'secondary_angle' }]],
		['an unknown role', [{ role: 'hero_shot' }]],
		['no file', []],
		['a text file', [{ filename: 'notes.txt', contentType: 'text/plain' }]],
		['an empty file', [{ data: Buffer.alloc(0) }]],
	])('answers 400 for %s', (_name, files) => {
		const { platform } = setup();
		const res = platform.handle(uploadRequest('/v3/order', files));
		expect(res.status).toBe(400);
		expect(errorOf(res).key).toBe('api_error_bad_request');
		expect(platform.orders()).toHaveLength(0);
	});

	it("answers 400 when the body is not multipart; ignores the docs' plural asset_roles field", () => {
		const { platform } = setup();
		expect(
			platform.handle(request('POST', '/v3/order', { body: { asset_file: 'x' } })).status,
		).toBe(400);
		// the docs' plural name is not what the live API reads: two files then both default to primary_angle
		const res = platform.handle(
			uploadRequest('/v3/order', [{}, {}], [{ name: 'asset_roles', value: 'mask' }]),
		);
		expect(res.status).toBe(400);
	});

	it('puts the order in the given project; unknown project 404', () => {
		const { platform } = setup();
		const project = dataOf<{ id: string }>(
			platform.handle(request('POST', '/v3/project', { body: { address: 'P' } })),
		);
		const res = platform.handle(
			uploadRequest('/v3/order', [{}], [{ name: 'project_id', value: project.id }]),
		);
		expect(res.status).toBe(201);
		expect(platform.orders()[0].project_id).toBe(project.id);
		const p = dataOf<{ input_count: number; cover_src: string }>(
			platform.handle(request('GET', `/v3/project/${project.id}`)),
		);
		expect(p.input_count).toBe(1);
		expect(p.cover_src).toContain('/files/');
		const missing = platform.handle(
			uploadRequest('/v3/order', [{}], [{ name: 'project_id', value: 'f'.repeat(24) }]),
		);
		expect(missing.status).toBe(404);
	});

	it('appends assets (default role mask) and shows them on GET /order/:id', () => {
		const { platform } = setup();
		const order = createOrder(platform);
		const appended = platform.handle(
			uploadRequest(`/v3/order/${order.order_id}/append`, [
				{ filename: 'mask.png', contentType: 'image/png' },
			]),
		);
		expect(appended.status).toBe(201);
		const data = createOrderResponseSchema.parse(dataOf(appended));
		expect(data.order_id).toBe(order.order_id);
		expect(data.assets).toHaveLength(1);
		expect(data.assets[0].role).toBe('mask');
		expect(
			platform.handle(
				uploadRequest(`/v3/order/${order.order_id}/append`, [{ role: 'primary_angle' }]),
			).status,
		).toBe(400);
		expect(
			platform.handle(uploadRequest(`/v3/order/${'a'.repeat(24)}/append`, [{ role: 'mask' }]))
				.status,
		).toBe(404);

		const got = orderSchema.parse(
			dataOf(platform.handle(request('GET', `/v3/order/${order.order_id}`))),
		);
		expect(got.assets?.map((a) => a.role)).toEqual(['primary_angle', 'mask']);
		expect(got.processes).toEqual([]);
		expect(platform.handle(request('GET', `/v3/order/${'a'.repeat(24)}`)).status).toBe(404);
	});
});

describe('processes', () => {
	it('moves pending → processing → done with the clock and serves the result images', () => {
		const { platform, clock } = setup({
			processDurationMs: 10000,
			resultImageBytes: 5000,
			pollMinIntervalMs: false,
		});
		const { processId, order } = startStaging(platform);
		const poll = () =>
			processSchema.parse(dataOf(platform.handle(request('GET', `/v3/process/${processId}`))));
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
		const asset = done.final_assets![0];
		expect(asset).toEqual({
			asset_id: expect.stringMatching(/^[a-f0-9]{24}$/),
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
		const got = orderSchema.parse(
			dataOf(platform.handle(request('GET', `/v3/order/${order.order_id}`))),
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
			pollMinIntervalMs: false,
		});
		const ids = [0, 1, 2].map(() => startStaging(platform).processId);
		clock.advance(3600 * 1000);
		const statuses = ids.map((id) =>
			processSchema.parse(dataOf(platform.handle(request('GET', `/v3/process/${id}`)))),
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

	it('refuses polls sooner than 5 s after the last accepted one (429)', () => {
		const { platform, clock } = setup();
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

	it('answers 400 for a body the shared schema rejects or that is not JSON', () => {
		const { platform } = setup();
		const order = createOrder(platform);
		const body = stagingBody(order.order_id, order.assets[0].id);
		expect(
			platform.handle(request('POST', '/v3/process', { body: { ...body, order_id: 'nope' } }))
				.status,
		).toBe(400);
		expect(
			platform.handle(request('POST', '/v3/process', { body: { ...body, widgets: undefined } }))
				.status,
		).toBe(400);
		const text = request('POST', '/v3/process', {
			body: Buffer.from('{oops'),
			headers: { 'content-type': 'application/json' },
		});
		expect(platform.handle(text).status).toBe(400);
	});

	it('answers a raw 500 for an unknown tool, 403 for an inactive one, 404 for an unknown order', () => {
		const { platform } = setup();
		const order = createOrder(platform);
		const body = stagingBody(order.order_id, order.assets[0].id);
		const unknown = platform.handle(
			request('POST', '/v3/process', { body: { ...body, tool: 'tool-teleport' } }),
		);
		expect(unknown.status).toBe(500);
		expect(typeof unknown.body).toBe('string');
		const inactive = platform.handle(
			request('POST', '/v3/process', {
				body: {
					order_id: order.order_id,
					tool: 'tool-sky-replacement',
					asset_map: { 'tool-sky-replacement-input-image': order.assets[0].id },
					widgets: [],
				},
			}),
		);
		expect(inactive.status).toBe(403);
		expect(errorOf(inactive).key).toBe('api_error_forbidden');
		const noOrder = platform.handle(
			request('POST', '/v3/process', { body: { ...body, order_id: 'b'.repeat(24) } }),
		);
		expect(noOrder.status).toBe(404);
		expect(platform.processes()).toHaveLength(0);
	});

	describe('422 when the asset map or widgets do not fit the tool', () => {
		const { platform } = setup({ generationLimit: false });
		const order = createOrder(platform, ['primary_angle', 'mask']);
		const other = createOrder(platform);
		const [photo, mask] = order.assets.map((a) => a.id);
		const base = stagingBody(order.order_id, photo);
		const space = base.widgets[0];
		const style = base.widgets[1];
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
			[
				'a required widget without item',
				{ ...base, widgets: [space, { ...style, item_slugs: [] }] },
			],
			['the same widget twice', { ...base, widgets: [space, style, style] }],
			['an unknown process_group_id', { ...base, process_group_id: 'c'.repeat(24) }],
		];
		it.each(cases)('%s', (_name, body) => {
			const res = platform.handle(request('POST', '/v3/process', { body }));
			expect(res.status).toBe(422);
			expect(errorOf(res).key).toBe('api_error_unprocessable');
		});

		it('accepts what fits: open item values, multi-select, two-slot tools, process groups', () => {
			const ok = (body: object) => {
				const res = platform.handle(request('POST', '/v3/process', { body }));
				expect([res.status, bodyOf(res)]).toEqual([201, expect.anything()]);
				return createProcessResponseSchema.parse(dataOf(res)).process_ids[0];
			};
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
			ok({
				order_id: order.order_id,
				tool: 'tool-darkness',
				asset_map: {
					'tool-darkness-input-image-before': photo,
					'tool-darkness-input-image-after': mask,
				},
				widgets: minimalWidgets('tool-darkness'),
			});
			const first = ok({
				order_id: order.order_id,
				tool: 'tool-item-removal',
				asset_map: { 'tool-item-removal-input-image': photo },
				widgets: [],
			});
			ok({
				order_id: order.order_id,
				tool: 'tool-item-removal-mask',
				asset_map: {
					'tool-item-removal-mask-input-image': photo,
					'tool-item-removal-mask-input-mask': mask,
				},
				widgets: [],
				process_group_id: first,
			});
			for (const tool of SIM_TOOLS.filter((t) => t.isActive && t.inputs.length === 1)) {
				ok({
					order_id: order.order_id,
					tool: tool.slug,
					asset_map: { [tool.inputs[0]]: photo },
					widgets: minimalWidgets(tool.slug),
				});
			}
		});
	});

	it('adds width/height to image URLs on GET requests', () => {
		const { platform, clock } = setup({ processDurationMs: 0 });
		const { processId } = startStaging(platform);
		clock.advance(1);
		const data = processSchema.parse(
			dataOf(platform.handle(request('GET', `/v3/process/${processId}?width=300&height=200`))),
		);
		expect(data.final_assets![0].src).toMatch(/\.jpg\?width=300&height=200$/);
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

describe('webhook events', () => {
	it('makes each process.completed payload due once, in completion order', () => {
		const { platform, clock } = setup({
			processDurationMs: ({ index }) => [3000, 1000, 2000][index],
			outcome: ({ index }) => (index === 2 ? 'failed' : 'done'),
		});
		const ids = [0, 1, 2].map(() => startStaging(platform).processId);
		expect(platform.takeDueEvents()).toEqual([]);
		clock.advance(1000);
		const first = platform.takeDueEvents();
		expect(first.map((e) => e.process_id)).toEqual([ids[1]]);
		expect(platform.takeDueEvents()).toEqual([]);
		clock.advance(5000);
		const rest = platform.takeDueEvents();
		expect(rest.map((e) => [e.process_id, e.status])).toEqual([
			[ids[2], 'failed'],
			[ids[0], 'done'],
		]);
		for (const event of [...first, ...rest]) processCompletedSchema.parse(event);
		expect(rest[0].final_assets).toEqual([]);
		// by default the delivery carries only temp_* URLs, as in the docs' example
		expect(Object.keys(rest[1].final_assets[0]).sort()).toEqual([
			'asset_id',
			'asset_type',
			'temp_src',
			'temp_thumbnail_src',
		]);
		expect(platform.completedEvents().map((e) => e.process_id)).toEqual([ids[1], ids[2], ids[0]]);
		expect(platform.takeDueEvents()).toEqual([]);
	});

	it('sends no event for a process that never finishes; src fields on request', () => {
		const never = setup({ outcome: () => 'never', processDurationMs: 10 });
		startStaging(never.platform);
		never.clock.advance(1e9);
		expect(never.platform.takeDueEvents()).toEqual([]);

		const withSrc = setup({ webhookIncludeSrc: true, processDurationMs: 10 });
		startStaging(withSrc.platform);
		withSrc.clock.advance(10);
		const [event] = withSrc.platform.takeDueEvents();
		expect(event.final_assets[0].src).toBe(event.final_assets[0].temp_src);
	});
});

describe('faults', () => {
	it('serverErrorBurst answers 5xx without side effects, then recovers', () => {
		const { platform } = setup();
		platform.faults.serverErrorBurst = { count: 2, status: 503 };
		const create = () =>
			platform.handle(request('POST', '/v3/project', { body: { address: 'X' } }));
		const first = create();
		expect(first.status).toBe(503);
		expect(first.headers['content-type']).toBe('text/html');
		expect(create().status).toBe(503);
		expect(platform.projects()).toHaveLength(1);
		expect(create().status).toBe(201);
		expect(platform.faults.serverErrorBurst.count).toBe(0);
		platform.faults.serverErrorBurst = { count: 1 };
		const plain = create();
		expect(plain.status).toBe(500);
		expect(errorOf(plain).key).toBe('api_error_internal');
		expect(platform.calls.map((c) => c.fault ?? c.status)).toEqual([
			'serverErrorBurst',
			'serverErrorBurst',
			201,
			'serverErrorBurst',
		]);
	});

	it('rateLimitBurst answers 429, with Retry-After when set', () => {
		const { platform } = setup();
		platform.faults.rateLimitBurst = { count: 1, retryAfterSeconds: 7 };
		const limited = platform.handle(request('GET', '/v3/project'));
		expect(limited.status).toBe(429);
		expect(limited.headers['retry-after']).toBe('7');
		platform.faults.rateLimitBurst = { count: 1 };
		const bare = platform.handle(request('GET', '/v3/project'));
		expect(bare.status).toBe(429);
		expect(bare.headers['retry-after']).toBeUndefined();
		expect(platform.handle(request('GET', '/v3/project')).status).toBe(200);
	});

	it('malformedBody answers 200 with a body of the chosen wrong kind', () => {
		const { platform } = setup();
		const { processId } = startStaging(platform);
		const get = () => platform.handle(request('GET', `/v3/process/${processId}`));
		platform.faults.malformedBody = { count: 1 };
		const wrong = get();
		expect(wrong.status).toBe(200);
		expect(processSchema.safeParse(dataOf(wrong)).success).toBe(false);
		platform.faults.malformedBody = { count: 3, kind: 'invalid-json' };
		const invalid = get();
		expect(() => JSON.parse(invalid.body as string)).toThrow();
		platform.faults.malformedBody.kind = 'html';
		expect(get().headers['content-type']).toMatch(/text\/html/);
		platform.faults.malformedBody.kind = 'empty';
		expect(get().body).toBe('');
		// no side effects: none of these counted as a poll
		expect(platform.processes()[0].pollTimes).toEqual([]);
		expect(get().status).toBe(200);
	});

	it('faults hit the V3 API only unless `only` says otherwise', () => {
		const { platform } = setup();
		platform.faults.serverErrorBurst = { count: 1 };
		expect(platform.handle(request('GET', '/api/tools')).status).toBe(200);
		expect(platform.faults.serverErrorBurst.count).toBe(1);
		platform.faults.serverErrorBurst = { count: 1, only: (r) => r.path === '/api/tools' };
		expect(platform.handle(request('GET', '/v3/project')).status).toBe(200);
		expect(platform.handle(request('GET', '/api/tools')).status).toBe(500);
	});

	it('dropConnection is consumed through takeDropConnection (the shell applies it)', () => {
		const { platform } = setup();
		platform.faults.dropConnection = { count: 1 };
		expect(platform.takeDropConnection({ method: 'GET', path: '/files/x.jpg' })).toBeUndefined();
		expect(platform.takeDropConnection({ method: 'GET', path: '/v3/project' })).toEqual({
			afterHandling: false,
		});
		expect(platform.takeDropConnection({ method: 'GET', path: '/v3/project' })).toBeUndefined();
		expect(platform.calls).toEqual([
			expect.objectContaining({ status: 0, fault: 'dropConnection' }),
		]);
	});
});
