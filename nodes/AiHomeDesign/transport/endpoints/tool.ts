import type { z } from 'zod';

import { toolCatalogSchema } from '../../schemas';
import { DEFAULT_BASE_URL, LIVE_CATALOG_URL } from '../../shared/constants';
import { getBaseUrl, JSON_TIMEOUT_MS, MAX_JSON_BYTES, type ApiContext } from '../context';
import { shapeError } from '../errors';
import { parseBody, readBody, unwrapEnvelope } from '../response';
import { getWithoutKey } from '../send';

/** The public tool catalog lives beside the API (no key needed): live host, or the same origin as a custom base URL. */
export function catalogUrlFor(baseUrl: string): string {
	const base = new URL(baseUrl);
	if (base.hostname === new URL(DEFAULT_BASE_URL).hostname) return LIVE_CATALOG_URL;
	return `${base.origin}/api/tools`;
}

export async function fetchToolCatalog(
	this: ApiContext,
): Promise<z.output<typeof toolCatalogSchema>> {
	const url = catalogUrlFor(await getBaseUrl.call(this));
	const request = {
		method: 'GET',
		path: '/api/tools',
		subject: 'The tool catalog',
		url,
		notFoundAdvice: `It is read from ${url}, beside the credential's Base URL: check the Base URL (the default is ${DEFAULT_BASE_URL}).`,
	};
	const node = this.getNode();
	const options = { timeout: JSON_TIMEOUT_MS, encoding: 'stream' as const };
	return await getWithoutKey(this, request, options, async (response, signal) => {
		const body = parseBody(await readBody(response.body, MAX_JSON_BYTES, signal));
		const parsed = toolCatalogSchema.safeParse(unwrapEnvelope(body).payload);
		return parsed.success
			? { ok: true, value: parsed.data }
			: { ok: false, error: shapeError(node, parsed.error, request) };
	});
}
