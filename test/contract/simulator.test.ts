/**
 * The simulator against the docs' own examples (examples/*.json): each documented request is accepted,
 * and each answer has the shape of a documented answer, enveloped (as live) and bare (as the docs show).
 */
import { dataOf, request } from '../simulator/requests';
import { EXAMPLES } from './examples';
import { contractWorld, departures, sendDocumented, setFaults } from './world';

const { catalog, errors, processGet, processGetTolerated, webhookProcessCompleted } = EXAMPLES;

describe.each([
	['enveloped', true],
	['bare', false],
])('the simulator answers the documented requests as documented (%s)', (_label, envelope) => {
	it.each([
		'projectCreate',
		'orderCreate',
		'orderCreateNoCredits',
		'processCreateStaging',
		'processCreateItemRemoval',
		'processCreateMask',
	] as const)('%s', (name) => {
		const example = EXAMPLES[name];
		const world = contractWorld({ envelope });
		setFaults(world, example.fault);
		const res = sendDocumented(world, example);
		expect(departures(res, example.answers, example.optional, envelope)).toEqual([]);
	});

	it('processCreateMask: the answer names the group that was sent', () => {
		const world = contractWorld({ envelope });
		const res = sendDocumented(world, EXAMPLES.processCreateMask);
		const data = dataOf<{ process_group_id?: string }>(res);
		expect(data.process_group_id).toBe(world.real.group);
	});

	it('processGet: pending, processing, done (src and temp_src), failed', () => {
		const world = contractWorld({
			envelope,
			processDurationMs: 10_000,
			outcome: ({ index }) => (index === 2 ? 'failed' : 'done'),
		});
		const start = () =>
			dataOf<{ process_ids: string[] }>(sendDocumented(world, EXAMPLES.processCreateStaging))
				.process_ids[0];
		const ids = [start(), start()];
		const poll = (id: string) =>
			departures(
				world.platform.handle(request('GET', `/v3/process/${id}`)),
				processGet.answers,
				processGet.optional,
				envelope,
			);
		const statusOf = (id: string) => world.platform.processes().find((p) => p.id === id)?.status;
		expect([statusOf(ids[0]), poll(ids[0])]).toEqual(['pending', []]);
		world.clock.advance(5_000);
		expect([statusOf(ids[0]), poll(ids[0])]).toEqual(['processing', []]);
		world.clock.advance(5_000);
		expect([statusOf(ids[0]), poll(ids[0])]).toEqual(['done', []]);
		expect([statusOf(ids[1]), poll(ids[1])]).toEqual(['failed', []]);
	});
});

describe('answers the docs say a client must tolerate, through the fault switches', () => {
	it.each(processGetTolerated.answers.map((a) => [a.name, a] as const))('%s', (_name, answer) => {
		const world = contractWorld({ processDurationMs: 10_000 });
		const id = world.platform.processes()[0].id;
		world.clock.advance(answer.done ? 10_000 : 5_000);
		setFaults(world, answer.fault);
		const res = world.platform.handle(request('GET', `/v3/process/${id}`));
		expect(departures(res, [answer])).toEqual([]);
		expect(world.platform.calls.at(-1)?.fault).toBe(Object.keys(answer.fault ?? {})[0]);
	});
});

describe('the catalog, the project list, the webhook and the error answers', () => {
	it('projectList: the query of the docs, the envelope of the live API', () => {
		const world = contractWorld();
		sendDocumented(world, EXAMPLES.projectCreate);
		const res = sendDocumented(world, EXAMPLES.projectList);
		expect(departures(res, EXAMPLES.projectList.answers)).toEqual([]);
	});
	it('catalog: GET /api/tools without a key', () => {
		const world = contractWorld();
		expect(departures(sendDocumented(world, catalog), catalog.answers)).toEqual([]);
	});

	it('webhook: process.completed for done and failed', () => {
		const world = contractWorld({
			processDurationMs: 1_000,
			outcome: ({ index }) => (index === 1 ? 'failed' : 'done'),
		});
		sendDocumented(world, EXAMPLES.processCreateStaging);
		world.clock.advance(1_000);
		const events = world.platform.takeDueEvents();
		expect(events.map((e) => e.status)).toEqual(['done', 'failed']);
		for (const event of events)
			expect(
				departures(
					{ status: 200, headers: {}, body: event },
					webhookProcessCompleted.answers,
					[],
					false,
				),
			).toEqual([]);
	});

	it('errors: 401 without a key, the 429 of the generation limit, the raw 500 for an unknown tool', () => {
		// the documented limit: the world's automatic removal was the first of 10 generations
		const world = contractWorld({ generationLimit: { max: 10, windowMs: 600_000 } });
		const noKey = world.platform.handle(
			request('GET', '/v3/project?page=1&limit=1', { key: null }),
		);
		expect(departures(noKey, errors.answers)).toEqual([]);
		for (let i = 0; i < 9; i++)
			expect(sendDocumented(world, EXAMPLES.processCreateStaging).status).toBe(201);
		const limited = sendDocumented(world, EXAMPLES.processCreateStaging);
		expect(departures(limited, errors.answers)).toEqual([]);
		expect(limited.body).toEqual(errors.answers[1].body);
		const staging = EXAMPLES.processCreateStaging.request!.json as Record<string, unknown>;
		const unknown = sendDocumented(world, {
			...EXAMPLES.processCreateStaging,
			request: { json: { ...staging, tool: 'tool-teleport' } },
		});
		expect(departures(unknown, errors.answers)).toEqual([]);
	});
});
