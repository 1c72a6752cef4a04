// `npm run demo -- --check` works: the same startup as the demo (simulator, n8n with the package, the example
// workflows published, the simulator's webhook pointed at the trigger), one photo → staged round trip through
// the Manual Trigger workflow and the delivery of its completion. Ports are free ones, not 5678/5680.
import { httpRequest } from '../support/net';
import { getPackedTarball, runDemoCheck } from './harness';

describe('the demo (test/demo/run-demo.ts --check)', () => {
	it('starts, stages a photo, hears of the completion, prints PASS and stops everything', async () => {
		const result = await runDemoCheck({ tarball: getPackedTarball() });
		const transcript = `exit ${result.code} (${result.signal ?? 'no signal'}) after ${result.durationMs} ms\n${result.stdout}\n${result.stderr}`;

		expect({ code: result.code, transcript }).toEqual({ code: 0, transcript });
		expect(result.stdout).toMatch(/^PASS$/m);
		expect(result.stdout).toContain(`Editor:    http://127.0.0.1:${result.n8nPort}/`);
		expect(result.stdout).toMatch(/Login: +demo@example\.com +\/ +\S+/);
		expect(result.stdout).toMatch(/ok +photo in → staged photo out/);
		expect(result.stdout).toMatch(/ok +the completion of [0-9a-f]{24} started/);

		// Everything it started is gone.
		for (const port of [result.n8nPort, result.simPort]) {
			expect((await httpRequest(`http://127.0.0.1:${port}/`)).status).toBe(0);
		}
	});
});
