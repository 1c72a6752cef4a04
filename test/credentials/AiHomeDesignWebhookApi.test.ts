/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test infrastructure, never shipped */
import fs from 'node:fs';
import path from 'node:path';

import { AiHomeDesignWebhookApi } from '../../credentials/AiHomeDesignWebhookApi.credentials';
import { AiHomeDesignTrigger } from '../../nodes/AiHomeDesign/AiHomeDesignTrigger.node';
import { WEBHOOK_SECRET_CREDENTIAL } from '../../nodes/AiHomeDesign/shared/constants';
import { REPO_ROOT as root } from '../support/repo';

const credential = new AiHomeDesignWebhookApi();

describe('AI HomeDesign Webhook Secret credential', () => {
	it('holds one required secret, masked in the dialog', () => {
		const fields = credential.properties.filter((p) => p.type !== 'notice');
		expect(fields).toEqual([
			expect.objectContaining({
				name: 'secret',
				type: 'string',
				typeOptions: { password: true },
				required: true,
			}),
		]);
	});

	it('says how to make a secret, that n8n will not show it again, and where it goes in the URL', () => {
		const notice = credential.properties.find((p) => p.type === 'notice')?.displayName ?? '';
		expect(notice).toContain('openssl rand -hex 24');
		expect(notice).toContain('will not show it again');
		expect(notice).toContain('?secret=');
		expect(credential.properties.find((p) => p.name === 'secret')?.description).toContain(
			'- _ . ~',
		);
	});

	it('is the type the trigger reads, and the trigger offers it', () => {
		expect(credential.name).toBe(WEBHOOK_SECRET_CREDENTIAL);
		const names = new AiHomeDesignTrigger().description.credentials?.map((c) => c.name);
		expect(names).toContain(credential.name);
	});

	it('ships: listed in package.json, with light and dark icon files', () => {
		const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
		expect(pkg.n8n.credentials).toContain('dist/credentials/AiHomeDesignWebhookApi.credentials.js');
		const icon = credential.icon as { light: string; dark: string };
		for (const file of [icon.light, icon.dark]) {
			expect(fs.existsSync(path.join(root, 'credentials', file.replace(/^file:/, '')))).toBe(true);
		}
		expect(icon.light).not.toBe(icon.dark);
	});
});
