import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { TOOL_DEFINITIONS } from '../../../../nodes/AiHomeDesign/helpers/tools';
import { getTriggerTools } from '../../../../nodes/AiHomeDesign/trigger/loadOptions';
import { executeContext } from '../../../helpers/executeContext';
import { FakeHttp } from '../../../helpers/fakeHttp';

function loadContext(http: FakeHttp, withCredential = true): ILoadOptionsFunctions {
	const base = executeContext({ http, params: {} });
	const getCredentials = withCredential
		? base.getCredentials
		: async () => {
				throw new Error('Node does not have any credentials set');
			};
	return {
		...base,
		getCredentials,
		getCurrentNodeParameter: () => undefined,
	} as unknown as ILoadOptionsFunctions;
}

it('offers the live catalog when it can be read', async () => {
	const http = new FakeHttp();
	http.on(/^GET \/api\/tools$/, {
		body: { data: [{ id: 1, name: 'Day to Dusk', slug: 'tool-day-to-dusk', isActive: true }] },
	});
	expect(await getTriggerTools.call(loadContext(http))).toEqual([
		{ name: 'Day to Dusk', value: 'tool-day-to-dusk', description: 'tool-day-to-dusk' },
	]);
});

it('falls back to the known tools without a credential (the trigger needs one only to verify)', async () => {
	const options = await getTriggerTools.call(loadContext(new FakeHttp(), false));
	expect(options).toHaveLength(TOOL_DEFINITIONS.length);
	expect(options).toContainEqual({
		name: 'Virtual Staging',
		value: 'tool-virtual-staging',
		description: 'tool-virtual-staging',
	});
	expect(options.map((o) => o.name)).toEqual(
		[...options.map((o) => o.name)].sort((a, b) => a.localeCompare(b)),
	);
});

it('falls back to the known tools when the catalog is down', async () => {
	const http = new FakeHttp();
	http.on(/^GET \/api\/tools$/, { status: 404, body: 'not here' });
	expect(await getTriggerTools.call(loadContext(http))).toHaveLength(TOOL_DEFINITIONS.length);
});
