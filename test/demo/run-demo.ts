/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- test infrastructure, never shipped */
/**
 * `npm run demo`: a real n8n with this package installed, talking to the AI HomeDesign simulator, with two
 * example workflows published. Open the editor, log in, click Execute workflow, see the staged photo.
 *
 *   npm run demo                      runs until Ctrl-C
 *   npm run demo -- --check           (or DEMO_CHECK=1) same startup, one photo → staged round trip and one
 *                                     webhook delivery, prints PASS or FAIL, exits 0 or 1
 *
 * Environment:
 *   DEMO_N8N_PORT (5678)  DEMO_SIM_PORT (5680)  DEMO_PROCESS_MS (8000: how long a simulated process takes)
 *   DEMO_EMAIL / DEMO_PASSWORD  the owner to log in with (demo@example.com / Demo-passw0rd)
 *   AIHD_TARBALL          an already packed n8n-nodes-aihomedesign-*.tgz (skips build and pack)
 *   DEMO_OUT_DIR          where the before/after photos go (<tmpdir>/aihd-demo)
 *
 * Needs only `npm install` first: Node 24 and n8n are installed once into a cache outside the package
 * (test/e2e/harness/runtime.ts; several minutes the first time).
 */
import fs from 'node:fs';
import path from 'node:path';

import { decodePhoto } from '../simulator/images';
import { startSimulator, type RunningSimulator } from '../simulator/http-server';
import { httpRequest, portIsFree } from '../support/net';
import { sleep } from '../support/sleep';
import {
	ensureRuntime,
	FILES,
	loadWorkflow,
	packPackage,
	simulatorCredential,
	startN8n,
	TARBALL_ENV,
	triggerWebhookPath,
	type Execution,
	type N8nInstance,
	type WorkflowJson,
} from '../e2e/harness';
import {
	AFTER_FILE,
	BEFORE_FILE,
	PHOTO_DIR,
	useSamplePhoto,
	watchResults,
	writeAfter,
	writeBefore,
} from './photos';

const CHECK = process.argv.slice(2).includes('--check') || process.env.DEMO_CHECK === '1';
const N8N_PORT = Number(process.env.DEMO_N8N_PORT || 5678);
const SIM_PORT = Number(process.env.DEMO_SIM_PORT || 5680);
const PROCESS_MS = Number(process.env.DEMO_PROCESS_MS || 8000);
const OWNER = {
	email: process.env.DEMO_EMAIL || 'demo@example.com',
	password: process.env.DEMO_PASSWORD || 'Demo-passw0rd',
	firstName: 'Demo',
	lastName: 'User',
};
const CHECK_NODE = 'Check: staged image present';
const RECORD_NODE = 'Record completion';

const started = Date.now();
const say = (text: string) => process.stdout.write(`${text}\n`);
const step = (text: string) =>
	process.stderr.write(`[demo +${((Date.now() - started) / 1000).toFixed(1)}s] ${text}\n`);

async function checkPorts(): Promise<void> {
	const wanted: Array<[number, string, string]> = [
		[N8N_PORT, 'n8n', 'DEMO_N8N_PORT'],
		[SIM_PORT, 'the simulator', 'DEMO_SIM_PORT'],
	];
	for (const [port, what, env] of wanted) {
		if (!Number.isInteger(port) || port < 1 || port > 65535)
			throw new Error(`${env}=${port} is not a port number`);
		if (!(await portIsFree(port)))
			throw new Error(
				`port ${port} (for ${what}) is already in use on 127.0.0.1: is another n8n or demo running? ` +
					`Stop it, or choose another port with ${env}=<port>.`,
			);
	}
	if (N8N_PORT === SIM_PORT) throw new Error('DEMO_N8N_PORT and DEMO_SIM_PORT must differ');
}

/** The item a node output in an execution (first run, first output, first item). */
function outputOf(execution: Execution | undefined, nodeName: string) {
	return execution?.data?.resultData.runData[nodeName]?.[0]?.data?.main[0]?.[0];
}

interface Demo {
	n8n: N8nInstance;
	sim: RunningSimulator;
	photo: WorkflowJson & { id: string };
	trigger: WorkflowJson & { id: string };
}

/** One photo → staged round trip through `n8n execute`, and the delivery of its completion. Resolves with
 * the problems found. */
async function selfCheck({ n8n, sim, photo, trigger }: Demo): Promise<string[]> {
	const problems: string[] = [];
	const ok = (text: string) => say(`  ok    ${text}`);
	const bad = (text: string) => {
		problems.push(text);
		say(`  FAIL  ${text}`);
	};

	// The editor and the login the banner shows.
	const editor = await httpRequest(`${n8n.baseUrl}/`);
	if (editor.status === 200) ok(`editor answers at ${n8n.baseUrl}/`);
	else bad(`editor at ${n8n.baseUrl}/ answered ${editor.status} ${editor.error ?? ''}`);
	const login = await httpRequest(`${n8n.baseUrl}/rest/login`, {
		headers: { 'browser-id': 'aihd-demo-check' },
		body: { emailOrLdapLoginId: OWNER.email, password: OWNER.password },
	});
	if (login.status === 200) ok(`login as ${OWNER.email} works`);
	else bad(`login as ${OWNER.email} answered ${login.status}`);

	// The photo workflow, run the way the editor's "Execute workflow" would (its Manual Trigger).
	step(`running "${photo.name}" with n8n execute`);
	const t0 = Date.now();
	await n8n.runCli(['execute', `--id=${photo.id}`, '--rawOutput'], { allowFailure: true });
	// `n8n execute` has been seen to crash on exit after a good run: judge by the execution record.
	const [execution] = await n8n
		.waitForExecutions({ workflowId: photo.id, count: 1, timeoutMs: 15000 })
		.catch(() => [] as Execution[]);
	const staged = outputOf(execution, CHECK_NODE);
	const image = staged?.binary?.data;
	let processId: string | undefined;
	if (!execution) bad(`"${photo.name}" left no execution record`);
	else if (execution.status !== 'success')
		bad(
			`"${photo.name}" ended ${execution.status}: ${execution.data?.resultData.error?.message ?? '(no message)'}`,
		);
	else if (!image || !String(image.mimeType).startsWith('image/'))
		bad(`"${photo.name}" succeeded but "${CHECK_NODE}" has no image in its binary field "data"`);
	else {
		processId = String(staged.json.process_id);
		ok(
			`photo in → staged photo out in ${((Date.now() - t0) / 1000).toFixed(1)} s: process ${processId}, ` +
				`${image.fileName} (${image.mimeType}, ${image.fileSize})`,
		);
		const simProcess = sim.platform.processes().find((p) => p.id === processId);
		if (!simProcess) bad(`the simulator does not know process ${processId}`);
		else if (simProcess.status !== 'done')
			bad(`the simulator says process ${processId} is ${simProcess.status}`);
		else {
			checkPhotos(sim, processId, ok, bad);
			// Not a failure of the demo (the node waits and tries again), but worth seeing.
			const refused = simProcess.pollTimes.length - simProcess.acceptedPollTimes.length;
			if (refused > 0)
				say(
					`  note  the simulator refused ${refused} status check(s) of ${processId} with 429 ` +
						`(less than 5 s after the previous one); polls at ${simProcess.pollTimes
							.map((t) => `${t - simProcess.createdAt} ms`)
							.join(', ')} after creation`,
				);
		}
	}

	// Its completion, delivered by the simulator to the trigger's Production URL.
	if (processId) {
		const deadline = Date.now() + 30000;
		let run: Execution | undefined;
		while (!run && Date.now() < deadline) {
			const executions = await n8n.listExecutions({ workflowId: trigger.id });
			run = executions.find(
				(e) => e.status === 'success' && outputOf(e, RECORD_NODE)?.json.process_id === processId,
			);
			if (!run) await sleep(500);
		}
		if (run) ok(`the completion of ${processId} started "${trigger.name}" (execution ${run.id})`);
		else
			bad(
				`no execution of "${trigger.name}" for ${processId} within 30 s; deliveries: ` +
					JSON.stringify(sim.deliveries.filter((d) => d.processId === processId)),
			);
	}
	return problems;
}

/** The staged photo on disk next to the sample: a JPEG of the sample's size, and not the sample itself. */
function checkPhotos(
	sim: RunningSimulator,
	processId: string,
	ok: (text: string) => void,
	bad: (text: string) => void,
): void {
	const after = writeAfter(sim, processId);
	if (!after) return bad(`the simulator has no result file for ${processId}`);
	const [beforeJpeg, afterJpeg] = [fs.readFileSync(BEFORE_FILE), fs.readFileSync(after)];
	const [b, a] = [decodePhoto(beforeJpeg)?.bitmap, decodePhoto(afterJpeg)?.bitmap];
	if (!a || !b) return bad(`${after} or ${BEFORE_FILE} is not a readable JPEG`);
	if (a.width !== b.width || a.height !== b.height || a.data.equals(b.data))
		return bad(`${after} (${a.width}×${a.height}) is not the sample photo changed`);
	ok(`before/after: ${BEFORE_FILE} → ${after} (${a.width}×${a.height}, staged and labelled)`);
}

function printBanner({ n8n, sim, photo, trigger }: Demo, productionUrl: string): void {
	say('');
	say(
		'AI HomeDesign demo: n8n with n8n-nodes-aihomedesign, against a local AI HomeDesign simulator',
	);
	say('');
	say(`  Editor:    ${n8n.baseUrl}/   (use 127.0.0.1: n8n listens on IPv4 loopback only)`);
	say(`  Login:     ${OWNER.email}  /  ${OWNER.password}`);
	say(
		`  Simulator: ${sim.apiBaseUrl} (credential "AI HomeDesign (simulator)", API key test-api-key)`,
	);
	say(`  Webhooks:  the simulator posts each finished process to ${productionUrl}`);
	say(`  Photos:    before ${BEFORE_FILE} (the sample room the workflow uploads)`);
	say(
		`             after  ${AFTER_FILE} (the latest result; each one also as after-<process id>.jpg)`,
	);
	say('');
	say(`  1. Open the workflow "${photo.name}" and click "Execute workflow".`);
	say(
		`     The AI HomeDesign node uploads the sample photo, runs Virtual Staging and waits (about ${Math.max(1, Math.ceil(PROCESS_MS / 5000)) * 5} s:`,
	);
	say('     the platform allows one status check every 5 s). Open the last node,');
	say(`     "${CHECK_NODE}", and look at the Binary tab of its output: the staged image.`);
	say(`  2. Open the workflow "${trigger.name}" and its Executions tab:`);
	say('     each finished process started it once (published, so its Production URL is live).');
	say('');
	say("  The simulator keeps the platform's limits: 10 processes per 10 minutes (more wait in the");
	say("  node's queue) and one status check per process every 5 s.");
	say('');
}

async function main(): Promise<number> {
	await checkPorts();
	step('runtime (Node 24 + n8n, cached after the first run)');
	const runtime = await ensureRuntime();

	let tarball = process.env[TARBALL_ENV];
	let packDir: string | undefined;
	if (tarball) {
		if (!fs.existsSync(tarball)) throw new Error(`${TARBALL_ENV}=${tarball} does not exist`);
		step(`using ${TARBALL_ENV}=${tarball}`);
	} else {
		step('building and packing the package (npm run build, npm pack)');
		tarball = packPackage();
		packDir = path.dirname(tarball);
	}

	const resources: { sim?: RunningSimulator; n8n?: N8nInstance } = {};
	let stopping: Promise<void> | undefined;
	const stopAll = async () => {
		stopping ??= (async () => {
			await resources.n8n?.stop().catch(() => undefined);
			await resources.sim?.stop().catch(() => undefined);
			if (packDir) fs.rmSync(packDir, { recursive: true, force: true });
		})();
		await stopping;
	};
	let signals = 0;
	const onSignal = (signal: NodeJS.Signals) => {
		if (++signals > 1) process.exit(130);
		process.stderr.write(`\n[demo] ${signal}: stopping n8n and the simulator...\n`);
		void stopAll().then(() => {
			process.stderr.write('[demo] stopped.\n');
			process.exit(CHECK ? 130 : 0);
		});
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	process.on('SIGHUP', onSignal);

	try {
		step(`simulator on 127.0.0.1:${SIM_PORT} (a process takes ${PROCESS_MS} ms)`);
		const sim = await startSimulator({
			port: SIM_PORT,
			platformOptions: { processDurationMs: PROCESS_MS },
		});
		resources.sim = sim;

		const photo = loadWorkflow(FILES.photoToStaged);
		step(`sample listing photo (rendered, 1024×683) in ${PHOTO_DIR}`);
		useSamplePhoto(photo, writeBefore());
		const trigger = loadWorkflow(FILES.triggerRecord);
		step(
			`n8n ${runtime.n8nVersion} on 127.0.0.1:${N8N_PORT} with the package installed (about 20 s)`,
		);
		const n8n = await startN8n({
			runtime,
			tarball,
			port: N8N_PORT,
			owner: OWNER,
			workflows: [photo, trigger],
			credentials: [simulatorCredential(sim.apiBaseUrl)],
			publishVia: 'api',
		});
		resources.n8n = n8n;
		const productionUrl = n8n.webhookUrl(triggerWebhookPath(trigger));
		sim.setWebhookUrl(productionUrl);
		step('ready');
		const demo = { n8n, sim, photo, trigger };
		printBanner(demo, productionUrl);

		if (CHECK) {
			say('Self-check (--check):');
			const problems = await selfCheck(demo);
			say('');
			if (problems.length) {
				say(`FAIL (${problems.length} problem(s))`);
				process.stderr.write(
					`\n[demo] n8n log tail:\n${n8n.logs().split('\n').slice(-60).join('\n')}\n`,
				);
			} else say('PASS');
			await stopAll();
			return problems.length ? 1 : 0;
		}

		watchResults(sim, (file) => say(`  staged photo saved: ${file}  (before: ${BEFORE_FILE})`));
		say('Running. Press Ctrl-C to stop n8n and the simulator.');
		return await new Promise<number>(() => undefined); // until a signal handler exits
	} catch (error) {
		await stopAll();
		throw error;
	}
}

main().then(
	(code) => process.exit(code),
	(error: Error) => {
		process.stderr.write(`\n[demo] ${error?.stack ?? String(error)}\n`);
		if (CHECK) say('FAIL');
		process.exit(1);
	},
);
