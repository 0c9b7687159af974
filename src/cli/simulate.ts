/**
 * `npm run -s simulate -- --preset NAME [--market NAME] | --config FILE [--paths N] [--seed S]
 * [--days D] [--replay FILE.csv] [--details]`
 *
 * --preset takes a strategy preset (alvh-example, condor-only, …) or a market preset (historical,
 * crash-2008, …: the default condor in that market); --market sets a strategy preset's market.
 * --replay runs the rules on one observed path (columns date,spx,vix) and adds its `events`.
 * Prints the result summary as JSON on stdout (sampled paths' daily series only with --details).
 * Any error is one line on stderr, exit code 1.
 */
import { readFileSync } from 'node:fs';
import {
  configForMarketPreset,
  formatConfigError,
  isMarketPresetName,
  isStrategyPresetName,
  MARKET_PRESET_NAMES,
  parseReplayCsv,
  replay,
  simulate,
  strategyPreset,
  STRATEGY_PRESET_NAMES,
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
  const market = flags.get('market');
  if (market !== undefined && !isMarketPresetName(market)) {
    throw new CliError(
      `--market: unknown market preset '${market}' (known: ${MARKET_PRESET_NAMES.join(', ')})`,
    );
  }
  if (isStrategyPresetName(name)) {
    return strategyPreset(name, market ? { market } : {}) as unknown as Record<string, unknown>;
  }
  if (market !== undefined) throw new CliError('--market goes with a strategy --preset');
  if (!isMarketPresetName(name)) {
    throw new CliError(
      `--preset: unknown preset '${name}' (strategy presets: ${STRATEGY_PRESET_NAMES.join(', ')}; market presets: ${MARKET_PRESET_NAMES.join(', ')})`,
    );
  }
  return configForMarketPreset(name) as unknown as Record<string, unknown>;
}

function main(argv: string[]): void {
  const flags = parseFlags(
    argv,
    ['preset', 'market', 'config', 'paths', 'seed', 'days', 'replay'],
    ['details'],
  );
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
  const details = flags.has('details');
  const replayFile = flags.get('replay');
  if (replayFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(replayFile, 'utf8');
    } catch (e) {
      throw new CliError(`--replay: cannot read ${replayFile}: ${(e as Error).message}`);
    }
    const parsed = parseReplayCsv(text);
    if (!parsed.ok) throw new CliError(`--replay: ${replayFile}: ${parsed.error}`);
    for (const warning of parsed.warnings) process.stderr.write(`simulate: warning: ${warning}\n`);
    const result = replay(validation.config, parsed.series);
    const { series, ...summary } = result;
    process.stdout.write(JSON.stringify(details ? result : summary, null, 2) + '\n');
    void series;
    return;
  }
  const result = simulate(validation.config, { details });
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
}

try {
  main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`simulate: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
