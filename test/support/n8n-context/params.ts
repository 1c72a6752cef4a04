import type { IDataObject } from 'n8n-workflow';

/** What a node description offers: its properties with their defaults. */
export interface DescribedNode {
	properties: Array<{ name: string; type: string; default?: unknown }>;
}

/** A node's parameters as a fresh node in the editor has them (its description's defaults), plus `overrides`. */
export function parametersOf(description: DescribedNode, overrides: IDataObject = {}): IDataObject {
	const defaults = Object.fromEntries(
		description.properties.filter((p) => p.type !== 'notice').map((p) => [p.name, p.default]),
	) as IDataObject;
	return { ...defaults, ...overrides };
}

/** Reads a parameter by name or `a.b` path, as getNodeParameter does; undefined when absent. */
export function readParameter(params: IDataObject, path: string): unknown {
	return path
		.split('.')
		.reduce<unknown>(
			(value, key) => (value == null ? undefined : (value as IDataObject)[key]),
			params,
		);
}
