/**
 * `pakalpojumi-conformance --system URL --webhook-secret whsec_… [options]`:
 * starts the platform stand-in, runs every check against the system, prints
 * the report (and writes it as JSON with --json), and exits 0 when every
 * check passed, 1 when any failed, 2 when it could not run.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { formatReport } from './report.js';
import { DEFAULTS, runConformance } from './run.js';
import { startStandIn } from './stand-in.js';

export const USAGE = `Usage: pakalpojumi-conformance --system URL --webhook-secret whsec_… [options]

Checks an institution's system against the platform's unified requirements
(packages/conformance/REQUIREMENTS.md). The kit stands in for the platform:
configure the system's platform address as http://<--listen> before the run.

  --system URL            the system's address (required)
  --webhook-secret S      the whsec_ secret the system verifies webhooks with
                          (required; or the PAKALPOJUMI_WEBHOOK_SECRET variable)
  --listen HOST:PORT      where the platform stand-in listens (default 127.0.0.1:8790)
  --login-path PATH       the portal's sign-in address (default ${DEFAULTS.loginPath})
  --webhook-path PATH     the webhook endpoint (default ${DEFAULTS.webhookPath})
  --deep-link URL|PATH    an e-service deep link; repeat for each
  --platform URL          the platform the portal signs in through, when not the stand-in
  --status-within SECONDS the time named for the first status report (default ${DEFAULTS.statusWithinSeconds})
  --institution ID        the institution id put in test applications (default: random)
  --service ID            the service id put in test applications (default: random)
  --json FILE             also write the report as JSON (- for standard output, then no text)
  --help                  this text

Exit code: 0 every check passed, 1 a check failed, 2 the kit could not run.
`;

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

const console_: Output = { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) };

class UsageError extends Error {}

function parse(argv: string[], env: NodeJS.ProcessEnv) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      system: { type: 'string' },
      'webhook-secret': { type: 'string' },
      listen: { type: 'string', default: '127.0.0.1:8790' },
      'login-path': { type: 'string', default: DEFAULTS.loginPath },
      'webhook-path': { type: 'string', default: DEFAULTS.webhookPath },
      'deep-link': { type: 'string', multiple: true, default: [] },
      platform: { type: 'string' },
      'status-within': { type: 'string', default: String(DEFAULTS.statusWithinSeconds) },
      institution: { type: 'string' },
      service: { type: 'string' },
      json: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return undefined;
  if (!values.system || !/^https?:\/\/[^/]/i.test(values.system)) throw new UsageError('--system must be the http(s) address of the system to check');
  const secret = values['webhook-secret'] ?? env.PAKALPOJUMI_WEBHOOK_SECRET;
  if (!secret || !secret.startsWith('whsec_')) throw new UsageError('--webhook-secret must be the whsec_… secret the system verifies webhooks with');
  const listen = /^(.+):(\d{1,5})$/.exec(values.listen);
  if (!listen) throw new UsageError('--listen must be HOST:PORT');
  const within = Number(values['status-within']);
  if (!Number.isFinite(within) || within <= 0) throw new UsageError('--status-within must be a number of seconds');
  return { values, secret, host: listen[1]!.replace(/^\[|\]$/g, ''), port: Number(listen[2]), within };
}

export async function main(argv: string[], io: Output = console_, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv, env);
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (!parsed) {
    io.out(USAGE);
    return 0;
  }
  const { values, secret, host, port, within } = parsed;
  let standIn;
  try {
    standIn = await startStandIn({ host, port });
  } catch (error) {
    io.err(`The platform stand-in could not listen on ${values.listen}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  try {
    const toStdout = values.json === '-';
    if (!toStdout) io.out(`The platform stand-in answers at ${standIn.url}; checking ${values.system}…\n\n`);
    const report = await runConformance({
      system: values.system!,
      webhookSecret: secret,
      standIn,
      loginPath: values['login-path'],
      webhookPath: values['webhook-path'],
      deepLinks: values['deep-link'],
      statusWithinMs: within * 1000,
      ...(values.platform ? { platform: values.platform } : {}),
      ...(values.institution ? { institutionId: values.institution } : {}),
      ...(values.service ? { serviceId: values.service } : {}),
    });
    const json = `${JSON.stringify(report, null, 2)}\n`;
    if (toStdout) io.out(json);
    else {
      io.out(formatReport(report));
      if (values.json) await writeFile(values.json, json);
    }
    return report.passed ? 0 : 1;
  } finally {
    await standIn.close();
  }
}
