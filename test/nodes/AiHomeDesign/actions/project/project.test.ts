import type { IDataObject } from 'n8n-workflow';

import { AiHomeDesign } from '../../../../../nodes/AiHomeDesign/AiHomeDesign.node';
import { executeContext } from '../../../../support/n8n-context/execute';
import { FakeHttp } from '../../../../support/http/fake-http';

const project = (n: number) => ({
	id: n.toString(16).padStart(24, '0'),
	address: `${n} Maple Street`,
});

let http: FakeHttp;
beforeEach(() => {
	http = new FakeHttp();
	const all = Array.from({ length: 70 }, (_, i) => project(i + 1));
	http.on(/^GET \/project$/, (call) => {
		const { page, limit } = call.options.qs as { page: number; limit: number };
		const data = all.slice((page - 1) * limit, page * limit);
		return {
			body: {
				data,
				message: 'ok',
				pagination: { page, limit, total: all.length, total_pages: Math.ceil(all.length / limit) },
			},
		};
	});
	http.on(/^POST \/project$/, (call) => ({
		status: 201,
		body: { data: { ...project(99), address: (call.body as IDataObject).address } },
	}));
});

async function run(params: IDataObject) {
	const [output] = await new AiHomeDesign().execute.call(executeContext({ http, params }));
	return output;
}

it('Create sends the address and outputs the project', async () => {
	const [item] = await run({
		resource: 'project',
		operation: 'create',
		address: ' 123 Maple Street, Austin TX ',
	});
	expect(http.calls[0].body).toEqual({ address: '123 Maple Street, Austin TX' });
	expect(item.json.address).toBe('123 Maple Street, Austin TX');
});

it('Get Many with Return All walks every page, 30 at a time', async () => {
	const output = await run({
		resource: 'project',
		operation: 'getAll',
		returnAll: true,
		filters: { s: 'Maple', sort: 'asc' },
	});
	expect(output).toHaveLength(70);
	expect(http.calls.map((c) => (c.options.qs as IDataObject).page)).toEqual([1, 2, 3]);
	expect(http.calls[0].options.qs).toMatchObject({ limit: 30, s: 'Maple', sort: 'asc' });
	expect(output.map((item) => item.json.address)).toEqual(
		Array.from({ length: 70 }, (_, i) => `${i + 1} Maple Street`),
	);
	expect(output.every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(true);
});

it('Get Many stops at the limit', async () => {
	const output = await run({
		resource: 'project',
		operation: 'getAll',
		returnAll: false,
		limit: 35,
		filters: {},
	});
	expect(output).toHaveLength(35);
	expect(http.calls).toHaveLength(2);
});
