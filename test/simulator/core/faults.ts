/**
 * The fault switches: which request a fault hits, and applying it before the platform handles the
 * request (no side effects) or after (the side effects happened, the answer is lost or changed).
 * dropConnection and slowMs are socket-level: the HTTP shell applies them (Platform.takeDropConnection).
 */
import { dataIn } from './answers';
import {
	malformed,
	rateLimited,
	serverError,
	withFields,
	withoutField,
	withStatus,
} from './fault-answers';
import type { FaultFilter, FaultName, FaultSwitches, SimRequest, SimResponse } from './types';

export const isApiRequest: FaultFilter = (req) => req.path === '/v3' || req.path.startsWith('/v3/');

export function noFaults(): FaultSwitches {
	return {
		serverErrorBurst: { count: 0 },
		rateLimitBurst: { count: 0 },
		malformedBody: { count: 0 },
		slowMs: 0,
		dropConnection: { count: 0 },
		orderWithoutAssets: { count: 0 },
		unknownStatus: { count: 0 },
		extraFields: { count: 0 },
		missingField: { count: 0, path: '' },
	};
}

/** Whether the fault hits this request; if so, uses one of its count. */
export function consume(
	fault: { count: number; only?: FaultFilter } | undefined,
	req: { method: string; path: string },
	applies = true,
): boolean {
	if (!fault || !(fault.count > 0) || !applies) return false;
	if (!(fault.only ?? isApiRequest)(req)) return false;
	fault.count--;
	return true;
}

export interface Faulted {
	res: SimResponse;
	fault: FaultName;
}

/** Faults that answer instead of the platform: nothing happens. */
export function before(faults: FaultSwitches, req: SimRequest): Faulted | undefined {
	const server = faults.serverErrorBurst;
	if (!server.afterHandling && consume(server, req))
		return { fault: 'serverErrorBurst', res: serverError(server.status ?? 500) };
	if (consume(faults.rateLimitBurst, req))
		return { fault: 'rateLimitBurst', res: rateLimited(faults.rateLimitBurst.retryAfterSeconds) };
	if (consume(faults.malformedBody, req))
		return { fault: 'malformedBody', res: malformed(faults.malformedBody.kind ?? 'wrong-shape') };
	return undefined;
}

/** Faults on the platform's answer, once its side effects happened. Changes `res` in place. */
export function after(
	faults: FaultSwitches,
	req: SimRequest,
	res: SimResponse,
	envelope: boolean,
): Faulted | undefined {
	const server = faults.serverErrorBurst;
	if (server.afterHandling && consume(server, req))
		return { fault: 'serverErrorBurst', res: serverError(server.status ?? 500) };
	const data = res.status >= 200 && res.status < 300 ? dataIn(res, envelope) : undefined;
	if (data === undefined) return undefined;
	let fault: FaultName | undefined;
	const apply = (name: FaultName, change: (probe: unknown) => boolean) => {
		// Probe a copy first, so a fault is used up only on an answer it can change.
		if (!(faults[name].count > 0) || !change(structuredClone(data))) return;
		if (!consume(faults[name], req)) return;
		change(data);
		fault ??= name;
	};
	apply('unknownStatus', (d) => withStatus(d, faults.unknownStatus.status ?? 'queued'));
	apply('extraFields', (d) => withFields(d, faults.extraFields.fields ?? { sim_extra: true }));
	apply('missingField', (d) => withoutField(d, faults.missingField.path));
	return fault ? { fault, res } : undefined;
}
