/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test infrastructure, never shipped: a command line tool */
/**
 * `npm run simulator -- --port <p> ...`: the simulator in the foreground, for dry runs of one's own
 * workflows (the credential's Base URL = the first line printed). Stops on Ctrl-C or SIGTERM.
 */
import { parseCliArgs, USAGE } from './cli-args';
import { startSimulator } from './http-server';

const write = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
	const options = parseCliArgs(process.argv.slice(2));
	if ('error' in options) {
		process.stderr.write(`${options.error}\n${USAGE}\n`);
		return 2;
	}
	const sim = await startSimulator({
		port: options.port,
		webhookUrl: options.webhookUrl,
		platformOptions: {
			apiKey: options.apiKey,
			processDurationMs: options.processSeconds * 1000,
			...(options.rateLimit ? {} : { generationLimit: false }),
		},
	});
	// The first line is the API base URL, alone, so scripts can read it.
	write(sim.apiBaseUrl);
	write(`  x-api-key: ${options.apiKey}`);
	write(`  tool catalog: ${sim.url}/api/tools`);
	write(`  processes take ${options.processSeconds} s`);
	write(`  webhook: ${options.webhookUrl ?? 'none (events wait)'}`);
	write(`  generation limit: ${options.rateLimit ? '10 per 10 minutes' : 'off'}`);
	write('  Ctrl-C stops it.');
	await new Promise<void>((resolve) => {
		process.once('SIGINT', resolve);
		process.once('SIGTERM', resolve);
	});
	await sim.stop();
	return 0;
}

main().then(
	(code) => {
		process.exitCode = code;
	},
	(error: Error) => {
		process.stderr.write(`simulator: ${error.message}\n`);
		process.exitCode = 1;
	},
);
