/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test infrastructure, never shipped */
/** A table of figures as every benchmark reports it: printed by printTable, stored in results/latest.json. */
export interface Table {
	title: string;
	/** How it was measured, one line each, printed under the title. */
	notes: string[];
	headers: string[];
	rows: string[][];
}

/** A number with `digits` decimals, '-' when there is none. */
export const fmt = (n: number | undefined, digits = 1): string =>
	n !== undefined && Number.isFinite(n) ? n.toFixed(digits) : '-';

export const pass = (ok: boolean): string => (ok ? 'PASS' : 'FAIL');

/** The table as Markdown, first column left-aligned, the others right-aligned, padded to line up. */
export function formatTable({ title, notes, headers, rows }: Table): string {
	const cells = [headers, ...rows];
	const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
	const line = (r: string[]) =>
		`| ${widths.map((w, i) => (i === 0 ? (r[i] ?? '').padEnd(w) : (r[i] ?? '').padStart(w))).join(' | ')} |`;
	return [
		`## ${title}`,
		...notes.map((n) => `   ${n}`),
		line(headers),
		`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
		...rows.map(line),
	].join('\n');
}

export function printTable(table: Table): void {
	process.stdout.write(`\n${formatTable(table)}\n`);
}
