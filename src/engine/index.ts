/**
 * The public engine API (DESIGN §7): the only import path into the engine from outside it (app,
 * workers, CLI, tests of the wiring). Names, argument objects and units are part of the contract.
 */
export { blackScholes, black76 } from './pricing/black-scholes.ts';
export { impliedVol, impliedVolBlack76 } from './pricing/implied-vol.ts';
export { hestonPrice } from './pricing/heston-price.ts';
export { hestonVix } from './pricing/vix-index.ts';
export { vixFuture } from './pricing/vix-future.ts';
export { vixOption } from './pricing/vix-option.ts';
export { vvixBlack76 } from './pricing/vvix.ts';

export {
  simulate,
  simulateShard,
  mergeShards,
  buildPricingTables,
  requireValidConfig,
  InvalidConfigError,
  type SimulationResult,
  type SimulationShard,
  type SimulationRange,
  type SimulationProgress,
  type SimulateOptions,
  type PricingTables,
  type ChunkSummary,
  planShards,
  CHUNK_PATHS,
  type MarketStatsReport,
  type AverageVixCurve,
  simulatePathDetail,
  summarizeOutcomes,
  capitalAtRisk,
  type PathDetail,
  type FanChart,
  type SampledPath,
  type SampledPathRole,
  type LayerReport,
  type MergeOptions,
} from './simulate.ts';
export { replay, type ReplayResult, type DatedEvent } from './replay.ts';
export {
  parseReplayCsv,
  replaySeriesFromColumns,
  type ReplaySeries,
  type ReplaySeriesResult,
} from './scenarios/replay-series.ts';
export {
  STRATEGY_PRESET_NAMES,
  strategyPreset,
  strategyPresetInfo,
  isStrategyPresetName,
  type StrategyPresetName,
  type StrategyPresetInfo,
} from './scenarios/strategy-presets.ts';
export type { StrategyEvent, StrategyEventKind, EventReason } from './strategy/events.ts';
export type { PathSeries } from './strategy/run-strategy.ts';
export type { OpeningBook, OpeningPosition } from './strategy/opening-book.ts';
export { pnlAtExpiry, type Leg, type OptionLeg, type FutureLeg } from './instruments/legs.ts';
export { CONTRACT_MULTIPLIER } from './instruments/contracts.ts';
export type { ConditionReading } from './strategy/triggers.ts';
export type {
  BookSummary,
  PairedDifference,
  LayerSummary,
  CalmVsStress,
  PnlHistogram,
  Estimate,
} from './stats/outcomes.ts';
export type { Claim, ClaimVerdict, ClaimId } from './stats/claims.ts';

export { defaultConfig, configForMarketPreset, defaultHedgeLayer } from './config/defaults.ts';
export {
  validateConfig,
  formatConfigError,
  type ConfigError,
  type ConfigValidation,
} from './config/validate.ts';
export { migrateConfig } from './config/migrations.ts';
export {
  CONFIG_VERSION,
  type SimulationConfig,
  type MarketConfig,
  type CondorConfig,
  type HedgeLayerConfig,
  type TriggerCondition,
  type MarketShockConfig,
} from './config/schema.ts';
export {
  MARKET_PRESET_NAMES,
  marketPreset,
  isMarketPresetName,
  type MarketPreset,
  type MarketPresetName,
} from './scenarios/market-presets.ts';
export {
  STRESS_SCENARIO_NAMES,
  CUSTOM_STRESS_LIMITS,
  stressScenario,
  isStressScenarioName,
  stressedConfig,
  validateCustomStress,
  customStressShocks,
  stressEffects,
  type StressScenario,
  type StressScenarioName,
  type StressChoice,
  type StressedConfig,
  type CustomStress,
  type CustomStressError,
  type StressEffect,
  type StressStatistic,
  type StressBook,
  type StressComparisonSummary,
} from './scenarios/stress-scenarios.ts';
export {
  sweepParameters,
  sweepGrid,
  configAt,
  sweepPoint,
  pickBest,
  criterionScore,
  outOfSampleSeed,
  compareOutOfSample,
  SWEEP_MIN_STEPS,
  SWEEP_MAX_STEPS,
  type SweepParameter,
  type SweepUnit,
  type SweepPoint,
  type SweepCriterion,
  type OutOfSampleComparison,
} from './scenarios/sweep.ts';
export type { MarketParams, JumpParams } from './model/market-params.ts';
export type { MarketStats } from './stats/market.ts';
