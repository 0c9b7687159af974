/**
 * The main views in Chromium: an accessibility scan (axe-core) before and after a run, and
 * screenshots at laptop and phone width in light and dark, saved under tests/e2e/screenshots/
 * (git-ignored) for a person to look at.
 *
 * Needs `npx vite build` first (npm test does it).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS, useBrowser } from './browser-fixture.ts';

const SHOTS = SCREENSHOTS;

const browser = useBrowser();

/** A small, fast run so the scan and the screenshots see a complete result. */
async function runSmall(page: Page): Promise<void> {
  const paths = page.getByLabel('Paths', { exact: true });
  await paths.fill('1024');
  await page.getByRole('button', { name: 'Run simulation' }).click();
  await page.waitForSelector(
    'section[aria-label="Results"][aria-busy="false"] [data-testid="summary-json"]',
    {
      state: 'attached',
      timeout: 120_000,
    },
  );
}

/** Serious and critical axe violations, as "rule: target" lines (empty when there are none). */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${v.help}`));
}

describe('the main views', () => {
  it('have no serious or critical accessibility violations, before and after a run (axe-core)', async () => {
    const { page, errors } = await browser.session.newPage();
    await page.goto(browser.site.url);
    expect(await seriousViolations(page)).toEqual([]);
    await runSmall(page);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it.each([
    ['laptop-light', 1280, 900, 'light'],
    ['laptop-dark', 1280, 900, 'dark'],
    ['phone-light', 390, 844, 'light'],
    ['phone-dark', 390, 844, 'dark'],
  ] as const)(
    'render a complete result at %s (screenshot saved)',
    async (name, width, height, colorScheme) => {
      const { page, errors } = await browser.session.newPage({ width, height, colorScheme });
      await page.goto(browser.site.url);
      await runSmall(page);
      await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
      // No horizontal scrolling at this width.
      const overflow = await page.evaluate(() => {
        // Runs in the page; this file type-checks without DOM types.
        const root = (
          globalThis as unknown as {
            document: { documentElement: { scrollWidth: number; clientWidth: number } };
          }
        ).document.documentElement;
        return root.scrollWidth - root.clientWidth;
      });
      expect(overflow).toBeLessThanOrEqual(0);
      expect(errors).toEqual([]);
    },
  );
});
