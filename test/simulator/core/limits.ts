/** The platform's rate limits: generations per window (documented), and the optional poll-spacing rule. */
import { apiError, json } from './answers';
import type { Ctx } from './context';
import type { SimProcess, SimResponse } from './types';

/**
 * "10 generates per 10 minutes" (the docs' v1-era rate-limit page, assumed for V3), as a sliding window.
 * Counts the generation when it is allowed; answers the documented 429 body when not.
 */
export function takeGeneration(ctx: Ctx): SimResponse | undefined {
	const limit =
		ctx.opts.generationLimit === undefined
			? { max: 10, windowMs: 600000 }
			: ctx.opts.generationLimit;
	if (!limit) return undefined;
	const window = ctx.state.generations;
	while (window.length && window[0] <= ctx.now - limit.windowMs) window.shift();
	if (window.length >= limit.max) {
		const minutes = Math.round(limit.windowMs / 60000);
		return json(429, {
			error: `rate-limit exceeded, ${limit.max} generates per ${minutes} minutes only`,
		});
	}
	window.push(ctx.now);
	return undefined;
}

/**
 * The docs only advise polling a process at most every 5 s; no 429 is documented. So the hard rule is a
 * switch (PlatformOptions.pollMinIntervalMs), off by default. Every poll is logged either way.
 */
export function checkPoll(ctx: Ctx, process: SimProcess): SimResponse | undefined {
	process.pollTimes.push(ctx.now);
	const min = ctx.opts.pollMinIntervalMs ?? false;
	const last = process.acceptedPollTimes[process.acceptedPollTimes.length - 1];
	if (min !== false && last !== undefined && ctx.now - last < min) {
		return apiError(
			429,
			`Too many requests: poll a process at most once every ${Math.round(min / 1000)} seconds`,
			'api_error_too_many_requests',
		);
	}
	process.acceptedPollTimes.push(ctx.now);
	return undefined;
}
