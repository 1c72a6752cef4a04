/**
 * The nodes' schemas against the docs' own answers (examples/*.json): the nodes must read every answer
 * the docs show or say may come. A refusal is a divergence in nodes/, marked `it.failing` with its name
 * until nodes/ is fixed (then the mark must go: it.failing fails once the schema accepts).
 */
import type { ZodTypeAny } from 'zod';

import {
	apiErrorBodySchema,
	createOrderResponseSchema,
	createProcessResponseSchema,
	processCompletedSchema,
	processSchema,
	projectListSchema,
	projectSchema,
	toolCatalogSchema,
} from '../../nodes/AiHomeDesign/schemas';
import { answersOf, type DocAnswer, type ExampleName } from './examples';

const data = (body: unknown) => (body as { data: unknown }).data;

/** Which schema of the nodes reads which documented answer (and from where in the body). */
const READERS: Record<ExampleName, { schema: ZodTypeAny; read?: (body: unknown) => unknown }> = {
	catalog: { schema: toolCatalogSchema, read: data },
	errors: { schema: apiErrorBodySchema },
	orderCreate: { schema: createOrderResponseSchema },
	orderCreateNoCredits: { schema: createOrderResponseSchema },
	processCreateItemRemoval: { schema: createProcessResponseSchema },
	processCreateMask: { schema: createProcessResponseSchema },
	processCreateStaging: { schema: createProcessResponseSchema },
	processGet: { schema: processSchema },
	processGetTolerated: { schema: processSchema },
	projectCreate: { schema: projectSchema },
	projectList: { schema: projectListSchema, read: data },
	webhookProcessCompleted: { schema: processCompletedSchema },
};

/** Documented answers the nodes' schemas refuse today: [label, the divergence]. */
const DIVERGENCES: Record<string, string> = {};

function accepts(name: ExampleName, answer: DocAnswer) {
	const { schema, read = (b: unknown) => b } = READERS[name];
	const result = schema.safeParse(read(answer.body));
	expect(result.success ? [] : result.error.issues).toEqual([]);
}

describe.each(Object.keys(READERS) as ExampleName[])(
	'the nodes read the documented %s answers',
	(name) => {
		const cases = answersOf(name).filter(([, answer]) => answer.body !== undefined);
		const known = cases.filter(([label]) => !(label in DIVERGENCES));
		const diverging = cases.filter(([label]) => label in DIVERGENCES);
		if (known.length) it.each(known)('%s', (_label, answer) => accepts(name, answer));
		// it.failing: a documented answer the nodes refuse today (see DIVERGENCES for which and why).
		if (diverging.length)
			it.failing.each(diverging)('%s (divergence in nodes/)', (_label, answer) =>
				accepts(name, answer),
			);
	},
);

it('names only divergences that exist', () => {
	const labels = (Object.keys(READERS) as ExampleName[]).flatMap((n) =>
		answersOf(n).map(([l]) => l),
	);
	expect(Object.keys(DIVERGENCES).filter((l) => !labels.includes(l))).toEqual([]);
});

it('keeps the group id of a POST /process answer (a mask refinement needs it)', () => {
	const parsed = createProcessResponseSchema.parse(
		answersOf('processCreateItemRemoval')[0][1].body,
	);
	expect(parsed).toMatchObject({ process_group_id: '694002f74da0895282fbdb85' });
});
