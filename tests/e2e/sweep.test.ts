/**
 * The threshold sweep in the built site (Chromium, real workers): sweep layer 2's VIX trigger over
 * 3 values at 1,024 paths, see the chart and the overfitting warning, run the out-of-sample check
 * on a new seed, and take screenshots of the panel at laptop and phone width
 * (tests/e2e/screenshots/h18-sweep-*.png, git-ignored) for a person to look at.
 *
 * Needs `npx vite build` first (npm test does it).
 */
import AxeBuilder from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS, useBrowser } from './browser-fixture.ts';

const SHOTS = SCREENSHOTS;
/** Longest the sweep (3 runs) or the check (2 runs) may take here. */
const TIMEOUT_MS = 90_000;

const browser = useBrowser();

describe('threshold sweep', () => {
  it.each([
    ['laptop', 1280, 900],
    ['phone', 390, 844],
  ] as const)(
    'sweeps a layer trigger, warns about overfitting and checks out of sample (%s)',
    async (name, width, height) => {
      const { page, errors } = await browser.session.newPage({ width, height });
      await page.goto(browser.site.url);
      // The app starts on the ALVH example; a 63-day horizon keeps the runs short.
      await page.getByLabel('Horizon', { exact: true }).fill('63');
      const sweep = page.getByRole('region', { name: 'Threshold sweep' });
      await sweep
        .getByLabel('Parameter')
        .selectOption({ label: 'Layer 2 (Calls at VIX 20): VIX ≥ threshold (now 20 VIX points)' });
      await sweep.getByLabel(/^From/).fill('20');
      await sweep.getByLabel(/^To/).fill('30');
      await sweep.getByLabel(/^Steps/).fill('3');
      await sweep.getByLabel('Paths per point').fill('1024');
      await sweep.getByRole('button', { name: 'Run sweep' }).click();

      await sweep
        .getByRole('button', { name: 'Check out of sample' })
        .waitFor({ timeout: TIMEOUT_MS });
      await expect(
        sweep.getByRole('img', { name: /Threshold sweep of Layer 2 .* over 3 values/ }).count(),
      ).resolves.toBe(1);
      expect(await sweep.getByText('Beware of overfitting.').isVisible()).toBe(true);
      // Three markers per series: one per value.
      expect(await sweep.locator('svg .sweep-mean .marker').count()).toBe(3);

      await sweep.getByRole('button', { name: 'Check out of sample' }).click();
      const verdict = sweep.locator('.survived');
      await verdict.waitFor({ timeout: TIMEOUT_MS });
      expect(await verdict.textContent()).toMatch(/sweep's paths/);
      expect(await sweep.getByRole('table').first().textContent()).toMatch(/seed 1.*seed 2/s);

      await sweep.screenshot({ path: `${SHOTS}/h18-sweep-${name}.png` });
      await sweep
        .locator('figure')
        .first()
        .screenshot({ path: `${SHOTS}/h18-sweep-chart-${name}.png` });
      // No horizontal scrolling at this width (a long parameter name must not widen the page).
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
      const scan = await new AxeBuilder({ page })
        .include('section[aria-label="Threshold sweep"]')
        .analyze();
      const serious = scan.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
      expect(serious).toEqual([]);
      expect(errors).toEqual([]);
    },
    180_000,
  );
});
