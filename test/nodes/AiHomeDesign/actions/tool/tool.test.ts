import { AiHomeDesign } from '../../../../../nodes/AiHomeDesign/AiHomeDesign.node';
import { executeContext } from '../../../../support/n8n-context/execute';
import { FakeHttp } from '../../../../support/http/fake-http';

it("Get Many lists the catalog (no key sent) with each tool's slots and options", async () => {
	const http = new FakeHttp();
	http.on(/^GET \/api\/tools$/, {
		body: {
			data: [
				{ id: 1, name: 'Virtual Staging', slug: 'tool-virtual-staging', isActive: true },
				{ id: 2, name: 'Old', slug: 'tool-old', isActive: false },
			],
		},
	});
	const [output] = await new AiHomeDesign().execute.call(
		executeContext({ http, params: { resource: 'tool', operation: 'getAll', activeOnly: true } }),
	);
	expect(output).toHaveLength(1);
	expect(output[0].json).toMatchObject({
		slug: 'tool-virtual-staging',
		input_slots: ['tool-virtual-staging-input-image'],
		widgets: [
			expect.objectContaining({ purpose: 'space', required: true }),
			expect.objectContaining({ purpose: 'style' }),
		],
	});
	expect(http.calls[0].url).toBe('https://api.aihomedesign.test/api/tools');
	expect(http.calls[0].authenticated).toBe(false);
});
