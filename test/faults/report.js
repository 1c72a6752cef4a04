'use strict';
/**
 * Prints the fault suite's figures. jest buffers `console` (and linted .ts files may not use it), so
 * this writes straight to process.stdout, where it shows between jest's own lines.
 * Set AIHD_FAULTS_QUIET=1 to silence it.
 */
function formatValue(value) {
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
function report(title, figures) {
	if (process.env.AIHD_FAULTS_QUIET) return;
	const rows = Object.entries(figures);
	const width = Math.max(10, ...rows.map(([label]) => label.length)) + 2;
	const lines = [`\n[faults] ${title}`];
	for (const [label, value] of rows) {
		lines.push(`  ${`${label} `.padEnd(width, '.')} ${formatValue(value)}`);
	}
	process.stdout.write(`${lines.join('\n')}\n`);
}

/** Counts strings: `tally(['a','b','a'])` → `{ a: 2, b: 1 }`. */
function tally(values) {
	const out = {};
	for (const v of values) out[v] = (out[v] || 0) + 1;
	return out;
}

module.exports = { report, tally, formatValue };
