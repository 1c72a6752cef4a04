/** Nearest-rank percentile of an ascending list; NaN for an empty one. */
export function percentile(sorted: readonly number[], p: number): number {
	if (!sorted.length) return NaN;
	const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[i];
}

/** Sorts a copy ascending, then takes the percentile. */
export const percentileOf = (values: readonly number[], p: number): number =>
	percentile(
		[...values].sort((a, b) => a - b),
		p,
	);
