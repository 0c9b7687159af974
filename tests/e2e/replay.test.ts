/**
 * The historical replay in Chromium: the 2020 H1 SPX/VIX slice (tests/fixtures/replay, cut from
 * shared/data; the app ships no data) uploaded through the file input replays the rules on screen
 * in a worker and shows the path explorer with dated events; a bad file shows its message and
 * changes nothing; an accessibility scan of the section; screenshots at 1280 and 390 px wide
 * (tests/e2e/screenshots/h17-replay-*.png, git-ignored) for a person to look at.
 *
 * Needs `npx vite build` first (npm test does it).
 */
import AxeBuilder from '@axe-core/playwright';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS, useBrowser } from './browser-fixture.ts';

const SHOTS = SCREENSHOTS;
const fixture = (name: string) => resolve('tests/fixtures/replay', name);
const GOOD = 'spx-vix-2020-h1.csv';

const browser = useBrowser();

const replaySection = (page: Page) => page.getByRole('region', { name: 'Historical replay' });
const explorer = (page: Page) =>
  replaySection(page).getByRole('region', { name: 'Path explorer (replay)' });

async function upload(page: Page, name: string): Promise<void> {
  await replaySection(page)
    .getByLabel('SPX/VIX CSV file', { exact: true })
    .setInputFiles(fixture(name));
}

async function uploadGood(page: Page): Promise<void> {
  await upload(page, GOOD);
  await explorer(page).waitFor({ timeout: 60_000 });
}

describe('historical replay', () => {
  it('replays the 2020 slice in a worker and explores it with dated events', async () => {
    const { page, errors, offOrigin } = await browser.session.newPage();
    await page.goto(browser.site.url);
    await uploadGood(page);
    const section = replaySection(page);
    await expect
      .poll(() => section.getByRole('status').textContent())
      .toBe(`Replayed ${GOOD}: 2020-01-02 to 2020-06-30.`);
    expect(await section.locator('.summary').textContent()).toMatch(
      /^\s*2020-01-02 to 2020-06-30, 125 rows: condor alone/,
    );
    const slider = explorer(page).getByRole('slider', { name: 'Day' });
    await slider.fill('50');
    expect(await slider.getAttribute('aria-valuetext')).toBe('2020-03-16 (day 50 of 124)');
    const events = explorer(page).getByRole('list', { name: 'Events' });
    const texts = await events.getByRole('listitem').allTextContents();
    expect(
      texts.some((t) => t.includes("On 2020-02-24, layer 'Calls at VIX 20' switched on")),
    ).toBe(true);
    const current = await events.locator('li[aria-current="true"]').allTextContents();
    expect(current.map((t) => t.trim().slice(0, 40))).toEqual([
      'On 2020-03-16, the condor hit its stop l',
    ]);
    const ticks = await explorer(page).locator('svg .tick-label').allTextContents();
    expect(ticks).toContain('Mar 2020');
    expect(errors).toEqual([]);
    expect(offOrigin).toEqual([]);
  });

  it('a bad file shows its message with row and column, and changes nothing', async () => {
    const { page, errors } = await browser.session.newPage();
    await page.goto(browser.site.url);
    await upload(page, 'bad-date-format.csv');
    const alert = replaySection(page).getByRole('alert');
    await expect
      .poll(() => alert.textContent())
      .toMatch(
        /bad-date-format\.csv was not used:\s*row 4, column date: "03\/09\/2020" is not an ISO date/,
      );
    expect(await explorer(page).count()).toBe(0);

    await uploadGood(page);
    expect(await replaySection(page).getByRole('alert').count()).toBe(0);
    const summary = await replaySection(page).locator('.summary').textContent();
    await upload(page, 'bad-gap.csv');
    await expect
      .poll(() => replaySection(page).getByRole('alert').textContent())
      .toContain(`bad-gap.csv was not used; the replay of ${GOOD} is unchanged:`);
    expect(await replaySection(page).locator('.summary').textContent()).toBe(summary);
    expect(await explorer(page).count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('has no serious or critical accessibility violations with a replay shown (axe-core)', async () => {
    const { page } = await browser.session.newPage();
    await page.goto(browser.site.url);
    await uploadGood(page);
    const results = await new AxeBuilder({ page })
      .include('section[aria-label="Historical replay"]')
      .analyze();
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
    expect(serious).toEqual([]);
  });

  it.each([
    ['laptop', 1280, 900, 'light'],
    ['phone', 390, 844, 'dark'],
  ] as const)(
    'renders at %s width (screenshot saved)',
    async (name, width, height, colorScheme) => {
      const { page } = await browser.session.newPage({ width, height, colorScheme });
      await page.goto(browser.site.url);
      await uploadGood(page);
      await explorer(page).getByRole('slider', { name: 'Day' }).fill('50');
      await replaySection(page).screenshot({ path: `${SHOTS}/h17-replay-${name}.png` });
      // What a reader sees first: the top of the section in the viewport.
      await replaySection(page).evaluate((el) => el.scrollIntoView());
      await page.screenshot({ path: `${SHOTS}/h17-replay-${name}-viewport.png` });
      const overflow = await page.evaluate(() => {
        const root = (
          globalThis as unknown as {
            document: { documentElement: { scrollWidth: number; clientWidth: number } };
          }
        ).document.documentElement;
        return root.scrollWidth - root.clientWidth;
      });
      expect(overflow).toBeLessThanOrEqual(0);
    },
  );
});
