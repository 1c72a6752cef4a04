// What a 404 says depends on what was asked: an ID, a Base URL without /v3, a result link, the
// tool catalog (issue 15: a photo URL or a wrong Base URL is not an ID).
import type { IDataObject } from 'n8n-workflow';

import { AiHomeDesign } from '../../../../nodes/AiHomeDesign/AiHomeDesign.node';
import { fetchToolCatalog } from '../../../../nodes/AiHomeDesign/transport';
import { missesApiVersion } from '../../../../nodes/AiHomeDesign/transport/errors';
import { executeContext } from '../../../support/n8n-context/execute';
import { FakeHttp } from '../../../support/http/fake-http';
import { useVirtualClock } from '../../../support/time/package-clock';

const PROJECT_ID = '69a6aa03a374700bff4a1328';

let http: FakeHttp;
beforeEach(() => {
	http = new FakeHttp(useVirtualClock().now);
});
afterEach(() => jest.restoreAllMocks());

async function failure(
	params: IDataObject,
	baseUrl?: string,
): Promise<Error & { description?: string }> {
	const context = executeContext({ http, params, baseUrl });
	try {
		await new AiHomeDesign().execute.call(context);
	} catch (error) {
		return error as Error & { description?: string };
	}
	throw new Error('expected the run to fail');
}

const getProject = { resource: 'project', operation: 'get', projectId: PROJECT_ID };

describe('a 404 from the API', () => {
	it('for an ID: names the item and says to check the ID', async () => {
		http.on(/^GET \/project\/\w+$/, { status: 404, body: { message: 'Project not found' } });
		const error = await failure(getProject);
		expect(error.message).toBe(`Project ${PROJECT_ID} was not found (404)`);
		expect(error.description).toMatch(/Check the ID: it must be a 24-character ID/);
	});

	it.each([
		['https://api.aihomedesign.test', 'https://api.aihomedesign.test'],
		['https://api.aihomedesign.test/', 'https://api.aihomedesign.test'],
		['https://proxy.example.test/aihd/v2', 'https://proxy.example.test/aihd/v2'],
	])(
		'below a Base URL without /v3 (%s): says the Base URL should end with /v3, not to check an ID',
		async (baseUrl, shown) => {
			http.on(/^GET /, { status: 404, body: 'Not Found' });
			const error = await failure(getProject, baseUrl);
			expect(error.message).toBe(
				"Nothing was found at the credential's Base URL (404): it should end with /v3",
			);
			expect(error.description).toMatch(/Set it to https:\/\/api\.aihomedesign\.com\/v3/);
			expect(error.description).toContain(`The Base URL is ${shown}.`);
			expect(error.description).not.toMatch(/24-character/);
		},
	);

	it('for a list (no ID asked for): points at the Base URL', async () => {
		http.on(/^GET \/project$/, { status: 404, body: 'Not Found' });
		const error = await failure({ resource: 'project', operation: 'getAll', limit: 5 });
		expect(error.message).toBe('AI HomeDesign has nothing at this address (404)');
		expect(error.description).toMatch(/Check the Base URL in the credential/);
		expect(error.description).not.toMatch(/24-character/);
	});
});

it("the tool catalog's 404 says where it was read from", async () => {
	http.on(/^GET \/api\/tools$/, { status: 404, body: 'Not Found' });
	const context = executeContext({ http, params: {} });
	const error = (await fetchToolCatalog.call(context).catch((e: unknown) => e)) as Error & {
		description?: string;
	};
	expect(error.message).toBe('The tool catalog was not found (404)');
	expect(error.description).toMatch(/read from https:\/\/api\.aihomedesign\.test\/api\/tools/);
});

it.each([
	['https://api.aihomedesign.com/v3', false],
	['https://api.aihomedesign.com/v3/', false],
	['http://127.0.0.1:5680/V3', false],
	['https://api.aihomedesign.com', true],
	['https://api.aihomedesign.com/v3/project', true],
	['not a url', false],
])('missesApiVersion(%s) is %s', (baseUrl, expected) => {
	expect(missesApiVersion(baseUrl)).toBe(expected);
});
