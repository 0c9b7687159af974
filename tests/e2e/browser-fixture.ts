/**
 * The browser an end-to-end test file shares: the built site served once and Chromium launched
 * once for the file (beforeAll), both stopped after it (afterAll). Kept apart from harness.ts,
 * which the Node CLI (bench-browser) also imports, outside any test runner.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { launch, serveSite, type Session, type Site } from './harness.ts';

/** Where tests save screenshots for a person to look at (git-ignored). */
export const SCREENSHOTS = 'tests/e2e/screenshots';

/** The file's site and browser session; the fields are set before its first test runs. */
export function useBrowser(): { site: Site; session: Session } {
  const shared = {} as { site: Site; session: Session };
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    shared.site = await serveSite();
    shared.session = await launch(shared.site.url);
  });
  afterAll(async () => {
    await shared.session?.close();
    await shared.site?.stop();
  });
  return shared;
}
