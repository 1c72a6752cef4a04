/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test infrastructure, never shipped */
/**
 * Prints a suite's figures. jest buffers `console`, so this writes straight to process.stdout, where
 * it shows between jest's own lines. Set AIHD_FAULTS_QUIET=1 to silence it.
 */
export type Figure = string | number | null | undefined | Record<string, string | number>;

export function formatValue(value: Figure): string {
	if (value === null || value === undefined) return '-';
	if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(2);
	if (typeof value === 'object') {
		const entries = Object.entries(value);
		if (!entries.length) return 'none';
		return entries.map(([k, v]) => `${k}: ${formatValue(v)}`).join(', ');
	}
	return String(value);
}

/** Prints one block: a title and `label ..... value` lines. */
export function report(title: string, figures: Record<string, Figure>): void {
	if (process.env.AIHD_FAULTS_QUIET) return;
	const rows = Object.entries(figures);
	const width = Math.max(10, ...rows.map(([label]) => label.length)) + 2;
	const lines = [`\n[faults] ${title}`];
	for (const [label, value] of rows) {
		lines.push(`  ${`${label} `.padEnd(width, '.')} ${formatValue(value)}`);
	}
	process.stdout.write(`${lines.join('\n')}\n`);
}

/** Counts equal strings: `tally(['a', 'b', 'a'])` → `{ a: 2, b: 1 }`. */
export function tally(values: Iterable<string>): Record<string, number> {
	const out: Record<string, number> = {};
	for (const v of values) out[v] = (out[v] ?? 0) + 1;
	return out;
}
