/**
 * The guided walkthrough in the built site (Chromium, real workers): start it, go through every
 * step to the end — each running step waits for its run to finish and checks that the element the
 * step highlights is outlined and scrolled into view — resume after a reload, and the embed
 * (`?embed=1&lesson=<id>`): step 1 at once, two steps run, nothing stored, an unknown id named.
 * Screenshots at 1280 and 390 px under tests/e2e/screenshots/ (git-ignored).
 *
 * Needs `npx vite build` first (npm test does it); ALVH_DIST picks another build folder.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../src/content/lessons.ts';
import { SCREENSHOTS, useBrowser } from './browser-fixture.ts';

const SHOTS = SCREENSHOTS;
const lesson = LESSONS[0];
const n = lesson.steps.length;
/** Longest one lesson run (2,000 paths × 252 days) may take on a busy 2-core machine. */
const RUN_TIMEOUT_MS = 60_000;

const browser = useBrowser();

/** The page's globals the in-page scripts read (this file type-checks without DOM types). */
interface PageGlobals {
  document: { activeElement: { tagName: string; textContent: string | null } | null };
  localStorage: { length: number };
}

const panelOf = (page: Page) => page.getByRole('region', { name: 'Walkthrough' });

/** Waits for step k (1-based) to be on screen, and for its run (if any) to finish. */
async function atStep(page: Page, k: number): Promise<void> {
  const panel = panelOf(page);
  await panel.getByText(`Step ${k} of ${n}`, { exact: true }).waitFor();
  const step = lesson.steps[k - 1];
  await page.getByRole('heading', { name: step.title }).waitFor();
  if (!step.run) return;
  await panel.getByText(/^Done\. Look at /).waitFor({ timeout: RUN_TIMEOUT_MS });
  await page.waitForSelector('section[aria-label="Results"][aria-busy="false"]');
}

/** Whether the highlighted element of the step is outlined and (partly) inside the viewport. */
async function highlightInView(page: Page, id: string): Promise<boolean> {
  const target = page.locator(`[data-highlight-id="${id}"][data-highlighted="true"]`);
  if ((await target.count()) !== 1 || !(await target.isVisible())) return false;
  const box = await target.boundingBox();
  const viewport = page.viewportSize();
  return box !== null && viewport !== null && box.y < viewport.height && box.y + box.height > 0;
}

describe('the guided walkthrough', () => {
  it('goes through every step to the end, running and highlighting as it goes', async () => {
    const { page, errors } = await browser.session.newPage({ width: 1280, height: 900 });
    await page.goto(browser.site.url);
    await page.getByRole('button', { name: 'Start walkthrough' }).click();
    for (let k = 1; k <= n; k++) {
      await atStep(page, k);
      const step = lesson.steps[k - 1];
      // The focus moved to the step's heading.
      expect(
        await page.evaluate(
          () => (globalThis as unknown as PageGlobals).document.activeElement?.tagName,
        ),
      ).toBe('H2');
      if (step.highlight) {
        const id = step.highlight;
        await expect.poll(() => highlightInView(page, id), { timeout: 10_000 }).toBe(true);
      }
      if (step.id === 'calm-vs-stress' || step.id === 'claims') {
        await page.waitForTimeout(600); // the smooth scroll settles
        await page.screenshot({ path: `${SHOTS}/h15-walkthrough-${step.id}-1280.png` });
      }
      await panelOf(page)
        .getByRole('button', { name: k === n ? 'Finish' : 'Next' })
        .click();
    }
    await page.getByRole('button', { name: 'Start walkthrough' }).waitFor();
    // Finished: nothing to resume, no outline left.
    expect(await page.getByRole('button', { name: /^Resume walkthrough/ }).count()).toBe(0);
    expect(await page.locator('[data-highlighted]').count()).toBe(0);
    expect(errors).toEqual([]);
  }, 120_000);

  it('offers to resume after a reload, and Escape leaves', async () => {
    const { page, errors } = await browser.session.newPage({ width: 390, height: 844 });
    await page.goto(browser.site.url);
    await page.getByRole('button', { name: 'Start walkthrough' }).click();
    await atStep(page, 1);
    await expect.poll(() => highlightInView(page, 'pnl-histogram'), { timeout: 10_000 }).toBe(true);
    await page.waitForTimeout(600);
    await page.screenshot({ path: `${SHOTS}/h15-walkthrough-step1-390.png` });
    await panelOf(page).getByRole('button', { name: 'Next' }).click();
    await atStep(page, 2);
    await page.reload();
    await page.getByRole('button', { name: `Resume walkthrough (step 2 of ${n})` }).click();
    await atStep(page, 2);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Start walkthrough' }).waitFor();
    expect(
      await page.evaluate(
        () => (globalThis as unknown as PageGlobals).document.activeElement?.textContent,
      ),
    ).toBe('Start walkthrough');
    expect(errors).toEqual([]);
  }, 90_000);

  it('opens ?lesson= over the saved settings, and restoring gives those settings back', async () => {
    const { page, errors } = await browser.session.newPage({ width: 1280, height: 900 });
    await page.goto(browser.site.url);
    const paths = page.getByLabel('Paths', { exact: true });
    await paths.fill('777');
    await paths.blur();
    await page.waitForTimeout(1500); // the draft is saved after a short pause
    await page.goto(`${browser.site.url}?lesson=hedge-basics`);
    await atStep(page, 1);
    await expect(panelOf(page).textContent()).resolves.not.toContain('You changed the settings');
    await panelOf(page).getByRole('button', { name: 'Leave and restore my settings' }).click();
    await expect(page.getByLabel('Paths', { exact: true }).inputValue()).resolves.toBe('777');
    expect(errors).toEqual([]);
  }, 90_000);

  it('opens the lesson at once in an embed, steps and runs, and stores nothing', async () => {
    const { page, errors } = await browser.session.newPage({ width: 390, height: 844 });
    await page.goto(`${browser.site.url}?embed=1&lesson=${lesson.id}`);
    await atStep(page, 1);
    await panelOf(page).getByRole('button', { name: 'Next' }).click();
    await atStep(page, 2);
    await expect.poll(() => highlightInView(page, 'pnl-histogram'), { timeout: 10_000 }).toBe(true);
    await page.screenshot({ path: `${SHOTS}/h15-walkthrough-embed-390.png` });
    await panelOf(page).getByRole('button', { name: 'Next' }).click();
    await atStep(page, 3);
    expect(
      await page.evaluate(() => (globalThis as unknown as PageGlobals).localStorage.length),
    ).toBe(0);
    expect(errors).toEqual([]);
  }, 90_000);

  it('names the known lessons for an unknown lesson id in an embed', async () => {
    const { page } = await browser.session.newPage({ width: 1280, height: 900 });
    await page.goto(`${browser.site.url}?embed=1&lesson=no-such-lesson`);
    const alert = panelOf(page).getByRole('alert');
    expect(await alert.textContent()).toBe(
      `There is no lesson "no-such-lesson". Known lessons: ${LESSONS.map((l) => l.id).join(', ')}.`,
    );
  });
});
