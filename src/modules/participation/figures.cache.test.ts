/** The figures cache: shared computations, staleness after a local change (slow figures: later) or the max age, failures not kept. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createFiguresCache } from './figures.cache.js';

test('readers share one computation; a change or the max age makes the next reader compute again; a failure is not kept', async () => {
  let clock = 0;
  const cache = createFiguresCache({ maxAgeMs: 1000, limit: 10, now: () => clock });
  let computed = 0;
  let release: () => void = () => {};
  const compute = () => {
    computed += 1;
    const n = computed;
    return new Promise<number>((resolve) => (release = () => resolve(n)));
  };
  const first = cache.get('national', compute);
  const second = cache.get('national', compute);
  cache.changed();
  const third = cache.get('national', compute);
  assert.equal(computed, 1, 'readers meanwhile join the computation, a change or not');
  release();
  assert.deepEqual(await Promise.all([first, second, third]), [1, 1, 1]);

  const afterChange = cache.get('national', compute);
  assert.equal(computed, 2, 'a settled one from before the change is stale');
  release();
  assert.equal(await afterChange, 2);
  assert.equal(await cache.get('national', compute), 2, 'kept while fresh');
  clock = 999;
  assert.equal(await cache.get('national', compute), 2);
  clock = 1000;
  const aged = cache.get('national', compute);
  release();
  assert.equal(await aged, 3, 'past the max age it is worked out again');

  await assert.rejects(cache.get('institutions', () => Promise.reject(new Error('the database is away'))), /away/);
  const retried = cache.get('institutions', compute);
  release();
  assert.equal(await retried, 4, 'a failure is not kept');
});

test('after a change, figures that took long to work out are kept until ten times that has passed', async () => {
  let clock = 0;
  const cache = createFiguresCache({ maxAgeMs: 60_000, limit: 10, now: () => clock });
  let computed = 0;
  const slow = async () => {
    clock += 300; // the national overview over a million applications takes seconds
    return ++computed;
  };
  assert.equal(await cache.get('national', slow), 1);
  cache.changed();
  clock = 2_999;
  assert.equal(await cache.get('national', slow), 1, 'a change within ten times 300 ms: still the kept figures');
  clock = 3_000;
  assert.equal(await cache.get('national', slow), 2, 'after it, worked out again');
});

test('at the limit of scopes it starts over rather than grow', async () => {
  const cache = createFiguresCache({ maxAgeMs: 60_000, limit: 2 });
  let computed = 0;
  const compute = async () => ++computed;
  await cache.get('a', compute);
  await cache.get('b', compute);
  assert.equal(await cache.get('a', compute), 1);
  await cache.get('c', compute);
  assert.equal(computed, 3);
  assert.equal(await cache.get('a', compute), 4, 'the third scope emptied it');
});
