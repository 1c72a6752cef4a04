/** GET /api/tools: the tool catalog, no auth, `{ data: [ { id, name, slug, isActive } ] }` (the docs). */
import { json } from './answers';
import type { Handler } from './context';
import { SIM_TOOLS } from './spec/tools';

export const isToolActive = (inactive: string[] | undefined, slug: string) =>
	!(inactive ?? []).includes(slug);

export const getCatalog: Handler = (ctx) =>
	json(200, {
		data: SIM_TOOLS.map((tool) => ({
			id: tool.id,
			name: tool.name,
			slug: tool.slug,
			isActive: isToolActive(ctx.opts.inactiveTools, tool.slug),
		})),
	});
