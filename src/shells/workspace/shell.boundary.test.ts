/**
 * The workspace shell stays thin: it imports only the platform (and what app.ts
 * hands it), and its code and texts carry no capability's words — those come
 * from the modules as data (tiles, the acting resolver's texts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const sources = readdirSync(dir)
  .filter((name) => /\.tsx?$/.test(name) && !name.endsWith('.test.ts'))
  .map((name) => ({ name, text: readFileSync(`${dir}/${name}`, 'utf8') }));

test('the shell imports nothing from src/modules', () => {
  assert.ok(sources.length >= 3, 'the shell’s files are read');
  for (const { name, text } of sources) {
    const imports = [...text.matchAll(/from '([^']+)'/g)].map((match) => match[1] as string);
    assert.ok(imports.length > 0, `${name} has imports to check`);
    for (const path of imports) assert.ok(!path.includes('/modules/') && (!path.startsWith('.') || path.startsWith('./') || path.startsWith('../../platform/')), `${name} imports ${path}`);
  }
});

test('the shell names no capability (its words come from the modules as data)', () => {
  const words = /application|mandate|inbox|offer(?!ed)|preference|pieteikum|pilnvar|piedāvājum|iestatījum/i;
  for (const { name, text } of sources) {
    const found = text.split('\n').filter((line) => words.test(line.replace(/govuk-notification-banner/g, '')));
    assert.deepEqual(found, [], `${name} names a capability`);
  }
});
