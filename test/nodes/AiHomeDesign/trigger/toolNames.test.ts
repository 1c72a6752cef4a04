import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { TOOL_DEFINITIONS } from '../../../../nodes/AiHomeDesign/domain/tools';
import { getTools, getTriggerTools } from '../../../../nodes/AiHomeDesign/methods/loadOptions';
import { FakeHttp } from '../../../support/http/fake-http';
import { loadOptionsContext } from '../../../support/n8n-context/load-options';

/** The catalog as the platform names its tools (the docs' names). */
const CATALOG = [
	{ id: 1, name: 'AI Item Removal (Mask)', slug: 'tool-item-removal-mask', isActive: true },
	{ id: 2, name: 'AI Interior Designer', slug: 'tool-interior-design', isActive: true },
	{ id: 3, name: 'AI Virtual Staging', slug: 'tool-virtual-staging', isActive: true },
	{ id: 4, name: 'AI Sky Magic', slug: 'tool-sky-magic', isActive: true },
];

/** A Tools dropdown's context, with the catalog behind it; without a credential the package cannot read it. */
function loadContext(withCredential: boolean): ILoadOptionsFunctions {
	const http = new FakeHttp();
	http.on(/^GET \/api\/tools$/, { body: { data: CATALOG } });
	return loadOptionsContext({ http, noCredential: !withCredential });
}

const nameOf = (options: Array<{ name: string; value: unknown }>, slug: string) =>
	options.find((o) => o.value === slug)?.name;

describe('one name per tool in every Tools list', () => {
	it.each(['tool-item-removal-mask', 'tool-interior-design', 'tool-virtual-staging'])(
		'%s: the live list and the list without a credential say the same',
		async (slug) => {
			const known = TOOL_DEFINITIONS.find((t) => t.slug === slug)!.name;
			for (const list of [getTriggerTools, getTools]) {
				expect(nameOf(await list.call(loadContext(true)), slug)).toBe(known);
				expect(nameOf(await list.call(loadContext(false)), slug)).toBe(known);
			}
		},
	);

	it('a tool the package does not know keeps the catalog name', async () => {
		expect(nameOf(await getTriggerTools.call(loadContext(true)), 'tool-sky-magic')).toBe(
			'AI Sky Magic',
		);
	});
});
