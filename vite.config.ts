import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Absolute, because the app's root is src/ while the test projects run from the repository root.
const svelteOptions = { configFile: fileURLToPath(new URL('./svelte.config.js', import.meta.url)) };

export default defineConfig({
  root: 'src',
  publicDir: '../static',
  plugins: [svelte(svelteOptions)],
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      // The page, and the service worker at a fixed address (/sw.js) beside it: its scope is the
      // folder it is served from, and the page registers it by name.
      input: {
        index: fileURLToPath(new URL('./src/index.html', import.meta.url)),
        'service-worker': fileURLToPath(new URL('./workers/service-worker.ts', import.meta.url)),
      },
      output: {
        entryFileNames: (chunk) =>
          chunk.name === 'service-worker' ? 'sw.js' : 'assets/[name]-[hash].js',
      },
    },
  },
  worker: { format: 'es' },
  test: {
    root: '.',
    testTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          pool: 'forks',
        },
      },
      {
        // Components render in happy-dom with Svelte's browser build (PITFALLS: runes in tests).
        extends: true,
        resolve: { conditions: ['browser'] },
        test: {
          name: 'component',
          include: ['tests/component/**/*.test.ts'],
          environment: 'happy-dom',
          setupFiles: ['tests/component/setup.ts'],
        },
      },
      {
        // The built site in Debian's Chromium (tests/e2e/harness.ts starts `vite preview`).
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
