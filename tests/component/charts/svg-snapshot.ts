/// <reference types="node" />
/**
 * SVG snapshot testing in the manner of Observable Plot (test/plot-snapshot.js): a chart's markup,
 * normalised and with numbers rounded to one decimal, is compared with a committed file under
 * tests/component/__snapshots__/charts/. On a mismatch the new markup is written next to it as
 * `NAME-changed.svg` so a person can open both; `vitest -u` accepts the change. A missing snapshot
 * is written on first run (and fails under CI=true, Vitest's rule for file snapshots).
 *
 * The component CSS is not in the markup, so the file starts with a small stylesheet in the light
 * theme's colours: enough to look at it in a browser, not a copy of the app's styles.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

// From the repository root, where Vitest runs (import.meta.url is not a file: URL in happy-dom).
const DIR = join(process.cwd(), 'tests/component/__snapshots__/charts/');

const VIEWING_STYLE = [
  'text{font:12px sans-serif;fill:#1b1f24}.tick-label{fill:#5a636e}',
  '.grid{stroke:#d4d9df}.axis-line,.zero,.cursor{stroke:#5a636e}',
  '.condor{color:#b5531a}.hedged{color:#1f6fd1}.market{color:#2458c6}.neutral{color:#1b1f24}',
  '.cost{color:#b42318}.payoff{color:#1e7b34}.pnl{color:#1f6fd1}',
  '.bar.solid,.sw-bar,.bar-pnl{fill:currentColor;fill-opacity:.45}',
  '.band-outer,.sw-band-outer{fill:currentColor;fill-opacity:.14}',
  '.band-inner,.sw-band{fill:currentColor;fill-opacity:.28}.band-inner-faint{fill:currentColor;fill-opacity:.1}',
  '.outline,.marker,.median,.curve,.edge-outer,.edge-inner,.sw-line,.sw-outline,.bar-payoff,.bar-cost,.sw-hatch,.whisker,.ref',
  '{fill:none;stroke:currentColor;stroke-width:1.75}.bar-cost,.sw-hatch{fill:currentColor;fill-opacity:.2}',
  '.toned,.be-label{fill:currentColor}.break-even{fill:#fff;stroke:currentColor;stroke-width:2}',
  '.hatch-ground{fill:currentColor;fill-opacity:.12}.hatch-line{stroke:currentColor;stroke-width:2}',
  '.ref{stroke:#5a636e;stroke-width:1;stroke-dasharray:1 3}.dash-dashed{stroke-dasharray:7 4}.dash-dotted{stroke-dasharray:2 3}',
  '.dash-dash-dot{stroke-dasharray:9 3 2 3}.dash-long-dash{stroke-dasharray:14 5}',
].join('');

/**
 * The markup of `svg` as a snapshot: Svelte's comment anchors and scoped-style class hashes
 * removed (they change with any CSS edit), per-render ids replaced by a fixed one, every decimal
 * rounded to one place, one element per line, xmlns and the viewing stylesheet added.
 */
export function normalizeSvg(svg: Element): string {
  const markup = svg.outerHTML
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/ ?svelte-[a-z0-9]+/g, '')
    .replace(/ class=""/g, '')
    .replace(/chart-[a-z0-9]+-/g, 'chart-ID-')
    .replace(/-?\d+\.\d+/g, (x) => String(Number(Number(x).toFixed(1)) + 0))
    .replace(/></g, '>\n<')
    .replace(/^<svg /, `<svg xmlns="http://www.w3.org/2000/svg" `)
    .replace(/(<svg [^>]*>)/, `$1\n<style>${VIEWING_STYLE}</style>`);
  return `${markup}\n`;
}

/** Compares `svg` with the snapshot NAME.svg (module comment). */
export async function expectSvgSnapshot(svg: Element, name: string): Promise<void> {
  const actual = normalizeSvg(svg);
  const expectedPath = `${DIR}${name}.svg`;
  const changedPath = `${DIR}${name}-changed.svg`;
  if (existsSync(expectedPath) && readFileSync(expectedPath, 'utf8') !== actual) {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(changedPath, actual);
  }
  await expect(actual).toMatchFileSnapshot(expectedPath);
  rmSync(changedPath, { force: true });
}
