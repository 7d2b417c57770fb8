#!/usr/bin/env node
// The kit's command. Its sources are TypeScript, run as the rest of the
// repository runs them: the repository's hooks are registered first, then
// the CLI is imported (dynamically, so that the hooks resolve it).
import '../../../scripts/ts-hooks.mjs';

const { main } = await import('../src/cli.js');
process.exitCode = await main(process.argv.slice(2));
