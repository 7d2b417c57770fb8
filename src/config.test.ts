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
  assert.equal(loadConfig({ DATA_DIR: 'memory://' }).dataDir, 'memory://', 'in memory, not a folder named memory:');
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
    [{ S3_URL: 'https://s3.example/bucket' }, 'S3_URL'],
    [{ S3_URL: 'https://key:secret@s3.example/' }, 'S3_URL'],
    [{ NOTIFICATIONS_RETRY_SECONDS: '0' }, 'NOTIFICATIONS_RETRY_SECONDS'],
    [{ NOTIFICATIONS_RETRY_MAX_SECONDS: 'soon' }, 'NOTIFICATIONS_RETRY_MAX_SECONDS'],
    [{ NOTIFICATIONS_RETRY_HOURS: '-1' }, 'NOTIFICATIONS_RETRY_HOURS'],
  ] as const) {
    assert.throws(() => loadConfig(env), (error: unknown) => error instanceof ConfigError && error.message.startsWith(name));
  }
});

test('S3_URL names the bucket, its credentials and region; a refusal never repeats the secret', () => {
  assert.equal(loadConfig({}).s3, undefined);
  assert.deepEqual(loadConfig({ S3_URL: 'https://AKIA%2B1:s%2Fecret@s3.example.lv:9000/pakalpojumi/?region=eu-north-1' }).s3, {
    bucketUrl: 'https://s3.example.lv:9000/pakalpojumi',
    accessKeyId: 'AKIA+1',
    secretAccessKey: 's/ecret',
    region: 'eu-north-1',
  });
  assert.equal(loadConfig({ S3_URL: 'http://k:s@127.0.0.1:4568/files' }).s3?.region, 'us-east-1');
  assert.throws(() => loadConfig({ S3_URL: 'ftp://key:topsecret@host/bucket' }), (error: unknown) => error instanceof ConfigError && !error.message.includes('topsecret'));
});

test('METRICS_TOKEN protects /metrics; unset, /metrics is not served; a refusal never repeats the token', () => {
  assert.equal(loadConfig({}).metricsToken, undefined);
  assert.equal(loadConfig({ METRICS_TOKEN: 'a-long-enough-metrics-token' }).metricsToken, 'a-long-enough-metrics-token');
  for (const token of ['short', 'has spaces in it, sixteen+', 'x'.repeat(513)]) {
    assert.throws(() => loadConfig({ METRICS_TOKEN: token }), (error: unknown) => error instanceof ConfigError && error.message.startsWith('METRICS_TOKEN') && !error.message.includes(token));
  }
});

test('TRUST_PROXY: loopback by default, none, or a list of addresses and CIDR ranges', () => {
  assert.deepEqual(loadConfig({}).trustProxy, ['loopback']);
  assert.deepEqual(loadConfig({ TRUST_PROXY: 'none' }).trustProxy, []);
  assert.deepEqual(loadConfig({ TRUST_PROXY: '' }).trustProxy, []);
  assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.0.2.7,fd00::/8, loopback' }).trustProxy, ['10.0.0.0/8', '192.0.2.7', 'fd00::/8', 'loopback']);
  for (const value of ['10.0.0.0/33', 'proxy.example', '1.2.3.4/8/8', '::1/129', 'any']) {
    assert.throws(() => loadConfig({ TRUST_PROXY: value }), (error: unknown) => error instanceof ConfigError && error.message.startsWith('TRUST_PROXY'), value);
  }
});

test('notification retries: doubling from 30 s up to 10 minutes, for 24 hours; fractions for quick tests', () => {
  const defaults = loadConfig({}).notifications;
  assert.deepEqual([defaults.retryDelaySeconds, defaults.retryMaxDelaySeconds, defaults.retryWindowSeconds], [30, 600, 24 * 3600]);
  const quick = loadConfig({ NOTIFICATIONS_RETRY_SECONDS: '0.05', NOTIFICATIONS_RETRY_MAX_SECONDS: '5', NOTIFICATIONS_RETRY_HOURS: '0.5' }).notifications;
  assert.deepEqual([quick.retryDelaySeconds, quick.retryMaxDelaySeconds, quick.retryWindowSeconds], [0.05, 5, 1800]);
});

test('VISIT_COUNTRY_HEADER: a header name, kept in lower case; unset: none; anything else is refused', () => {
  assert.equal(loadConfig({}).visitCountryHeader, undefined);
  assert.equal(loadConfig({ VISIT_COUNTRY_HEADER: 'CF-IPCountry' }).visitCountryHeader, 'cf-ipcountry');
  assert.throws(() => loadConfig({ VISIT_COUNTRY_HEADER: 'x country:' }), /VISIT_COUNTRY_HEADER/);
});
