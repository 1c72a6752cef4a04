/** The simulator set up so the docs' requests can be sent to it: an order, a group, the docs' ids mapped to real ones. */
import {
	encodeForm,
	makeJpeg,
	type FaultSwitches,
	type PlatformOptions,
	type SimResponse,
} from '../simulator/platform';
import { bodyOf, createOrder, dataOf, request, testPlatform } from '../simulator/requests';
import type { DocAnswer, DocExample, FaultSettings } from './examples';
import { closestMismatches } from './shape';

export function contractWorld(options: Partial<PlatformOptions> = {}) {
	const { platform, clock } = testPlatform({ generationLimit: false, ...options });
	const order = createOrder(platform, ['primary_angle', 'mask']);
	const [photo, mask] = order.assets.map((a) => a.id);
	// A mask refinement needs a group from an earlier automatic removal.
	const auto = platform.handle(
		request('POST', '/v3/process', {
			body: {
				order_id: order.order_id,
				tool: 'tool-item-removal',
				asset_map: { 'tool-item-removal-input-image': photo },
				widgets: [],
			},
		}),
	);
	const group = dataOf<{ process_group_id: string }>(auto).process_group_id;
	const real: Record<string, string> = { order: order.order_id, photo, mask, group };
	return { platform, clock, real };
}

export type ContractWorld = ReturnType<typeof contractWorld>;

export function setFaults(world: ContractWorld, settings: FaultSettings | undefined) {
	for (const [name, value] of Object.entries(settings ?? {}))
		Object.assign(world.platform.faults, {
			[name]: value as unknown as FaultSwitches[keyof FaultSwitches],
		});
}

/** Sends the example's documented request, with the docs' ids swapped for the world's. */
export function sendDocumented(
	world: ContractWorld,
	example: DocExample,
	path?: string,
): SimResponse {
	const [method, documentedPath] = example.endpoint.split(' ');
	const key = example.auth === false ? null : undefined;
	const target = path ?? documentedPath;
	const parts = example.request?.multipart;
	if (parts) {
		const form = encodeForm(
			parts.map((p) =>
				p.filename !== undefined ? { ...p, data: makeJpeg({ label: p.filename }) } : p,
			),
		);
		return world.platform.handle(
			request(method, target, {
				body: form.body,
				headers: { 'content-type': form.contentType },
				key,
			}),
		);
	}
	let text = example.request?.json === undefined ? undefined : JSON.stringify(example.request.json);
	for (const [role, id] of Object.entries(example.ids ?? {}))
		text = text?.split(id).join(world.real[role]);
	return world.platform.handle(
		request(method, target, { body: text === undefined ? undefined : JSON.parse(text), key }),
	);
}

/** Where the answer departs from the closest documented answer with its status ([] = documented). */
export function departures(
	res: SimResponse,
	answers: DocAnswer[],
	optional: string[] = [],
	envelope = true,
) {
	const same = answers.filter((a) => a.status === res.status);
	if (!same.length)
		return [`status ${res.status}: the docs show ${answers.map((a) => a.status).join(', ')}`];
	const text = same.filter((a) => a.text !== undefined);
	if (text.length)
		return text.some((a) => a.text === res.body) ? [] : [`body: got ${JSON.stringify(res.body)}`];
	const actual = same.some((a) => a.enveloped) || !envelope ? bodyOf(res) : dataOf(res);
	return closestMismatches(
		actual,
		same.map((a) => a.body),
		optional,
	);
}
