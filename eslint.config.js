import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/*
 * Boundaries (STYLE.md), enforced so that breaking one fails `npm run lint`:
 * - a module reaches another module only through its index.ts;
 * - platform/ knows no module and no shell;
 * - a shell knows no module (it is handed interfaces);
 * - config.ts imports no module;
 * - code outside the modules (tests, bench, scripts) also uses a module's index.ts.
 * `no-restricted-imports` sees the specifier as written, so for relative paths
 * the rules are per folder depth: from a file `d` folders below its module's
 * root, `../` taken d+1 times leaves the module. (Options of one rule do not
 * merge across config objects — the last match wins — so each file gets exactly
 * one object below.) test/lint.boundaries.test.ts shows each rule failing.
 */
const MAX_DEPTH = 6;
const CODE = '{ts,tsx,js,mjs}';
// Tests and a module's test fixtures (`<module>.fixtures.ts`, its face for tests and benchmarks).
const TESTS = [`**/*.test.${CODE}`, `**/*.fixtures.${CODE}`];

const upTimes = (n) => `(\\.\\./){${n}}`;
// After leaving the module folder: another module's folder, then anything but its index.js
// (tests may also use its fixtures).
const otherModuleInside = (tests) => (tests ? '[^./][^/]*/(?!index\\.js$|[^/]+\\.fixtures\\.js$).+' : '[^./][^/]*/(?!index\\.js$).+');

function moduleRules(depth, { tests }) {
  const patterns = [
    {
      // `../b/b.service.js` from a module's root, `../../../b/pages/x.js` from a folder two levels down
      regex: `^${upTimes(depth + 1)}${otherModuleInside(tests)}`,
      message: 'A module reaches another module only through its index.ts (import ../<module>/index.js).',
    },
    {
      // the same, spelled through src/: `../../modules/b/b.repo.js`
      regex: `^${upTimes(depth + 2)}modules/${otherModuleInside(tests)}`,
      message: 'A module reaches another module only through its index.ts (import ../<module>/index.js).',
    },
    {
      regex: `^${upTimes(depth + 2)}shells/`,
      message: 'A module does not import a shell: the shell is handed what it needs when the app is assembled.',
    },
  ];
  if (!tests) {
    patterns.push({ regex: '(^|/)test/support/', message: 'Only tests use test/support (benchmarks live in bench/).' });
  }
  return { 'no-restricted-imports': ['error', { patterns }] };
}

const moduleBoundaries = [];
for (let depth = 0; depth <= MAX_DEPTH; depth += 1) {
  const files = [`src/modules/*/${'*/'.repeat(depth)}*.${CODE}`];
  moduleBoundaries.push(
    { files, ignores: TESTS, rules: moduleRules(depth, { tests: false }) },
    { files: TESTS.map((glob) => files[0].replace(/\*\.\{[^}]+\}$/, glob.replace('**/', ''))), rules: moduleRules(depth, { tests: true }) },
  );
}

/** Imports reaching into a module's inner files from outside src/modules (tests, bench, scripts; the first two may use its fixtures). */
const outsideModules = (fixtures) => ({
  regex: fixtures ? '(^|/)src/modules/[^/]+/(?!index\\.js$|[^/]+\\.fixtures\\.js$).+' : '(^|/)src/modules/[^/]+/(?!index\\.js$).+',
  message: 'Outside a module, import it through its index.ts (src/modules/<module>/index.js).',
});
const appAssembly = {
  regex: '^(\\.\\./)+(app|main)\\.js$',
  message: 'app.ts and main.ts assemble the modules: importing them imports every module.',
};

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', fetch: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  ...moduleBoundaries,
  {
    files: [`src/platform/**/*.${CODE}`],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: '(^|/)(modules|shells)(/|$)', message: 'platform/ knows no module and no shell: modules and shells build on the platform, never the reverse.' },
          appAssembly,
        ],
      }],
    },
  },
  {
    files: [`src/shells/**/*.${CODE}`],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: '(^|/)modules(/|$)', message: 'A shell imports only the platform and the interfaces handed to it, never a module.' },
          appAssembly,
        ],
      }],
    },
  },
  {
    files: ['src/config.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: '(^|/)(modules|shells)(/|$)', message: 'config.ts reads settings only: it imports no module or shell.' },
          appAssembly,
        ],
      }],
    },
  },
  {
    files: [`test/**/*.${CODE}`, `bench/**/*.${CODE}`],
    rules: { 'no-restricted-imports': ['error', { patterns: [outsideModules(true)] }] },
  },
  {
    files: [`scripts/**/*.${CODE}`],
    rules: { 'no-restricted-imports': ['error', { patterns: [outsideModules(false)] }] },
  },
);
