'use strict';
// The end-to-end harness in one import: `import { startN8n, getPackedTarball } from './support';`
// Plain CommonJS on purpose: it needs process, timers and child processes, which the lint rules ban in .ts files.
// Types: index.d.ts.
const { ensureRuntime } = require('./runtime');
const { packPackage, getPackedTarball } = require('./package-tarball');
const {
	startN8n,
	stopLeftovers,
	hasActivatableTrigger,
	DEFAULT_OWNER,
	TERMINAL_STATUSES,
} = require('./n8n-instance');
const workflows = require('./workflows');
const { runDemoCheck } = require('./demo');

module.exports = {
	ensureRuntime,
	packPackage,
	getPackedTarball,
	startN8n,
	stopLeftovers,
	hasActivatableTrigger,
	DEFAULT_OWNER,
	TERMINAL_STATUSES,
	...workflows,
	runDemoCheck,
};
