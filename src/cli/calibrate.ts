/**
 * `npm run -s calibrate [-- --paths N --days D --seeds 1,2,3 --preset NAME --json]`
 * The DESIGN §8 table: each statistic from history (shared/data) beside the simulated P-market of
 * a preset (default `historical`, 300 paths × 2,520 days per seed), with its tolerance and a
 * pass mark, and the preset's average VIX futures curve (1–8 months): what the hedge layers pay.
 */
import {
  configForMarketPreset,
  isMarketPresetName,
  simulate,
  type SimulationResult,
} from '../engine/index.ts';
import { CliError, integerFlag, parseFlags } from './args.ts';
import { historyMarketStats } from './history-data.ts';
import { describeTolerance, MARKET_TARGETS, meetsTarget } from './market-targets.ts';

function main(argv: string[]): void {
  const flags = parseFlags(argv, ['paths', 'days', 'seeds', 'preset', 'json']);
  const paths = integerFlag(flags, 'paths') ?? 300;
  const days = integerFlag(flags, 'days') ?? 2520;
  const seeds = (flags.get('seeds') ?? '1').split(',').map((s) => {
    const n = Number(s);
    if (!Number.isInteger(n) || n < 0) throw new CliError(`--seeds: '${s}' is not a whole number`);
    return n;
  });
  const presetName = flags.get('preset') ?? 'historical';
  if (!isMarketPresetName(presetName))
    throw new CliError(`--preset: unknown preset '${presetName}'`);

  const history = historyMarketStats();
  const runs: SimulationResult[] = seeds.map((seed) =>
    simulate({ ...configForMarketPreset(presetName), paths, horizonDays: days, seed }),
  );
  const rows = MARKET_TARGETS.map((target) => {
    const h = history[target.field];
    const models = runs.map((r) => r.market[target.field] ?? Number.NaN);
    return {
      statistic: target.label,
      field: target.field,
      history: h,
      model: models,
      tolerance: describeTolerance(target.tolerance),
      pass: models.every((m) => meetsTarget(target, h, m)),
    };
  });
  const curve = runs[0].vixCurve;
  if (flags.get('json') === 'true') {
    process.stdout.write(
      JSON.stringify({ preset: presetName, paths, days, seeds, rows, vixCurve: curve }, null, 2) +
        '\n',
    );
    return;
  }
  const fmt = (x: number) =>
    Math.abs(x) >= 10 ? x.toFixed(1) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toFixed(3);
  const lines = [
    `| statistic | history | model (${presetName}, ${paths} paths × ${days} days, seed ${seeds.join('/')}) | tolerance | ok |`,
    '|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.statistic} | ${fmt(r.history)} | ${r.model.map(fmt).join(' / ')} | ${r.tolerance} | ${r.pass ? 'yes' : '**no**'} |`,
    ),
    '',
    `Average VIX futures curve (spot VIX ${curve.spot.toFixed(2)}): ` +
      curve.months.map((m, i) => `${m}m ${curve.future[i].toFixed(2)}`).join(', '),
    `${rows.filter((r) => r.pass).length} of ${rows.length} statistics within tolerance on every seed.`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

try {
  main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`calibrate: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
