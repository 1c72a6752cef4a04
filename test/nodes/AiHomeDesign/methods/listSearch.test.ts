import { searchProjects } from '../../../../nodes/AiHomeDesign/methods/listSearch';
import { FakeHttp } from '../../../support/http/fake-http';
import { loadOptionsContext } from '../../../support/n8n-context/load-options';

const id = (n: number) => `69a6aa03a374700bff4a${String(n).padStart(4, '0')}`;
const projects = (from: number, count: number) =>
	Array.from({ length: count }, (_, i) => ({
		id: id(from + i),
		address: `${from + i} Maple Street, Austin TX`,
	}));

describe("searchProjects, the Project field's list", () => {
	it('lists projects by address, most recently changed first, searched by the text typed', async () => {
		const http = new FakeHttp();
		http.on(/^GET \/project$/, { body: { data: projects(1, 2) } });
		const result = await searchProjects.call(loadOptionsContext({ http }), ' maple ');
		expect(result.results).toEqual([
			{ name: '1 Maple Street, Austin TX', value: id(1) },
			{ name: '2 Maple Street, Austin TX', value: id(2) },
		]);
		expect(result.paginationToken).toBeUndefined();
		const [call] = http.callsTo(/^GET \/project$/);
		expect(call.options.qs).toMatchObject({ page: 1, limit: 30, sort: 'modified', s: 'maple' });
	});

	it('sends no search for an empty filter', async () => {
		const http = new FakeHttp();
		http.on(/^GET \/project$/, { body: { data: [] } });
		await searchProjects.call(loadOptionsContext({ http }), '');
		expect(http.callsTo(/^GET \/project$/)[0].options.qs).not.toHaveProperty('s');
	});

	it('pages on: a full page of 30 hands the editor a token for the next one', async () => {
		const http = new FakeHttp();
		http.sequence(/^GET \/project$/, [
			{ body: { data: projects(1, 30) } },
			{ body: { data: projects(31, 4) } },
		]);
		const first = await searchProjects.call(loadOptionsContext({ http }));
		expect(first.paginationToken).toBe('2');
		const second = await searchProjects.call(
			loadOptionsContext({ http }),
			'',
			first.paginationToken,
		);
		expect(http.callsTo(/^GET \/project$/)[1].options.qs).toMatchObject({ page: 2 });
		expect(second.results).toHaveLength(4);
		expect(second.paginationToken).toBeUndefined();
	});

	it('is empty, not an error, before a credential is attached', async () => {
		const http = new FakeHttp();
		const result = await searchProjects.call(loadOptionsContext({ http, noCredential: true }));
		expect(result).toEqual({ results: [] });
		expect(http.calls).toHaveLength(0);
	});
});
