/**
 * The AI HomeDesign V3 platform, simulated: pure logic, no sockets, no timers. Time comes from an injected
 * clock, so a process's status, the rate limits and the webhook events all move only when the clock does.
 * The node:http shell (../http-server.ts) puts this on a loopback port and delivers the webhook events.
 *
 * Behaviour follows the platform's docs only; it imports nothing from the nodes under test.
 */
import { objectIds } from '../../support/ids';
import { createRealClock } from '../../support/time/real-clock';
import type { Clock } from '../../support/time/virtual-clock';
import { apiError, text } from './answers';
import { createState, type Ctx, type State } from './context';
import { allEvents, takeDue } from './events';
import { after, before, consume, isApiRequest, noFaults } from './faults';
import { addProject } from './projects';
import { match } from './router';
import type {
	CallRecord,
	FaultName,
	FaultSwitches,
	PlatformOptions,
	ProcessCompletedEvent,
	SimOrderView,
	SimProcessView,
	SimProjectView,
	SimRequest,
	SimResponse,
} from './types';
import { orderViews, processViews, projectViews } from './views';

export class Platform {
	readonly faults: FaultSwitches = noFaults();
	readonly calls: CallRecord[] = [];

	private readonly clock: Clock;
	private baseUrl: string;
	private readonly state: State = createState();
	private readonly newId: () => string;
	/** A fault applied outside handle()'s own checks (orderWithoutAssets, a late dropConnection), for the call log. */
	private pendingFault: FaultName | undefined;

	constructor(private readonly opts: PlatformOptions) {
		this.clock = opts.clock ?? createRealClock();
		this.baseUrl = opts.publicBaseUrl.replace(/\/+$/, '');
		this.newId = objectIds({ clock: this.clock });
		const address = opts.defaultProjectAddress ?? 'Default Project';
		addProject({ state: this.state, newId: this.newId }, address, this.clock.now(), true);
	}

	get publicBaseUrl(): string {
		return this.baseUrl;
	}

	setPublicBaseUrl(url: string): void {
		this.baseUrl = url.replace(/\/+$/, '');
	}

	/** The default project's id. */
	get defaultProjectId(): string {
		return [...this.state.projects.values()].find((p) => p.default)!.id;
	}

	handle(req: SimRequest): SimResponse {
		const ctx = this.context();
		const path = req.path.length > 1 ? req.path.replace(/\/+$/, '') : req.path;
		const request = { ...req, method: req.method.toUpperCase(), path };
		let faulted = before(this.faults, request);
		let res = faulted?.res;
		if (!res) {
			res = this.dispatch(ctx, request);
			faulted = after(this.faults, request, res, this.opts.envelope !== false);
			res = faulted?.res ?? res;
		}
		this.log(request, res.status, faulted?.fault);
		return res;
	}

	/**
	 * For the HTTP shell: consumes one `dropConnection` fault if it applies to this request. Dropped
	 * before handling, the call is logged here with status 0. After handling, the shell calls handle()
	 * at once, which logs the call with the status the platform meant to send and the fault's name.
	 */
	takeDropConnection(req: {
		method: string;
		path: string;
	}): { afterHandling: boolean } | undefined {
		const fault = this.faults.dropConnection;
		if (!consume(fault, req)) return undefined;
		const afterHandling = fault.afterHandling ?? false;
		if (afterHandling) this.pendingFault = 'dropConnection';
		else this.log({ method: req.method.toUpperCase(), path: req.path }, 0, 'dropConnection');
		return { afterHandling };
	}

	/** Every process.completed payload that has become due so far, in order of completion, each once. */
	completedEvents(): ProcessCompletedEvent[] {
		return allEvents(this.context());
	}

	/** The payloads that became due since the last call (and removes them from this queue). */
	takeDueEvents(): ProcessCompletedEvent[] {
		return takeDue(this.context());
	}

	processes(): SimProcessView[] {
		return processViews(this.context());
	}

	orders(): SimOrderView[] {
		return orderViews(this.context());
	}

	projects(): SimProjectView[] {
		return projectViews(this.context());
	}

	private context(): Ctx {
		return {
			state: this.state,
			opts: this.opts,
			now: this.clock.now(),
			baseUrl: this.baseUrl,
			newId: this.newId,
			takeFault: (name, req) => {
				const fault = this.faults[name];
				if (!consume(fault, req)) return undefined;
				this.pendingFault = name;
				return fault;
			},
		};
	}

	private dispatch(ctx: Ctx, req: SimRequest): SimResponse {
		const found = match(req.method, req.path);
		// An unknown /v3 path still needs the key: 401 before 404, as before any route is known.
		if ((found?.route.auth ?? isApiRequest(req)) && req.headers['x-api-key'] !== this.opts.apiKey)
			return apiError(401, 'Unauthorized', 'api_error_unauthorized');
		if (!found) return apiError(404, 'Not found', 'api_error_not_found');
		try {
			return found.route.handler(ctx, req, found.params);
		} catch (error) {
			return text(500, `Internal Server Error: ${(error as Error).message}`);
		}
	}

	private log(req: { method: string; path: string }, status: number, fault?: FaultName) {
		const applied = this.pendingFault ?? fault;
		this.pendingFault = undefined;
		this.calls.push({
			method: req.method,
			path: req.path,
			at: this.clock.now(),
			status,
			...(applied ? { fault: applied } : {}),
		});
	}
}
