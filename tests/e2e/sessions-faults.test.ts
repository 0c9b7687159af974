// Storage faults in Chromium with the real IndexedDB (issue 6 §7): a bad import file, two tabs
// saving at once, IndexedDB missing or refused, and a full quota. `npx vite build` first. Each
// test opens its own browser context, so its own database.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser-fixture.ts';

const browser = useBrowser();

/** What the init scripts below touch of the page's globals (this program has no DOM types). */
interface PageGlobals {
  __quotaFull?: boolean;
  IDBObjectStore: { prototype: { put: (...args: unknown[]) => unknown } };
  DOMException: new (message: string, name: string) => Error;
}

const savedList = (page: Page) => page.getByRole('list', { name: 'Saved sessions' });
const savedNames = (page: Page) =>
  savedList(page)
    .getByRole('listitem')
    .evaluateAll((items) => items.map((li) => li.querySelector('.name')?.textContent ?? ''));

/** Opens the app and waits until the draft is restored and the list is shown. */
async function open(page: Page, url = browser.site.url): Promise<void> {
  await page.goto(url);
  await savedList(page).waitFor({ state: 'attached' });
  await page.getByRole('button', { name: 'Run simulation' }).waitFor();
}

async function saveAs(page: Page, name: string): Promise<void> {
  await page.getByLabel('Session name').fill(name);
  await page.getByRole('button', { name: 'Save session' }).click();
  await savedList(page).getByText(name, { exact: true }).waitFor();
}

describe('storage faults in Chromium', () => {
  it('refuses a bad import file with an alert and leaves the saved sessions as they were', async () => {
    const { page, errors } = await browser.session.newPage();
    await open(page);
    await saveAs(page, 'Existing');

    await page.getByLabel('Import sessions').setInputFiles({
      name: 'sessions.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ format: 'alvh-sessions', version: 99 })),
    });
    const alert = page.getByRole('alert').filter({ hasText: 'The file was not imported' });
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(
      /^The file was not imported \(nothing was changed\): \S/,
    );
    await expect(savedNames(page)).resolves.toEqual(['Existing']);

    await page.reload(); // what is stored, not just what is shown
    await savedList(page).getByText('Existing', { exact: true }).waitFor();
    await expect(savedNames(page)).resolves.toEqual(['Existing']);
    expect(errors).toEqual([]);
  });

  it('keeps the sessions two tabs save: after a reload each tab lists both', async () => {
    const first = await browser.session.newPage();
    const second = await first.context.newPage();
    const secondErrors: string[] = [];
    second.on('console', (msg) => {
      if (msg.type() === 'error') secondErrors.push(msg.text());
    });
    second.on('pageerror', (err) => secondErrors.push(String(err)));

    await open(first.page);
    await open(second);
    await saveAs(first.page, 'From tab one');
    await saveAs(second, 'From tab two');

    for (const page of [first.page, second]) {
      await page.reload();
      await savedList(page).getByText('From tab one', { exact: true }).waitFor();
      await savedList(page).getByText('From tab two', { exact: true }).waitFor();
      const names = await savedNames(page);
      expect([...names].sort()).toEqual(['From tab one', 'From tab two']);
    }
    expect([...first.errors, ...secondErrors]).toEqual([]);
  });

  it.each([
    {
      fault: 'missing',
      message: 'This browser offers no database here',
      script: () => {
        Object.defineProperty(globalThis, 'indexedDB', { value: undefined, configurable: true });
      },
    },
    {
      fault: 'refused with a SecurityError',
      message: 'The browser refused storage access',
      script: () => {
        const g = globalThis as unknown as PageGlobals;
        Object.defineProperty(globalThis, 'indexedDB', {
          configurable: true,
          get() {
            throw new g.DOMException('Access to storage is denied.', 'SecurityError');
          },
        });
      },
    },
  ])(
    'works without IndexedDB ($fault): says sessions stay in this tab, and a save is listed',
    async ({ message, script }) => {
      const { page, errors } = await browser.session.newPage();
      await page.addInitScript(script);
      await open(page);
      const note = page.getByRole('status').filter({ hasText: message });
      await note.waitFor();
      await expect(note.textContent()).resolves.toContain('kept in this tab only');

      await saveAs(page, 'Kept in memory');
      await expect(savedNames(page)).resolves.toEqual(['Kept in memory']);
      // The rest of the page still works: the share link is made.
      await page.getByRole('button', { name: 'Share link' }).click();
      await expect(page.getByLabel('Share link', { exact: true }).inputValue()).resolves.toMatch(
        /#v1\.[A-Za-z0-9_-]+$/,
      );
      expect(errors).toEqual([]);
    },
  );

  it('refuses a save when the quota is full with an alert, keeps the list, and says the draft stays in the tab', async () => {
    const { page, errors } = await browser.session.newPage();
    // Chromium's QuotaExceededError from every object store write, once the test switches it on
    // (after the database opened and one session was saved).
    await page.addInitScript(() => {
      const g = globalThis as unknown as PageGlobals;
      const put = g.IDBObjectStore.prototype.put;
      g.IDBObjectStore.prototype.put = function (this: unknown, ...args: unknown[]) {
        if (g.__quotaFull)
          throw new g.DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return put.apply(this, args);
      };
    });
    await open(page);
    await saveAs(page, 'Before the disk filled');
    await page.evaluate(() => {
      (globalThis as unknown as PageGlobals).__quotaFull = true;
    });

    await page.getByLabel('Session name').fill('Too much');
    await page.getByRole('button', { name: 'Save session' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'storage for this site is full' });
    await alert.waitFor();
    await expect(savedNames(page)).resolves.toEqual(['Before the disk filled']);

    // The draft cannot be written either: it is kept in the tab, and the user is told so.
    const seed = page.getByLabel('Seed', { exact: true });
    await seed.fill('4321');
    await seed.blur();
    await page
      .getByRole('status')
      .filter({ hasText: 'The draft could not be saved in the browser' })
      .waitFor();
    await expect(seed.inputValue()).resolves.toBe('4321');
    expect(errors).toEqual([]);
  });
});
