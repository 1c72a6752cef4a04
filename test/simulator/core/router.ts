/** The route table: method + path pattern → handler, and whether the route needs the API key. */
import { appendToOrder, createOrder, getOrder } from './orders';
import { getCatalog } from './catalog';
import type { Handler } from './context';
import { getFile } from './files';
import { createProcess, getProcess } from './processes';
import { createProject, getProject, listProjects } from './projects';

interface Route {
	methods: string[];
	pattern: string;
	/** V3 API routes need `x-api-key`; the catalog and the file links do not. */
	auth: boolean;
	handler: Handler;
}

const ROUTES: Route[] = [
	{ methods: ['GET'], pattern: '/api/tools', auth: false, handler: getCatalog },
	{ methods: ['GET', 'HEAD'], pattern: '/files/:name', auth: false, handler: getFile },
	{ methods: ['POST'], pattern: '/v3/project', auth: true, handler: createProject },
	{ methods: ['GET'], pattern: '/v3/project', auth: true, handler: listProjects },
	{ methods: ['GET'], pattern: '/v3/project/:id', auth: true, handler: getProject },
	{ methods: ['POST'], pattern: '/v3/order', auth: true, handler: createOrder },
	{ methods: ['POST'], pattern: '/v3/order/:id/append', auth: true, handler: appendToOrder },
	{ methods: ['GET'], pattern: '/v3/order/:id', auth: true, handler: getOrder },
	{ methods: ['POST'], pattern: '/v3/process', auth: true, handler: createProcess },
	{ methods: ['GET'], pattern: '/v3/process/:id', auth: true, handler: getProcess },
];

function compile(pattern: string): { re: RegExp; names: string[] } {
	const names: string[] = [];
	const source = pattern.replace(/:([a-z]+)/g, (_m, name: string) => {
		names.push(name);
		return '([^/]+)';
	});
	return { re: new RegExp(`^${source}$`), names };
}

const TABLE = ROUTES.map((route) => ({ ...route, ...compile(route.pattern) }));

export interface Match {
	route: Route;
	params: Record<string, string>;
}

export function match(method: string, path: string): Match | undefined {
	for (const route of TABLE) {
		if (!route.methods.includes(method)) continue;
		const m = route.re.exec(path);
		if (!m) continue;
		const params = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
		return { route, params };
	}
	return undefined;
}
