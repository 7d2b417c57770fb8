/**
 * Runs the reference institution system on its own:
 *
 *   PLATFORM_URL=http://127.0.0.1:8790 WEBHOOK_SECRET=whsec_… PORT=8780 \
 *     node --import ./scripts/ts-hooks.mjs packages/conformance/reference/main.ts
 *
 * BROKEN=<fault> switches on one deliberate fault (see BROKEN in system.ts);
 * SLOW_STATUS_MS sets how late `slow-status` reports.
 */
import { BROKEN, startReferenceSystem, type Broken } from './system.js';

const env = process.env;
const broken = env.BROKEN || null;
if (broken && !(BROKEN as readonly string[]).includes(broken)) {
  console.error(`BROKEN must be one of ${BROKEN.join(', ')}`);
  process.exit(2);
}
if (!env.PLATFORM_URL || !env.WEBHOOK_SECRET) {
  console.error('Set PLATFORM_URL (the platform or the conformance kit’s --listen address) and WEBHOOK_SECRET (whsec_…).');
  process.exit(2);
}
const system = await startReferenceSystem({
  platformUrl: env.PLATFORM_URL,
  webhookSecret: env.WEBHOOK_SECRET,
  host: env.HOST ?? '127.0.0.1',
  port: Number(env.PORT ?? 8780),
  broken: broken as Broken | null,
  ...(env.CLIENT_ID ? { clientId: env.CLIENT_ID } : {}),
  ...(env.CLIENT_SECRET ? { clientSecret: env.CLIENT_SECRET } : {}),
  ...(env.SLOW_STATUS_MS ? { slowStatusMs: Number(env.SLOW_STATUS_MS) } : {}),
});
console.log(`The reference institution system answers at ${system.url}${broken ? ` (broken: ${broken})` : ''}; deep links: ${system.deepLinks.join(' ')}`);
const stop = () => void system.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
