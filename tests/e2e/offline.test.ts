/**
 * Offline use (DESIGN §6): after one visit the service worker (workers/service-worker.ts) has the
 * app's files, so with the network gone the page reloads and a simulation still runs (its worker
 * script comes from the cache too). Embed mode registers nothing.
 */
import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser-fixture.ts';

const browser = useBrowser();

describe('offline', () => {
  it('reloads and runs a simulation with the network gone, after one visit', async () => {
    const { page, context, errors } = await browser.session.newPage();
    await page.goto(browser.site.url);
    await page.getByText('Works offline').waitFor({ timeout: 30_000 });
    await context.setOffline(true);
    try {
      await page.reload();
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(
        'ALVH',
      );
      await page.getByLabel('Paths', { exact: true }).fill('256');
      await page.getByLabel('Horizon', { exact: true }).fill('21');
      await page.getByRole('button', { name: 'Run simulation' }).click();
      await page.waitForSelector(
        'section[aria-label="Results"][aria-busy="false"] [data-testid="summary-json"]',
        { state: 'attached', timeout: 60_000 },
      );
      await expect(page.getByRole('status').first().textContent()).resolves.toMatch(/256 paths/);
    } finally {
      await context.setOffline(false);
    }
    expect(errors).toEqual([]);
  });

  it('registers no service worker in embed mode', async () => {
    const { page } = await browser.session.newPage();
    await page.goto(`${browser.site.url}?embed=1`);
    await page.getByRole('button', { name: 'Run simulation' }).waitFor();
    await page.waitForTimeout(1500);
    // A string runs in the page (this file type-checks without the DOM library).
    await expect(
      page.evaluate('navigator.serviceWorker.getRegistrations().then((r) => r.length)'),
    ).resolves.toBe(0);
  });
});
