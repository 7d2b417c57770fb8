/**
 * Draws the installable app's PNG icons from the platform's SVG icon with
 * Chromium (the one the browser tests use) and writes them to
 * src/platform/web/icons/, where they are committed: a start needs no browser.
 * Run after changing the icon: `node --import ./scripts/ts-hooks.mjs scripts/pwa-icons.ts`.
 */
import { writeFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { ICON_SVG, MASKABLE_ICON_SVG } from '../src/platform/web/assets.js';
import { PWA_ICON_FILES } from '../src/platform/web/pwa.icons.js';
import { CHROMIUM, CHROMIUM_OPTIONS } from '../test/support/chromium.js';

const SOURCES = { any: ICON_SVG, maskable: MASKABLE_ICON_SVG };

const browser = await chromium.launch({ ...CHROMIUM_OPTIONS, executablePath: CHROMIUM });
try {
  for (const icon of PWA_ICON_FILES) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
    const svg = SOURCES[icon.drawing].replace('width="512" height="512"', `width="${icon.size}" height="${icon.size}"`);
    await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
    await writeFile(new URL(`../src/platform/web/icons/${icon.file}`, import.meta.url), await page.screenshot({ omitBackground: icon.drawing === 'any', type: 'png' }));
    await page.close();
    console.log(`${icon.file}: ${icon.size}×${icon.size}`);
  }
} finally {
  await browser.close();
}
