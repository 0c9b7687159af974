import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, serveSite, type Session, type Site } from './harness.ts';

let site: Site;
let session: Session;

beforeAll(async () => {
  site = await serveSite();
  session = await launch(site.url);
});

afterAll(async () => {
  await session?.close();
  await site?.stop();
});

describe('the built site in Chromium', () => {
  it('opens with its heading, no console errors and no request to another origin', async () => {
    const { page, errors, offOrigin } = await session.newPage();
    await page.goto(site.url);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('ALVH');
    expect(errors).toEqual([]);
    expect(offOrigin).toEqual([]);
  });
});
