/**
 * The stress test in the built site (Chromium, real workers): on the ALVH example at 1,024 paths
 * and 63 days, run the main simulation, then the Covid scenario (the base is taken from the main
 * run, so only the shocked run runs), see both books' columns, the sentences and the chart, and
 * take screenshots of the panel at laptop and phone width (and dark at phone width) (tests/e2e/screenshots/h16-stress-*.png,
 * git-ignored) for a person to look at.
 *
 * Needs `npx vite build` first (npm test does it).
 */
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS, useBrowser } from './browser-fixture.ts';

const SHOTS = SCREENSHOTS;
const TIMEOUT_MS = 90_000;

const browser = useBrowser();

describe('stress test', () => {
  it('runs the Covid scenario beside the base run and shows both columns and the chart', async () => {
    const { page, errors } = await browser.session.newPage({ width: 1280, height: 900 });
    await page.goto(browser.site.url);
    await page.getByLabel('Paths', { exact: true }).fill('1024');
    await page.getByLabel('Horizon', { exact: true }).fill('63');
    await page.getByRole('button', { name: 'Run simulation' }).click();
    await page.waitForSelector(
      'section[aria-label="Results"][aria-busy="false"] [data-testid="summary-json"]',
      { state: 'attached', timeout: TIMEOUT_MS },
    );

    const stress = page.getByRole('region', { name: 'Stress test' });
    await stress.getByRole('radio', { name: /Covid crash \(2020\)/ }).check();
    await stress.getByRole('button', { name: 'Run stress test' }).click();
    await stress.getByRole('table', { name: 'Condor + layers' }).waitFor({ timeout: TIMEOUT_MS });

    for (const name of ['Condor alone', 'Condor + layers']) {
      const headers = await stress
        .getByRole('table', { name })
        .getByRole('columnheader')
        .allTextContents();
      expect(headers.map((h) => h.trim())).toEqual([
        'Statistic',
        'Base',
        'Shocked',
        "Shock's effect",
      ]);
    }
    const text = (await stress.textContent()) ?? '';
    expect(text).toContain('The base run is the main run above');
    expect(text).toMatch(/Under the Covid crash \(2020\) scenario the layers/);
    expect(text).not.toMatch(/NaN|undefined/);
    await expect(
      stress.getByRole('img', { name: /base run against the run under/ }).count(),
    ).resolves.toBe(1);

    await stress.screenshot({ path: `${SHOTS}/h16-stress-1280.png` });
    await page.setViewportSize({ width: 390, height: 844 });
    await stress.screenshot({ path: `${SHOTS}/h16-stress-390.png` });
    await stress
      .locator('.stress-results')
      .screenshot({ path: `${SHOTS}/h16-stress-390-results.png` });
    await page.emulateMedia({ colorScheme: 'dark' });
    await stress.screenshot({ path: `${SHOTS}/h16-stress-390-dark.png` });
    expect(errors).toEqual([]);
  }, 120_000);
});
