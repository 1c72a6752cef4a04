// A photo URL that answers 404 is about the image host and the link, not about an ID (issue 15).
import type { IDataObject } from 'n8n-workflow';

import { AiHomeDesign } from '../../../../nodes/AiHomeDesign/AiHomeDesign.node';
import { executeContext } from '../../../support/n8n-context/execute';
import { FakeHttp } from '../../../support/http/fake-http';
import { useVirtualClock } from '../../../support/time/package-clock';

let http: FakeHttp;
beforeEach(() => {
	http = new FakeHttp(useVirtualClock().now);
	http.on(/^GET .*\/does-not-exist\.jpg$/, { status: 404, body: 'Not Found' });
});
afterEach(() => jest.restoreAllMocks());

async function failure(params: IDataObject): Promise<Error & { description?: string }> {
	const context = executeContext({ http, params });
	try {
		await new AiHomeDesign().execute.call(context);
	} catch (error) {
		return error as Error & { description?: string };
	}
	throw new Error('expected the run to fail');
}

const URL_404 = 'https://photos.example.test/listing/does-not-exist.jpg?token=secret-token';

it.each([
	[
		'Run Tool on Image, Image Source URL',
		{
			resource: 'process',
			operation: 'runTool',
			inputSource: 'url',
			imageUrl: URL_404,
			tool: 'tool-item-removal',
		},
	],
	[
		'Order → Create from a URL',
		{
			resource: 'order',
			operation: 'create',
			images: { image: [{ source: 'url', url: URL_404, role: 'primary_angle' }] },
		},
	],
])('%s: a 404 names the image host and the link, says nothing of IDs', async (_name, params) => {
	const error = await failure(params);
	expect(error.message).toBe('The image host photos.example.test has no photo at this URL (404)');
	expect(error.description).toMatch(
		/Check the Image URL: nothing is \(or is any longer\) at https:\/\/photos\.example\.test\/listing\/does-not-exist\.jpg\./,
	);
	expect(error.description).toMatch(/nothing was sent to AI HomeDesign/);
	expect(`${error.message} ${error.description}`).not.toMatch(/ID|24-character/);
	// A signed link's query can hold a token: it stays out of the message.
	expect(error.description).not.toMatch(/secret-token/);
	expect(http.callsTo(/^POST \/order$/)).toHaveLength(0);
});
