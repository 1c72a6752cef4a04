import { AiHomeDesignTrigger } from '../../../../nodes/AiHomeDesign/AiHomeDesignTrigger.node';

const { description } = new AiHomeDesignTrigger();

describe('AI HomeDesign Trigger description', () => {
	it('is a webhook trigger answering POSTs at once', () => {
		expect(description).toMatchObject({
			name: 'aiHomeDesignTrigger',
			displayName: 'AI HomeDesign Trigger',
			group: ['trigger'],
			inputs: [],
		});
		expect(description.webhooks).toEqual([
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// Empty: n8n answers with what webhook() returns, and evaluates no expression per delivery.
				responseData: '',
				path: 'aihomedesign',
			},
		]);
		expect(description).not.toHaveProperty('usableAsTool');
	});

	it('needs the API credential only when verifying, the secret credential only for Secret in URL', () => {
		expect(description.credentials).toEqual([
			{
				name: 'aiHomeDesignApi',
				required: true,
				displayOptions: { show: { verifyWithApi: [true] } },
			},
			{
				name: 'aiHomeDesignWebhookApi',
				required: true,
				testedBy: 'testWebhookSecret',
				displayOptions: { show: { authentication: ['urlSecret'] } },
			},
		]);
	});

	it('tells the user what to paste where, with and without a secret', () => {
		const notices = description.properties.filter(
			(p) => p.type === 'notice' && p.name.startsWith('setupNotice'),
		);
		expect(notices).toHaveLength(3);
		for (const notice of notices) {
			expect(notice.displayName).toContain('API → Webhook → Add Endpoint');
			expect(notice.displayName).toContain('Production URL');
			expect(notice.displayName).toContain('HTTPS');
			expect(notice.displayName).toContain('/webhook-test/');
		}
		for (const name of ['setupNoticeWithSecret', 'setupNoticeLegacySecret']) {
			expect(notices.find((n) => n.name === name)?.displayName).toContain('?secret=');
		}
	});

	it('keeps the secret masked and the tool list on the catalog loader', () => {
		const secret = description.properties.find((p) => p.name === 'secret');
		expect(secret?.typeOptions).toEqual({ password: true });
		const tools = description.properties.find((p) => p.name === 'tools');
		expect(tools?.typeOptions?.loadOptionsMethod).toBe('getTools');
		expect(new AiHomeDesignTrigger().methods.loadOptions.getTools).toBeInstanceOf(Function);
	});

	it('defaults to both statuses and any tool', () => {
		const byName = Object.fromEntries(description.properties.map((p) => [p.name, p.default]));
		expect(byName).toMatchObject({
			statusFilter: 'both',
			toolFilter: 'any',
			verifyWithApi: false,
			authentication: 'none',
			secret: '',
		});
	});
});
