/** The standalone simulator's command line, parsed without side effects (cli.ts runs it). */
import { DEFAULT_API_KEY } from './api-key';

export const USAGE =
	'usage: npm run simulator -- --port <p> [--api-key <k>] [--process-seconds <s>] [--webhook <url>] [--no-rate-limit]';

export interface CliOptions {
	/** 0 = any free port. */
	port: number;
	apiKey: string;
	processSeconds: number;
	webhookUrl?: string;
	rateLimit: boolean;
}

/** The options, or an error message naming what is wrong. */
export function parseCliArgs(argv: string[]): CliOptions | { error: string } {
	const options: CliOptions = {
		port: -1,
		apiKey: DEFAULT_API_KEY,
		processSeconds: 12,
		rateLimit: true,
	};
	const number = (flag: string, raw: string | undefined, max: number) => {
		const value = raw !== undefined && /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
		return value >= 0 && value <= max
			? value
			: { error: `${flag} needs a number from 0 to ${max}` };
	};
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		const value = () => argv[++i];
		if (flag === '--no-rate-limit') options.rateLimit = false;
		else if (flag === '--port') {
			const port = number(flag, value(), 65535);
			if (typeof port !== 'number' || !Number.isInteger(port))
				return { error: '--port needs a whole number from 0 to 65535' };
			options.port = port;
		} else if (flag === '--process-seconds') {
			const seconds = number(flag, value(), 86400);
			if (typeof seconds !== 'number') return seconds;
			options.processSeconds = seconds;
		} else if (flag === '--api-key') {
			const key = value();
			if (!key) return { error: '--api-key needs a value' };
			options.apiKey = key;
		} else if (flag === '--webhook') {
			const url = value();
			if (!url || !/^https?:\/\/\S+$/i.test(url))
				return { error: '--webhook needs an http(s) URL' };
			options.webhookUrl = url;
		} else return { error: `unknown option ${flag}` };
	}
	if (options.port < 0) return { error: '--port is required' };
	return options;
}
