/**
 * The boundaries of STYLE.md fail `npm run lint`: ESLint (the project's own
 * eslint.config.js, through its Node API) is given one import at a time in a
 * file placed where a real one would live, and must report exactly the
 * forbidden ones.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { ESLint } from 'eslint';

const cwd = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd });

/** The no-restricted-imports messages for `import … from specifier` in a file at `filePath`. */
async function restricted(filePath: string, specifier: string): Promise<string[]> {
  const code = `import { thing } from '${specifier}';\nexport const used = thing;\n`;
  const [result] = await eslint.lintText(code, { filePath });
  assert.ok(result, `ESLint linted ${filePath}`);
  // A fatal parse error or an ignored file would report nothing and pass for the wrong reason.
  assert.equal(result.fatalErrorCount, 0, JSON.stringify(result.messages));
  assert.ok(!result.messages.some((message) => /ignored/i.test(message.message)), `${filePath} is not ignored`);
  return result.messages.filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

const forbidden: [file: string, specifier: string, why: RegExp][] = [
  // a module reaching into another module, at any depth
  ['src/modules/catalog/catalog.service.ts', '../applications/applications.service.js', /only through its index\.ts/],
  ['src/modules/catalog/catalog.routes.ts', '../access/access.repo.js', /only through its index\.ts/],
  ['src/modules/catalog/pages/portal/search.pages.tsx', '../../../applications/pages/portal/apply.pages.js', /only through its index\.ts/],
  ['src/modules/catalog/pages/console/editor.pages.tsx', '../../../access/access.service.js', /only through its index\.ts/],
  ['src/modules/applications/demo-data/forms.ts', '../../catalog/catalog.schemas.js', /only through its index\.ts/],
  ['src/modules/catalog/catalog.service.ts', '../../modules/applications/applications.repo.js', /only through its index\.ts/],
  ['src/modules/catalog/catalog.service.ts', '../applications/index.ts', /only through its index\.ts/],
  // module tests too
  ['src/modules/catalog/catalog.service.test.ts', '../applications/applications.service.js', /only through its index\.ts/],
  ['src/modules/catalog/pages/portal/search.test.ts', '../../../access/access.repo.js', /only through its index\.ts/],
  // a module's ordinary code does not use test support
  ['src/modules/catalog/catalog.service.ts', '../../../test/support/database.js', /Only tests use test\/support/],
  // modules and shells
  ['src/modules/catalog/catalog.pages.tsx', '../../shells/workspace/layout.js', /does not import a shell/],
  // the platform knows no module and no shell
  ['src/platform/http/server.ts', '../../modules/identity/index.js', /platform\/ knows no module/],
  ['src/platform/jobs/relay.ts', '../../modules/notifications/notifications.service.js', /platform\/ knows no module/],
  ['src/platform/web/workspace.ts', '../../shells/workspace/index.js', /platform\/ knows no module/],
  ['src/platform/errors.ts', '../app.js', /assemble the modules/],
  // a shell knows no module
  ['src/shells/workspace/index.ts', '../../modules/applications/index.js', /never a module/],
  ['src/shells/console/nav.tsx', '../../modules/catalog/catalog.service.js', /never a module/],
  // config.ts imports no module
  ['src/config.ts', './modules/applications/attachments.js', /config\.ts reads settings only/],
  ['src/config.ts', './modules/applications/index.js', /config\.ts reads settings only/],
  // tests, benches and scripts outside src use a module's index.ts
  ['test/catalog.journey.test.ts', '../src/modules/catalog/cpsv.validate.js', /through its index\.ts/],
  ['bench/ingest.ts', '../src/modules/applications/applications.repo.js', /through its index\.ts/],
  ['scripts/rotate-keys.ts', '../src/modules/identity/keys.js', /through its index\.ts/],
  ['scripts/rotate-keys.ts', '../src/modules/catalog/catalog.fixtures.js', /through its index\.ts/],
];

const allowed: [file: string, specifier: string][] = [
  ['src/modules/catalog/catalog.service.ts', '../applications/index.js'],
  ['src/modules/catalog/catalog.service.ts', './catalog.repo.js'],
  ['src/modules/catalog/catalog.service.ts', '../../platform/db/database.js'],
  ['src/modules/catalog/catalog.service.ts', '../../config.js'],
  ['src/modules/catalog/pages/portal/search.pages.tsx', '../../../access/index.js'],
  ['src/modules/catalog/pages/portal/search.pages.tsx', '../../catalog.service.js'],
  ['src/modules/catalog/pages/portal/search.pages.tsx', '../../../../platform/web/layout.js'],
  ['src/modules/applications/demo-data/forms.ts', '../applications.schemas.js'],
  ['src/modules/applications/demo-data/forms.ts', '../../catalog/index.js'],
  ['src/modules/catalog/catalog.service.test.ts', '../../../test/support/database.js'],
  ['src/modules/catalog/catalog.service.test.ts', '../applications/applications.fixtures.js'],
  ['src/modules/applications/applications.fixtures.ts', '../../../test/support/database.js'],
  ['src/platform/http/server.ts', '../db/database.js'],
  ['src/platform/web/layout.tsx', './i18n.js'],
  ['src/shells/workspace/index.ts', '../../platform/web/workspace.js'],
  ['src/config.ts', 'node:path'],
  ['src/app.ts', './modules/catalog/index.js'],
  ['test/catalog.journey.test.ts', '../src/modules/catalog/index.js'],
  ['test/catalog.journey.test.ts', '../src/modules/catalog/catalog.fixtures.js'],
  ['test/catalog.journey.test.ts', './support/platform.js'],
  ['bench/ingest.ts', '../src/modules/catalog/catalog.fixtures.js'],
  ['scripts/audit-verify.ts', '../src/modules/audit/index.js'],
];

for (const [file, specifier, why] of forbidden) {
  test(`lint refuses ${specifier} in ${file}`, async () => {
    const messages = await restricted(file, specifier);
    assert.equal(messages.length, 1, `expected one boundary error, got ${JSON.stringify(messages)}`);
    assert.match(messages[0] ?? '', why);
  });
}

for (const [file, specifier] of allowed) {
  test(`lint allows ${specifier} in ${file}`, async () => {
    assert.deepEqual(await restricted(file, specifier), []);
  });
}
