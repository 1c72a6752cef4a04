// Reads an execution's binary data back through main's REST API (/rest/binary-data, what the editor's
// download button calls), whichever process stored it: in queue mode a worker wrote it.
import { httpRequest } from '../../../support/net';
import type { N8nInstance } from '../instance';

const BROWSER_ID = 'aihd-e2e-binary-reader';

/** The bytes behind a binary data id (`database:...`, `filesystem-v2:...`). */
export async function readBinaryData(n8n: N8nInstance, id: string): Promise<Buffer> {
	const login = await httpRequest(`${n8n.baseUrl}/rest/login`, {
		headers: { 'browser-id': BROWSER_ID },
		body: { emailOrLdapLoginId: n8n.owner.email, password: n8n.owner.password },
		agent: false,
	});
	if (login.status !== 200) throw new Error(`POST /rest/login answered ${login.status}`);
	const cookie = (login.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
	const qs = new URLSearchParams({ id, action: 'download' });
	const res = await httpRequest(`${n8n.baseUrl}/rest/binary-data?${qs.toString()}`, {
		headers: { cookie, 'browser-id': BROWSER_ID },
		agent: false,
	});
	if (res.status !== 200)
		throw new Error(
			`GET /rest/binary-data for ${id} answered ${res.status}: ${res.body.slice(0, 300)}`,
		);
	return res.raw;
}
