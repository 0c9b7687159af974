/**
 * Prints the DESIGN §8 statistics of the market history as JSON (MarketStats field names):
 * `npx tsx src/cli/history-stats.ts`. Data directory: $ALVH_DATA_DIR or `<repo>/../shared/data`.
 */
import { hasHistoryData, historyMarketStats, resolveDataDir } from './history-data.ts';

const dataDir = resolveDataDir();
if (!hasHistoryData({ dataDir })) {
  process.stderr.write(`history-stats: no history CSVs in ${dataDir} (set ALVH_DATA_DIR)\n`);
  process.exit(1);
}
process.stdout.write(`${JSON.stringify(historyMarketStats({ dataDir }), null, 2)}\n`);
