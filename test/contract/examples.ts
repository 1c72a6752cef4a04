/** The docs' request and answer examples (examples/*.json), typed. One file per documented exchange. */
import catalog from './examples/catalog.json';
import errors from './examples/errors.json';
import orderCreateNoCredits from './examples/order-create-no-credits.json';
import orderCreate from './examples/order-create.json';
import processCreateItemRemoval from './examples/process-create-item-removal.json';
import processCreateMask from './examples/process-create-mask.json';
import processCreateStaging from './examples/process-create-staging.json';
import processGetTolerated from './examples/process-get-tolerated.json';
import processGet from './examples/process-get.json';
import projectCreate from './examples/project-create.json';
import projectList from './examples/project-list.json';
import webhookProcessCompleted from './examples/webhook-process-completed.json';

/** Fault switches (by name) that make the simulator give this answer: for the answers the docs say may come. */
export type FaultSettings = Record<string, Record<string, unknown>>;

export interface DocAnswer {
	/** Names an alternative, e.g. "an unknown status". */
	name?: string;
	status: number;
	/** The JSON body as the docs show it (bare, unless `enveloped`). */
	body?: unknown;
	/** A plain-text body. */
	text?: string;
	enveloped?: boolean;
	fault?: FaultSettings;
	/** The answer of a finished process. */
	done?: boolean;
}

export interface DocExample {
	title: string;
	/** Where in aihomedesign-api.md (and which witness) the example comes from. */
	source: string;
	endpoint: string;
	auth?: boolean;
	/** The role of each id in the example's request, so a test can put real ids in their place. */
	ids?: Record<string, string>;
	request?: {
		json?: unknown;
		multipart?: Array<{ name: string; value?: string; filename?: string; contentType?: string }>;
	};
	fault?: FaultSettings;
	/** Paths (dotted, `*` = every element) the docs mark as possibly absent. */
	optional?: string[];
	/** Each is a documented answer; a server gives one of them. */
	answers: DocAnswer[];
}

export const EXAMPLES = {
	catalog,
	errors,
	orderCreate,
	orderCreateNoCredits,
	processCreateItemRemoval,
	processCreateMask,
	processCreateStaging,
	processGet,
	processGetTolerated,
	projectCreate,
	projectList,
	webhookProcessCompleted,
} as unknown as Record<ExampleName, DocExample>;

export type ExampleName =
	| 'catalog'
	| 'errors'
	| 'orderCreate'
	| 'orderCreateNoCredits'
	| 'processCreateItemRemoval'
	| 'processCreateMask'
	| 'processCreateStaging'
	| 'processGet'
	| 'processGetTolerated'
	| 'projectCreate'
	| 'projectList'
	| 'webhookProcessCompleted';

/** The documented answers of an example as [label, answer] pairs, for it.each. */
export function answersOf(name: ExampleName): Array<[string, DocAnswer]> {
	return EXAMPLES[name].answers.map((answer, i) => [
		`${name} #${i + 1}${answer.name ? ` (${answer.name})` : ''}`,
		answer,
	]);
}
