/** The platform's state and what every handler gets: the state, the options, the time of the request. */
import type {
	FaultName,
	FaultSwitches,
	PlatformOptions,
	ProcessCompletedEvent,
	SimGroup,
	SimOrder,
	SimProcess,
	SimProject,
	SimRequest,
	SimResponse,
} from './types';

export interface State {
	projects: Map<string, SimProject>;
	orders: Map<string, SimOrder>;
	processes: Map<string, SimProcess>;
	groups: Map<string, SimGroup>;
	/** Input asset id → its order; result asset id → its process: the file server's look-ups. */
	assetOwner: Map<string, SimOrder>;
	resultOwner: Map<string, SimProcess>;
	imageCache: Map<string, Buffer>;
	/** Creation times of the processes inside the generation-limit window. */
	generations: number[];
	emitted: Set<string>;
	eventLog: ProcessCompletedEvent[];
	eventCursor: number;
	processSeq: number;
	projectSeq: number;
}

export function createState(): State {
	return {
		projects: new Map(),
		orders: new Map(),
		processes: new Map(),
		groups: new Map(),
		assetOwner: new Map(),
		resultOwner: new Map(),
		imageCache: new Map(),
		generations: [],
		emitted: new Set(),
		eventLog: [],
		eventCursor: 0,
		processSeq: 0,
		projectSeq: 0,
	};
}

export interface Ctx {
	state: State;
	opts: PlatformOptions;
	/** The request's time. */
	now: number;
	/** Where files are served, no trailing slash. */
	baseUrl: string;
	newId(): string;
	/** Consumes one of a fault that a handler applies itself (a side effect, not a changed answer). */
	takeFault<K extends FaultName>(name: K, req: SimRequest): FaultSwitches[K] | undefined;
}

export type Handler = (ctx: Ctx, req: SimRequest, params: Record<string, string>) => SimResponse;
