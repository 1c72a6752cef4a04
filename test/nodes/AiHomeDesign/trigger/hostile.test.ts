// What a forged or odd delivery can make the trigger do (issue 13, items 3, 4, 10, 15).
import type { IDataObject } from 'n8n-workflow';

import { FakeHttp, type FakeResponse } from '../../../support/http/fake-http';
import {
	completedBody,
	ORDER_ID,
	PROCESS_ID,
	StaticDataStore,
	type TriggerSetup,
} from '../../../support/trigger';
import { useVirtualClock, type VirtualClock } from '../../../support/time/package-clock';
import { deliver, restartN8n } from './n8nProcess';

let time: VirtualClock;
let http: FakeHttp;
let store: StaticDataStore;

beforeEach(() => {
	restartN8n();
	time = useVirtualClock(Date.UTC(2026, 10, 26, 12));
	http = new FakeHttp(time.now);
	store = new StaticDataStore();
});
afterEach(() => jest.restoreAllMocks());

const apiProcess = (fields: IDataObject): FakeResponse => ({
	body: { data: { id: PROCESS_ID, status: 'done', final_assets: [], ...fields }, message: 'ok' },
});
const verifying = (params: IDataObject = {}): TriggerSetup => ({
	http,
	store,
	params: { verifyWithApi: true, ...params },
});

/** Every upper/lower-case spelling of the first `count` letters of the id. */
function caseVariants(id: string, count: number): string[] {
	const letters = [...id].map((c, i) => (/[a-f]/.test(c) ? i : -1)).filter((i) => i >= 0);
	const positions = letters.slice(0, count);
	return Array.from({ length: 2 ** positions.length }, (_, mask) =>
		[...id]
			.map((c, i) =>
				positions.some((p, bit) => p === i && mask & (1 << bit)) ? c.toUpperCase() : c,
			)
			.join(''),
	);
}

describe('ids', () => {
	it('case variants of one process id start the workflow once, with the id in lower case', async () => {
		http.on(
			/^GET \/process\/\w+$/i,
			apiProcess({ tool: 'tool-virtual-staging', order_id: ORDER_ID }),
		);
		const variants = caseVariants(PROCESS_ID, 4);
		expect(variants.length).toBe(16);
		const started: IDataObject[] = [];
		for (const id of variants) {
			const outcome = await deliver(verifying(), { body: completedBody({ process_id: id }) });
			started.push(...(outcome.items ?? []));
		}
		expect(started).toHaveLength(1);
		expect(started[0].process_id).toBe(PROCESS_ID);
	});

	it('without verification too, an upper-case delivery of a seen id is a duplicate', async () => {
		const first = await deliver({ store }, { body: completedBody() });
		const second = await deliver(
			{ store },
			{
				body: completedBody({
					process_id: PROCESS_ID.toUpperCase(),
					order_id: ORDER_ID.toUpperCase(),
				}),
			},
		);
		expect(first.items).toHaveLength(1);
		expect(second.items).toBeUndefined();
		expect(first.items![0].order_id).toBe(ORDER_ID);
	});
});

describe('with Verify with API, the output carries only what the API said', () => {
	it('a tool and order the API answer lacks are left empty, not taken from the delivery', async () => {
		http.on(/^GET \/process\/\w+$/, apiProcess({}));
		const outcome = await deliver(verifying(), {
			body: completedBody({ tool: 'tool-day-to-dusk' }),
		});
		expect(outcome.items).toHaveLength(1);
		expect(outcome.items![0]).toMatchObject({ tool: null, order_id: null, verified: true });
	});

	it("the tool filter decides on the API's tool, not on the delivery's claim", async () => {
		http.on(/^GET \/process\/\w+$/, apiProcess({}));
		const outcome = await deliver(
			verifying({ toolFilter: 'list', tools: ['tool-virtual-staging'] }),
			{ body: completedBody({ tool: 'tool-virtual-staging' }) },
		);
		expect(outcome.items).toBeUndefined();
		expect(outcome.body).toMatchObject({ started: false });
	});

	it('result links the API gives over http or to internal addresses are dropped', async () => {
		http.on(
			/^GET \/process\/\w+$/,
			apiProcess({
				tool: 'tool-virtual-staging',
				final_assets: [
					{
						asset_id: 'A'.repeat(24),
						src: 'http://cdn.example.test/r.jpg',
						thumbnail_src: 'https://127.0.0.1/t.jpg',
					},
				],
			}),
		);
		const outcome = await deliver(verifying(), { body: completedBody() });
		expect(outcome.items![0].final_assets).toEqual([
			expect.objectContaining({ asset_id: 'a'.repeat(24), src: null, thumbnail: null }),
		]);
	});
});

describe('deliveries must look like the platform’s', () => {
	it.each([
		['an http result link', { temp_src: 'http://cdn.aihomedesign.com/r.jpg' }],
		['a loopback result link', { temp_src: 'https://127.0.0.1/r.jpg' }],
		['a cloud metadata link', { temp_thumbnail_src: 'https://169.254.169.254/latest' }],
	])('%s is refused (400), nothing starts', async (_, fields) => {
		const body = completedBody({
			final_assets: [{ asset_id: 'a'.repeat(24), asset_type: 'image', ...fields }],
		});
		const outcome = await deliver({ store }, { body });
		expect(outcome.status).toBe(400);
		expect(outcome.items).toBeUndefined();
	});

	it('with Accept Local Result Links on (the local simulator), an http link to this machine starts the workflow', async () => {
		const link = 'http://127.0.0.1:5680/files/r.jpg';
		const body = completedBody({
			final_assets: [{ asset_id: 'a'.repeat(24), asset_type: 'image', temp_src: link }],
		});
		const outcome = await deliver(
			{ store, params: { options: { localResultLinks: true } } },
			{ body },
		);
		expect(outcome.status).toBe(200);
		expect(outcome.items![0].final_assets).toEqual([expect.objectContaining({ src: link })]);
		// Still only web links: the option opens no other scheme.
		const script = completedBody({
			process_id: 'b'.repeat(24),
			final_assets: [
				{ asset_id: 'a'.repeat(24), asset_type: 'image', temp_src: 'javascript:alert(1)' },
			],
		});
		const refused = await deliver(
			{ store, params: { options: { localResultLinks: true } } },
			{ body: script },
		);
		expect(refused.status).toBe(400);
	});

	it.each(['../../etc/passwd', 'tool-virtual-staging\nX: y', 'Tool-Virtual-Staging', 'anything'])(
		'a tool that is not a slug (%j) is refused (400)',
		async (tool) => {
			const outcome = await deliver({ store }, { body: completedBody({ tool }) });
			expect(outcome.status).toBe(400);
			expect(outcome.items).toBeUndefined();
		},
	);
});

describe('verification on a stranger’s budget', () => {
	it('a flood of deliveries at once spends at most a few API calls; the rest are asked to come back later', async () => {
		let release = () => {};
		const gate = new Promise<void>((resolve) => (release = resolve));
		http.on(/^GET \/process\/\w+$/, async () => {
			await gate;
			return apiProcess({ tool: 'tool-virtual-staging', order_id: ORDER_ID });
		});
		const ids = Array.from(
			{ length: 12 },
			(_, i) => `69a6bb11a374700bff4a13${String(i).padStart(2, '0')}`,
		);
		const pending = ids.map(
			async (id) => await deliver(verifying(), { body: completedBody({ process_id: id }) }),
		);
		for (let i = 0; i < 50; i++) await Promise.resolve();
		release();
		const outcomes = await Promise.all(pending);
		const refused = outcomes.filter((o) => o.status === 503);
		expect(http.callsTo(/^GET \/process\//)).toHaveLength(4);
		expect(refused).toHaveLength(8);
		expect(refused.every((o) => o.headers['retry-after'] === '30')).toBe(true);
		expect(outcomes.filter((o) => o.items)).toHaveLength(4);
	});

	it('the panel recommends a secret when Verify with API is on without one', async () => {
		const { triggerProperties } = await import(
			'../../../../nodes/AiHomeDesign/trigger/description'
		);
		const notice = triggerProperties.find((p) => p.name === 'verifyNeedsSecretNotice');
		expect(notice?.type).toBe('notice');
		expect(notice?.displayOptions).toEqual({
			show: { verifyWithApi: [true], authentication: ['none'] },
			hide: { secret: [{ _cnd: { exists: true } }] },
		});
	});
});
