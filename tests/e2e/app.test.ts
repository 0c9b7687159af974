import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser-fixture.ts';

const browser = useBrowser();

describe('the built site in Chromium', () => {
  it('opens with its heading, no console errors and no request to another origin', async () => {
    const { page, errors, offOrigin } = await browser.session.newPage();
    await page.goto(browser.site.url);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('ALVH');
    expect(errors).toEqual([]);
    expect(offOrigin).toEqual([]);
  });
});

describe('the jump bar', () => {
  it('takes the focus to each part of the page without touching the hash (the share link)', async () => {
    const { page, errors } = await browser.session.newPage();
    await page.goto(browser.site.url);
    const bar = page.getByRole('navigation', { name: 'On this page' });
    for (const name of ['Stress test', 'Threshold sweep', 'Historical replay', 'Glossary']) {
      await bar.getByRole('button', { name }).click();
      await expect(
        // A string runs in the page (this file type-checks without the DOM library).
        page.evaluate("document.activeElement?.getAttribute('aria-label') ?? null"),
      ).resolves.toBe(name);
      await expect(page.getByRole('region', { name, exact: true }).isVisible()).resolves.toBe(true);
    }
    expect(new URL(page.url()).hash).toBe('');
    expect(errors).toEqual([]);
  });
});

describe('an invalid field', () => {
  it('blocks Run with its message until it is fixed', async () => {
    const { page, errors } = await browser.session.newPage();
    await page.goto(browser.site.url);
    const run = page.getByRole('button', { name: 'Run simulation' });
    const paths = page.getByLabel('Paths', { exact: true });
    await paths.fill('0');
    await paths.blur();
    await expect(run.isDisabled()).resolves.toBe(true);
    const reason = await page.locator('#run-disabled-reason').textContent();
    expect(reason).toMatch(/^Run is disabled: .*paths.*between 1 and 1,?000,?000/i);
    await expect(paths.getAttribute('aria-invalid')).resolves.toBe('true');
    await paths.fill('2000');
    await paths.blur();
    await expect(run.isEnabled()).resolves.toBe(true);
    expect(errors).toEqual([]);
  });
});
