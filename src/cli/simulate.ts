/**
 * `npm run -s simulate -- --preset NAME | --config FILE [--paths N] [--seed S] [--days D]`
 * Prints the result summary as JSON on stdout. Any error is one line on stderr, exit code 1.
 */
import { readFileSync } from 'node:fs';
import {
  configForMarketPreset,
  formatConfigError,
  isMarketPresetName,
  MARKET_PRESET_NAMES,
  simulate,
  validateConfig,
} from '../engine/index.ts';
import { CliError, integerFlag, parseFlags } from './args.ts';

function loadConfig(flags: Map<string, string>): Record<string, unknown> {
  const file = flags.get('config');
  const preset = flags.get('preset');
  if (file && preset) throw new CliError('use either --config or --preset, not both');
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new CliError(`--config: cannot read ${file}: ${(e as Error).message}`);
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new CliError(`--config: ${file} must hold a JSON object`);
      }
      return parsed as Record<string, unknown>;
    } catch (e) {
      if (e instanceof CliError) throw e;
      throw new CliError(`--config: ${file} is not valid JSON: ${(e as Error).message}`);
    }
  }
  const name = preset ?? 'historical';
  if (!isMarketPresetName(name)) {
    throw new CliError(
      `--preset: unknown preset '${name}' (known: ${MARKET_PRESET_NAMES.join(', ')})`,
    );
  }
  return configForMarketPreset(name) as unknown as Record<string, unknown>;
}

function main(argv: string[]): void {
  const flags = parseFlags(argv, ['preset', 'config', 'paths', 'seed', 'days']);
  const config = loadConfig(flags);
  const paths = integerFlag(flags, 'paths');
  const seed = integerFlag(flags, 'seed');
  const days = integerFlag(flags, 'days');
  if (paths !== undefined) config.paths = paths;
  if (seed !== undefined) config.seed = seed;
  if (days !== undefined) config.horizonDays = days;
  const validation = validateConfig(config);
  if (!validation.ok) {
    const flagFor: Record<string, string> = {
      paths: '--paths',
      seed: '--seed',
      horizonDays: '--days',
    };
    const first = validation.errors[0];
    const via = flagFor[first.path] ? ` (${flagFor[first.path]})` : '';
    throw new CliError(
      `${formatConfigError(first)}${via}${validation.errors.length > 1 ? ` (+${validation.errors.length - 1} more)` : ''}`,
    );
  }
  const result = simulate(validation.config);
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
}

try {
  main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`simulate: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
