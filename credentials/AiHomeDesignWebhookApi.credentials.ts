import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The AI HomeDesign Trigger's URL secret, kept in a credential so that it stays out of the
 * workflow (its JSON, history, exports and shares). No `test` request: there is no API to ask;
 * the trigger node tests it (`testedBy`: the characters a URL carries unchanged).
 */
export class AiHomeDesignWebhookApi implements ICredentialType {
	// A literal: n8n's lint matches it with the trigger's credential list. A test holds it equal to
	// WEBHOOK_SECRET_CREDENTIAL, the name the trigger reads.
	name = 'aiHomeDesignWebhookApi';

	// Lint wants " API" at the end of every credential's name.
	displayName = 'AI HomeDesign Webhook Secret API';

	icon: Icon = { light: 'file:aihomedesign.svg', dark: 'file:aihomedesign.dark.svg' };

	documentationUrl =
		'https://github.com/aihomedesign-community/n8n-nodes-aihomedesign#using-the-trigger';

	properties: INodeProperties[] = [
		{
			displayName:
				'Make a secret of 20 or more letters and digits, e.g. with <code>openssl rand -hex 24</code> in a terminal, and keep a copy: n8n will not show it again after saving. In the AI HomeDesign dashboard, register the trigger’s Production URL followed by <code>?secret=</code> and this secret.',
			name: 'howToNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Letters, digits and - _ . ~ only: these pass through a URL unchanged. Spaces around it are ignored.',
		},
	];
}
