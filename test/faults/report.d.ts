// Types for report.js (plain JavaScript: it writes to process.stdout, which .ts files may not use).
export type Figure = string | number | null | undefined | Record<string, string | number>;

/** Prints a titled block of `label ..... value` lines to stdout (not swallowed by jest). */
export function report(title: string, figures: Record<string, Figure>): void;

/** Counts equal strings. */
export function tally(values: Iterable<string>): Record<string, number>;

export function formatValue(value: Figure): string;
