import { looksLikeJpeg, type SimResponse } from './platform';
import {
	bodyOf,
	createOrder,
	dataOf,
	request,
	startStaging,
	testPlatform as setup,
	TEST_FILES_BASE as BASE,
	uploadRequest,
	type ErrorBody,
} from './requests';
import { SIM_TOOLS, SIM_TOOLS_BY_SLUG } from './tools';

const OBJECT_ID = expect.stringMatching(/^[a-f0-9]{24}$/);
const errorOf = (res: SimResponse) => bodyOf(res) as ErrorBody;

/** The docs' project answer: `{ id, address, cover_src, input_count, result_count, bookmarked_count, default, updated_at }`. */
const projectShape = (fields: Record<string, unknown> = {}) => ({
	id: OBJECT_ID,
	address: expect.any(String),
	cover_src: expect.any(String),
	input_count: expect.any(Number),
	result_count: expect.any(Number),
	bookmarked_count: expect.any(Number),
	default: expect.any(Boolean),
	updated_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
	...fields,
});

interface OrderAnswer {
	order_id: string;
	assets: Array<{ id: string; role: string; src: string }>;
}

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

	// Was "... and one inactive tool": no source mentions the invented tool-sky-replacement (review D15).
	it('serves the tool catalog without auth: every documented tool, ObjectId ids, the documented names', () => {
		const { platform } = setup();
		const res = platform.handle(request('GET', '/api/tools', { key: null }));
		expect(res.status).toBe(200);
		const tools = (bodyOf(res) as { data: Array<Record<string, unknown>> }).data;
		for (const tool of tools) {
			expect(tool).toEqual({
				id: OBJECT_ID,
				name: expect.stringMatching(/^AI /),
				slug: expect.any(String),
				isActive: true,
			});
		}
		expect(tools.map((t) => t.slug)).toEqual(SIM_TOOLS.map((t) => t.slug));
		expect(new Set(tools.map((t) => t.id)).size).toBe(tools.length);
		const names = Object.fromEntries(tools.map((t) => [t.slug, t.name]));
		expect(names).toMatchObject({
			'tool-virtual-staging': 'AI Virtual Staging',
			'tool-item-removal-mask': 'AI Item Removal (Mask)',
			'tool-interior-design': 'AI Interior Designer',
		});
		expect(Object.keys(names).sort()).toEqual(
			[
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
			].sort(),
		);
	});

	it('lists a tool switched off by option as inactive', () => {
		const { platform } = setup({ inactiveTools: ['tool-darkness'] });
		const tools = dataOf<Array<{ slug: string; isActive: boolean }>>(
			platform.handle(request('GET', '/api/tools', { key: null })),
		);
		expect(tools.filter((t) => !t.isActive).map((t) => t.slug)).toEqual(['tool-darkness']);
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
		const body = bodyOf(res) as { data: unknown[]; message: string; pagination: unknown };
		expect(body.message).toBe('ok');
		expect(body.data).toEqual([projectShape({ default: true })]);
		expect(body.pagination).toEqual({ page: 1, limit: 1, total: 1, total_pages: 1 });

		for (const address of ['1 Oak Road, Austin', '2 Maple Street, Austin', '3 Pine Lane, Dallas']) {
			clock.advance(1000);
			const created = platform.handle(request('POST', '/v3/project', { body: { address } }));
			expect(created.status).toBe(201);
			expect(dataOf(created)).toEqual(projectShape({ address, default: false, input_count: 0 }));
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

	it('answers as the docs show: cover_src "" before any photo, updated_at a date', () => {
		const { platform, clock } = setup();
		const created = dataOf(
			platform.handle(request('POST', '/v3/project', { body: { address: 'A' } })),
		);
		expect(created).toMatchObject({
			cover_src: '',
			updated_at: new Date(clock.now()).toISOString().slice(0, 10),
		});
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
		expect(created).toEqual(projectShape({ address: 'B' }));
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
		const data = dataOf<OrderAnswer>(res);
		expect(data).toEqual({
			order_id: OBJECT_ID,
			assets: [0, 1, 2].map(() => ({
				id: OBJECT_ID,
				role: expect.any(String),
				src: expect.any(String),
			})),
		});
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
		const data = dataOf<OrderAnswer>(appended);
		expect(data.order_id).toBe(order.order_id);
		expect(data.assets).toEqual([{ id: OBJECT_ID, role: 'mask', src: expect.any(String) }]);
		expect(
			platform.handle(
				uploadRequest(`/v3/order/${order.order_id}/append`, [{ role: 'primary_angle' }]),
			).status,
		).toBe(400);
		expect(
			platform.handle(uploadRequest(`/v3/order/${'a'.repeat(24)}/append`, [{ role: 'mask' }]))
				.status,
		).toBe(404);

		const got = dataOf<{ assets: Array<{ role: string }>; processes: unknown[] }>(
			platform.handle(request('GET', `/v3/order/${order.order_id}`)),
		);
		expect(got.assets.map((a) => a.role)).toEqual(['primary_angle', 'mask']);
		expect(got.processes).toEqual([]);
		expect(platform.handle(request('GET', `/v3/order/${'a'.repeat(24)}`)).status).toBe(404);
	});
});

describe('webhook events', () => {
	/** The docs' process.completed body. */
	const eventShape = (status: 'done' | 'failed', assets: unknown[]) => ({
		event: 'process.completed',
		process_id: OBJECT_ID,
		order_id: OBJECT_ID,
		tool: 'tool-virtual-staging',
		status,
		final_assets: assets,
	});

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
		const asset = {
			asset_id: OBJECT_ID,
			asset_type: 'image',
			temp_src: expect.stringMatching(/^http:\/\//),
			temp_thumbnail_src: expect.stringMatching(/^http:\/\//),
		};
		expect([...first, ...rest]).toEqual([
			eventShape('done', [asset]),
			eventShape('failed', []),
			eventShape('done', [asset]),
		]);
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
