// Sessions, the draft, share links and embed mode in Chromium with the real IndexedDB (issue 6).
// `npx vite build` first. Each test opens its own browser context, so its own database.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser-fixture.ts';

const browser = useBrowser();

const HOSTILE = 'Crash <b>test</b> & co';
/** Draft debounce is 500 ms; a reload waits this long after the last edit. */
const AFTER_DEBOUNCE_MS = 1000;

/** What the page scripts below use of the page's globals (this program has no DOM types). */
interface PageGlobals {
  __posts: unknown[];
  parent: { postMessage: (message: unknown, targetOrigin: string) => void };
  indexedDB: { databases(): Promise<unknown[]> };
}

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });
const savedList = (page: Page) => page.getByRole('list', { name: 'Saved sessions' });

async function setNumber(page: Page, label: string, value: number): Promise<void> {
  const input = field(page, label);
  await input.fill(String(value));
  await input.blur();
}

/** Opens the app and waits until the draft is restored and the list is shown. */
async function open(page: Page, url = browser.site.url): Promise<void> {
  await page.goto(url);
  await savedList(page).waitFor({ state: 'attached' });
  await page.getByRole('button', { name: 'Run simulation' }).waitFor();
}

/** Runs the config on screen and returns the result's summary JSON. */
async function runSummary(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Run simulation' }).click();
  const summary = page.locator(
    'section[aria-label="Results"][aria-busy="false"] [data-testid="summary-json"]',
  );
  await summary.waitFor({ state: 'attached', timeout: 120_000 });
  return (await summary.textContent()) ?? '';
}

describe('sessions, drafts, share links and embeds in Chromium', () => {
  it('lists a saved session by its name as text after a reload, and opening it restores its fields', async () => {
    const { page, errors } = await browser.session.newPage();
    await open(page);
    await setNumber(page, 'Seed', 4242);
    await page.getByLabel('Session name').fill(HOSTILE);
    await page.getByRole('button', { name: 'Save session' }).click();
    await savedList(page).getByText(HOSTILE, { exact: true }).waitFor();
    await setNumber(page, 'Seed', 7);

    await page.reload();
    await savedList(page).getByText(HOSTILE, { exact: true }).waitFor();
    await expect(savedList(page).locator('b').count()).resolves.toBe(0);
    await expect(savedList(page).getByRole('listitem').count()).resolves.toBe(1);

    await setNumber(page, 'Seed', 1);
    await savedList(page)
      .getByRole('button', { name: `Open ${HOSTILE}` })
      .click();
    await expect(field(page, 'Seed').inputValue()).resolves.toBe('4242');
    expect(errors).toEqual([]);
  });

  it('keeps the draft across a reload', async () => {
    const { page, errors } = await browser.session.newPage();
    await open(page);
    await setNumber(page, 'Seed', 31337);
    await page.waitForTimeout(AFTER_DEBOUNCE_MS);
    await page.reload();
    await savedList(page).waitFor({ state: 'attached' });
    await expect.poll(() => field(page, 'Seed').inputValue(), { timeout: 5000 }).toBe('31337');
    expect(errors).toEqual([]);
  });

  it('reproduces the config and the figures from a share link in a fresh browser context', async () => {
    const a = await browser.session.newPage();
    await open(a.page);
    await setNumber(a.page, 'Paths', 1024);
    await setNumber(a.page, 'Seed', 777);
    await a.page.getByRole('button', { name: 'Share link' }).click();
    const link = await field(a.page, 'Share link').inputValue();
    expect(link).toMatch(/#v1\.[A-Za-z0-9_-]+$/);
    const snippet = await field(a.page, 'Embed snippet').inputValue();
    expect(snippet).toContain('?embed=1#v1.');

    const b = await browser.session.newPage();
    await open(b.page, link);
    await expect.poll(() => field(b.page, 'Seed').inputValue()).toBe('777');
    await expect(field(b.page, 'Paths').inputValue()).resolves.toBe('1024');
    expect(new URL(b.page.url()).hash).toBe('');

    const [figuresA, figuresB] = [await runSummary(a.page), await runSummary(b.page)];
    expect(figuresA).not.toBe('');
    expect(figuresB).toBe(figuresA);
    expect([...a.errors, ...b.errors]).toEqual([]);
  });

  it('opens a link pasted into an open tab and offers to restore the draft it replaced', async () => {
    const { page, errors } = await browser.session.newPage();
    await open(page);
    await setNumber(page, 'Seed', 555);
    await page.getByRole('button', { name: 'Share link' }).click();
    const link = await field(page, 'Share link').inputValue();
    await setNumber(page, 'Seed', 1);
    await page.waitForTimeout(AFTER_DEBOUNCE_MS);

    await page.goto(link); // only the hash changes: no reload
    await expect.poll(() => field(page, 'Seed').inputValue()).toBe('555');
    await page.getByRole('button', { name: 'Restore previous draft' }).click();
    await expect.poll(() => field(page, 'Seed').inputValue()).toBe('1');
    expect(errors).toEqual([]);
  });

  it('shows an alert for a damaged link, keeps the default settings and the saved sessions', async () => {
    const { page, errors } = await browser.session.newPage();
    await open(page);
    const defaultSeed = await field(page, 'Seed').inputValue();
    await page.getByLabel('Session name').fill('Before the bad link');
    await page.getByRole('button', { name: 'Save session' }).click();
    await savedList(page).getByText('Before the bad link', { exact: true }).waitFor();

    await page.goto('about:blank');
    await open(page, `${browser.site.url}#v1.garbage`);
    const alert = page.getByRole('alert').filter({ hasText: 'The link could not be read' });
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/The link could not be read: .+/);
    await expect(field(page, 'Seed').inputValue()).resolves.toBe(defaultSeed);
    await savedList(page).getByText('Before the bad link', { exact: true }).waitFor();
    expect(errors).toEqual([]);
  });

  it('in embed mode shows the link to the full app and no sessions list, stores nothing and posts its height', async () => {
    const { page, errors } = await browser.session.newPage();
    await page.addInitScript(() => {
      const page = globalThis as unknown as PageGlobals;
      const posts: unknown[] = [];
      page.__posts = posts;
      page.parent.postMessage = (message: unknown) => {
        posts.push(message);
      };
    });
    await page.goto(`${browser.site.url}?embed=1&controls=layers,paths`);
    const full = page.getByRole('link', { name: 'Open in full simulator' });
    await full.waitFor();
    await expect.poll(() => full.getAttribute('href')).toMatch(/#v1\.[A-Za-z0-9_-]+$/);
    expect(await full.getAttribute('href')).not.toContain('embed=1');
    await expect(page.getByRole('list', { name: 'Saved sessions' }).count()).resolves.toBe(0);
    await expect(field(page, 'Paths').count()).resolves.toBe(1);
    await expect(field(page, 'Seed').count()).resolves.toBe(0);

    const posts = await page.evaluate(() => (globalThis as unknown as PageGlobals).__posts);
    expect(posts.length).toBeGreaterThan(0);
    expect(posts[0]).toEqual({ type: 'alvh:height', height: expect.any(Number) });
    expect((posts[0] as { height: number }).height).toBeGreaterThan(100);
    const databases = await page.evaluate(
      async () => (await (globalThis as unknown as PageGlobals).indexedDB.databases()).length,
    );
    expect(databases).toBe(0);
    expect(errors).toEqual([]);
  });
});
