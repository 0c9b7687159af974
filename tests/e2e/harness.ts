/**
 * End-to-end harness: serves the built site (dist/, `npm run build` first — `npm test` does) with
 * `vite preview` on a free loopback port and drives Debian's Chromium through playwright-core.
 * Every page records console errors and requests to other origins, which the tests assert empty.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for headless Chromium on these machines (DEVELOPERS brief). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`the preview server did not answer at ${url}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface Site {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts `vite preview` of dist/ (or of `$ALVH_DIST`, a build made with `vite build --outDir`) on
 * a free port.
 */
export async function serveSite(): Promise<Site> {
  const dist = process.env.ALVH_DIST ?? 'dist';
  if (!existsSync(`${dist}/index.html`))
    throw new Error(`${dist}/ is missing: run \`npm run build\` first`);
  const port = await freePort();
  const child: ChildProcess = spawn(
    'node_modules/.bin/vite',
    [
      'preview',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--strictPort',
      // vite resolves --outDir against its root (src/): give it an absolute path.
      ...(process.env.ALVH_DIST ? ['--outDir', resolve(dist)] : []),
    ],
    { stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${port}/`;
  await waitForHttp(url, 20_000);
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface Session {
  browser: Browser;
  /** A fresh context (own storage) per call. */
  newPage(options?: {
    width?: number;
    height?: number;
    colorScheme?: 'light' | 'dark';
  }): Promise<TrackedPage>;
  close(): Promise<void>;
}

export interface TrackedPage {
  page: Page;
  context: BrowserContext;
  /** console.error messages and uncaught page errors. */
  errors: string[];
  /** Requests to any origin other than the site's. */
  offOrigin: string[];
}

/** Launches Chromium (a fresh profile). */
export async function launch(siteUrl: string): Promise<Session> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`,
    );
  }
  // playwright gives every launch a fresh temporary user-data-dir of its own.
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const origin = new URL(siteUrl).origin;
  return {
    browser,
    async newPage(options = {}) {
      const context = await browser.newContext({
        viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
        colorScheme: options.colorScheme ?? 'light',
      });
      const page = await context.newPage();
      const errors: string[] = [];
      const offOrigin: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(msg.text());
      });
      page.on('pageerror', (err) => errors.push(String(err)));
      page.on('request', (req) => {
        const url = req.url();
        if (!url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin)
          offOrigin.push(url);
      });
      return { page, context, errors, offOrigin };
    },
    async close() {
      await browser.close();
    },
  };
}
