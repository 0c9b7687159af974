// `npm test`: every check the project has, in one command. Static checks (type checks, svelte-check,
// lint, format) each count as one test; then Vitest. Every step runs even if an earlier one fails,
// so one run shows everything that is wrong. Writes .test-results/summary.json ({ passed, failed })
// for .ci/run, which prints `N passed, M failed` from it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { ensureChromium } from './e2e/ensure-chromium.mjs';

const resultsDir = '.test-results';
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

let passed = 0;
let failed = 0;
const failures = [];

function run(label, command, args) {
  process.stdout.write(`\n▶ ${label}\n`);
  const res = spawnSync(command, args, { stdio: 'inherit', shell: false });
  return res.status === 0;
}

/** DESIGN/issue 5: the JavaScript shipped stays within 250 KB gzip (page and worker together). */
function checkBundleSize() {
  const limit = 250 * 1024;
  const dir = 'dist/assets';
  process.stdout.write('\n▶ bundle size: JavaScript shipped ≤ 250 KB gzip\n');
  if (!existsSync(dir)) {
    failed++;
    failures.push('bundle size: dist/assets is missing (the build failed)');
    return;
  }
  let total = 0;
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
    const size = gzipSync(readFileSync(`${dir}/${name}`)).length;
    process.stdout.write(`  ${name}: ${(size / 1024).toFixed(1)} KB gzip\n`);
    total += size;
  }
  process.stdout.write(`  total: ${(total / 1024).toFixed(1)} KB gzip (limit 250 KB)\n`);
  if (total <= limit) passed++;
  else {
    failed++;
    failures.push(`bundle size: ${(total / 1024).toFixed(1)} KB gzip > 250 KB`);
  }
}

function check(label, command, args) {
  if (run(label, command, args)) passed++;
  else {
    failed++;
    failures.push(label);
  }
}

const bin = (name) => `node_modules/.bin/${name}`;
check('type check: engine (ES2022, no DOM)', bin('tsc'), ['-p', 'tsconfig.engine.json']);
check('type check: Node side (CLI, tests)', bin('tsc'), ['-p', 'tsconfig.node.json']);
check('svelte-check: app', bin('svelte-check'), [
  '--tsconfig',
  './tsconfig.json',
  '--fail-on-warnings',
  '--output',
  'human',
]);
check('lint: eslint', bin('eslint'), ['.']);
check('format: prettier', bin('prettier'), ['--check', '.']);

// The end-to-end tests drive the built site in Debian's Chromium.
check('build: vite build', bin('vite'), ['build', '--logLevel', 'warn']);
checkBundleSize();
const chromium = ensureChromium();
if (!chromium.ok) {
  failed++;
  failures.push(chromium.message);
  process.stdout.write(`\n${chromium.message}\n`);
}

const vitestJson = `${resultsDir}/vitest.json`;
const vitestOk = run('unit, component and end-to-end tests: vitest', bin('vitest'), [
  'run',
  ...(chromium.ok ? [] : ['--project', 'unit', '--project', 'component']),
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
]);
if (existsSync(vitestJson)) {
  const report = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0);
  if (!vitestOk && !report.numFailedTests && !report.numFailedTestSuites) {
    failed++;
    failures.push('vitest exited with an error');
  } else if (report.numFailedTests || report.numFailedTestSuites) failures.push('vitest');
} else {
  failed++;
  failures.push('vitest produced no report');
}

writeFileSync(`${resultsDir}/summary.json`, JSON.stringify({ passed, failed, failures }) + '\n');
process.stdout.write(
  `\n${failures.length ? `Failed: ${failures.join('; ')}\n` : ''}${passed} passed, ${failed} failed\n`,
);
process.exit(failed === 0 ? 0 : 1);
