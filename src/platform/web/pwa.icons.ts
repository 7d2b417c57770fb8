/**
 * The installable app's PNG icons (192 and 512 pixels, a maskable one and the
 * 180-pixel Apple touch icon), drawn from the SVG icon by
 * `scripts/pwa-icons.ts` and committed beside this file, so a start needs no
 * browser. Each is served at a fingerprinted address; the Apple touch icon
 * also at `/apple-touch-icon.png`, where iOS looks for it by itself.
 */
import { readFileSync } from 'node:fs';
import { fixedAsset, type StaticAsset } from './assets.js';

export interface PwaIconFile {
  file: string;
  size: number;
  /** which drawing: the rounded icon on transparency, or the full-bleed one for masks */
  drawing: 'any' | 'maskable';
  /** the plain address it also answers at */
  plainUrl: string;
}

export const PWA_ICON_FILES: readonly PwaIconFile[] = [
  { file: 'icon-192.png', size: 192, drawing: 'any', plainUrl: '/assets/icon-192.png' },
  { file: 'icon-512.png', size: 512, drawing: 'any', plainUrl: '/assets/icon-512.png' },
  { file: 'maskable-512.png', size: 512, drawing: 'maskable', plainUrl: '/assets/maskable-512.png' },
  { file: 'apple-touch-icon.png', size: 180, drawing: 'maskable', plainUrl: '/apple-touch-icon.png' },
];

export interface PwaIcon extends PwaIconFile {
  asset: StaticAsset;
}

/** The icons with their content, read once. */
export const PWA_ICONS: readonly PwaIcon[] = PWA_ICON_FILES.map((icon) => ({
  ...icon,
  asset: fixedAsset(icon.file.replace(/\.png$/, ''), 'png', icon.plainUrl, 'image/png', readFileSync(new URL(`./icons/${icon.file}`, import.meta.url))),
}));
