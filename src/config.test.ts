import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.js';

test('defaults follow the contract', () => {
  const config = loadConfig({});
  assert.equal(config.port, 3000);
  assert.equal(config.host, '127.0.0.1');
  assert.equal(config.publicUrl, 'http://localhost:3000');
  assert.equal(config.dataDir, path.resolve('./data'));
  assert.equal(config.databaseUrl, undefined);
  assert.equal(config.demo, true);
  assert.equal(config.logLevel, 'info');
  assert.equal(config.secure, false);
});

test('DEMO defaults to off on a server database; https turns on secure mode', () => {
  const config = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/p', PUBLIC_URL: 'https://pakalpojumi.example/', PORT: '8080' });
  assert.equal(config.demo, false);
  assert.equal(config.secure, true);
  assert.equal(config.publicUrl, 'https://pakalpojumi.example');
  assert.equal(loadConfig({ DATABASE_URL: 'postgres://u@db/p', DEMO: 'true' }).demo, true);
  assert.equal(loadConfig({ PORT: '8080' }).publicUrl, 'http://localhost:8080');
});

test('bad values are refused with the setting named', () => {
  for (const [env, name] of [
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: '12ab' }, 'PORT'],
    [{ DEMO: 'maybe' }, 'DEMO'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ PUBLIC_URL: 'not a url' }, 'PUBLIC_URL'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
  ] as const) {
    assert.throws(() => loadConfig(env), (error: unknown) => error instanceof ConfigError && error.message.startsWith(name));
  }
});
