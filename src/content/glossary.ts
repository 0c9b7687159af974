/**
 * The learn-mode glossary (issue 7, DESIGN §3): every term the methodology uses, as data, so the
 * glossary component only renders it. Each term has a plain definition, the formula where there is
 * one (plain Unicode text, the same definition the engine uses — see the module named in it), and
 * where it lives in the app:
 *   - 'control': a config field the user can change (a path of
 *     src/components/controls/field-specs.ts, or a trigger kind written
 *     `layers[].trigger.conditions[].kind=<kind>`), with the chart that shows it;
 *   - 'concept': simulated, but not one control (e.g. the variance risk premium): `where` says where
 *     the app shows it;
 *   - 'not-simulated': the methodology mentions it, the model does not have it (DESIGN §3: one
 *     equity index and its volatility, no macro calendar); `why` says so plainly.
 * tests/unit/content/glossary.test.ts walks the list: every control path exists, every
 * not-simulated term has a reason, ids are unique, nothing is empty.
 */

/**
 * Charts and panels a term can be highlighted on. The results charts exist
 * (src/components/charts, src/components/results); the `explorer-*` panels are the path
 * explorer's (issue 7), `market-stats` the simulated-market statistics.
 */
export type GlossaryChart =
  | 'payoff'
  | 'fan'
  | 'pnl-histogram'
  | 'drawdown-histogram'
  | 'layer-attribution'
  | 'calm-stress'
  | 'claims'
  | 'summary'
  | 'market-stats'
  | 'explorer-spx'
  | 'explorer-vix'
  | 'explorer-rsi'
  | 'explorer-macd'
  | 'explorer-book'
  | 'explorer-events';

/**
 * The elements of the results that can be highlighted, by id, with words for a sentence ("Look
 * at the P&L histogram"). ResultsDashboard marks each of them (lib/state/highlight.svelte.ts
 * `highlightTarget`); lessons and the glossary name only these (tests/unit/content/lessons.test.ts,
 * tests/component/learn/glossary.test.ts).
 */
export const RESULT_TARGETS = {
  headline: 'the headline figures',
  'pnl-histogram': 'the P&L histogram',
  claims: 'the claims check',
  'path-explorer': 'the path explorer',
  fan: 'the fan chart of the account value',
  'drawdown-histogram': 'the drawdown histogram',
  'fan-spx': 'the fan chart of the SPX',
  'fan-vix': 'the fan chart of the VIX',
  'layer-attribution': 'the layer attribution chart',
  payoff: 'the payoff diagram',
  'calm-stress': 'the calm vs stress table',
  summary: 'the summary table',
} as const;

/** An id of `RESULT_TARGETS`. */
export type ResultTargetId = keyof typeof RESULT_TARGETS;

/** Every id of `RESULT_TARGETS`, in the dashboard's order. */
export const RESULT_TARGET_IDS = Object.keys(RESULT_TARGETS) as ResultTargetId[];

/** Whether `id` names a highlightable element of the results. */
export function isResultTarget(id: string): id is ResultTargetId {
  return Object.hasOwn(RESULT_TARGETS, id);
}

/** Where a term lives in the app (module comment). */
export type GlossaryMapping =
  | {
      kind: 'control';
      /** A field-specs path (`condor.shortDelta`, `layers[].dte`) or `layers[].trigger.conditions[].kind=<kind>`. */
      path: string;
      chart?: GlossaryChart;
    }
  | {
      kind: 'concept';
      /** Where the app shows it, in words ("the claims check"). */
      where: string;
      chart?: GlossaryChart;
    }
  | {
      kind: 'not-simulated';
      /** Why the model leaves it out, in words. */
      why: string;
    };

/** One glossary entry. */
export interface GlossaryTerm {
  /** Stable kebab-case id (anchors, links from event sentences and lessons). */
  id: string;
  /** The term as the methodology writes it. */
  term: string;
  /** Plain words, 2–4 sentences, no jargon that is not itself in the glossary. */
  definition: string;
  /** The formula in plain text / Unicode, as the engine computes it. */
  formula?: string;
  mapping: GlossaryMapping;
}

const TRIGGER = 'layers[].trigger.conditions[].kind=';

/** Shared reason of the macro terms: DESIGN §3. */
const NO_MACRO =
  'The model simulates one equity index (the SPX) and its volatility (VIX and its futures); it has no macro calendar, economic data or other markets.';

/**
 * Every term, in reading order: the condor, the layers, the VIX curve, the indicators, the rules,
 * the results, then the words the model does not simulate. Tested in
 * tests/unit/content/glossary.test.ts.
 */
export const GLOSSARY: readonly GlossaryTerm[] = [
  {
    id: 'iron-condor',
    term: 'Iron condor',
    definition:
      'Four SPX options opened together: a put and a call are sold out of the money, and a further-out put and call are bought as protection. It earns the credit if the SPX stays between the sold strikes until expiry, and loses at most the wing width minus the credit if it moves far. It is the core trade here, opened again on a schedule.',
    formula:
      'Value at expiry per unit = credit − max(0, K_sp − S) + max(0, K_lp − S) − max(0, S − K_sc) + max(0, S − K_lc); one contract = 100 units.',
    mapping: { kind: 'control', path: 'condor.riskPctOfCapital', chart: 'payoff' },
  },
  {
    id: 'short-strike',
    term: 'Short strike',
    definition:
      'The strike of an option that is sold. In the condor, the short put and the short call mark the range in which the trade keeps its whole credit. They are chosen by delta (how likely the option is to end in the money) or by a distance in percent from the SPX.',
    mapping: { kind: 'control', path: 'condor.shortDelta', chart: 'explorer-spx' },
  },
  {
    id: 'wing',
    term: 'Wing',
    definition:
      'A bought option further out than a short strike, which caps the loss if the market moves through it. The wing width is the distance between a short strike and its wing; a wider wing collects more credit but can lose more.',
    formula: 'Wing width = K_sp − K_lp (puts) = K_lc − K_sc (calls), SPX points.',
    mapping: { kind: 'control', path: 'condor.wingWidth', chart: 'payoff' },
  },
  {
    id: 'credit',
    term: 'Credit',
    definition:
      'The money received when a position is opened by selling more premium than it buys. For the condor it is the most the trade can earn. Commissions and the bid–ask spread are taken off what is received.',
    formula: 'Net credit = (premiums sold − premiums bought) × 100 × contracts − costs.',
    mapping: {
      kind: 'concept',
      where: "the condor's entry in the path explorer's events and the payoff diagram",
      chart: 'payoff',
    },
  },
  {
    id: 'break-even',
    term: 'Break-even',
    definition:
      'The SPX (or VIX) level at expiry at which a position neither gains nor loses. The condor has two, one below and one above; between them it makes money at expiry. A bought VIX call breaks even when VIX ends above its strike by the premium paid.',
    formula:
      'Condor: lower = K_sp − credit, upper = K_sc + credit. Long call: K + premium. Long put: K − premium.',
    mapping: {
      kind: 'concept',
      where: 'the payoff diagram and the SPX panel of the path explorer',
      chart: 'payoff',
    },
  },
  {
    id: 'max-loss',
    term: 'Max loss',
    definition:
      'The most a position can lose if held to expiry. For the condor it is the wing width minus the credit, reached when the SPX ends beyond a wing. The condor is sized so that its max loss is the chosen share of capital.',
    formula: 'Max loss = (wing width − credit per unit) × 100 × contracts + costs.',
    mapping: { kind: 'control', path: 'condor.riskPctOfCapital', chart: 'payoff' },
  },
  {
    id: 'profit-target',
    term: 'Profit target',
    definition:
      'A rule to close the condor early once it has earned a chosen share of its credit, rather than waiting for expiry. It takes most of the gain while the market is calm and frees the capital for the next trade.',
    formula: 'Close when cost to close ≤ (1 − target) × credit.',
    mapping: { kind: 'control', path: 'condor.profitTarget', chart: 'explorer-events' },
  },
  {
    id: 'stop-loss',
    term: 'Stop loss',
    definition:
      'A rule to close the condor when its loss reaches a multiple of the credit. It cuts losses before they reach the max loss, at the price of sometimes closing just before the market turns back.',
    formula: 'Close when cost to close − credit ≥ multiple × credit.',
    mapping: { kind: 'control', path: 'condor.stopLossMultiple', chart: 'explorer-events' },
  },
  {
    id: 'dte',
    term: 'DTE (days to expiry)',
    definition:
      'Calendar days left until an option expires. Options lose time value faster as expiry nears, and a short option near expiry reacts sharply to the index. The condor opens at one DTE; each hedge layer has its own.',
    formula: 'Calendar days ≈ trading days × 365 / 252.',
    mapping: { kind: 'control', path: 'condor.dte', chart: 'explorer-events' },
  },
  {
    id: 'delta',
    term: 'Delta (Δ)',
    definition:
      "How much an option's price moves for a one-point move of the underlying, and roughly the chance that it ends in the money. A 16Δ short strike is about one standard deviation out of the money.",
    formula:
      'Δ = ∂V/∂S; Black–Scholes: call Δ = e^(−qT)·N(d₁), put Δ = −e^(−qT)·N(−d₁), d₁ = [ln(S/K) + (r − q + σ²/2)T] / (σ√T).',
    mapping: { kind: 'control', path: 'condor.shortDelta', chart: 'explorer-spx' },
  },
  {
    id: 'base-layer',
    term: 'Base layer',
    definition:
      "The methodology's steady, short-volatility trade that earns money when markets are calm. Here it is the iron condor, opened again and again on a schedule. The hedge layers are added on top of it.",
    mapping: { kind: 'control', path: 'condor.entryEveryDays', chart: 'explorer-book' },
  },
  {
    id: 'hedge-layer',
    term: 'Hedge layer',
    definition:
      'A position in VIX options or futures (or SPX puts) that switches on when its trigger fires and is meant to pay off when the market falls and volatility jumps. Each layer is sized as a small share of capital and has its own tenor, trigger, roll and take-profit rules.',
    mapping: { kind: 'control', path: 'layers[].sizePctOfCapital', chart: 'layer-attribution' },
  },
  {
    id: 'time-shifting',
    term: 'Time shifting (tenors)',
    definition:
      'Giving the hedge layers different expiries, so that not all protection expires or is rolled on the same day. A short tenor reacts strongly to a sudden spike; a long one costs less per day and still holds value when a stress lasts for months.',
    mapping: { kind: 'control', path: 'layers[].dte', chart: 'explorer-vix' },
  },
  {
    id: 'vix',
    term: 'VIX',
    definition:
      "The Cboe volatility index: the market's price of SPX volatility over the next 30 days, in percent per year. It tends to jump when the SPX falls and to drift back down in calm markets. Here it is computed from the simulated variance.",
    formula: 'VIX² = 100² × (expected average variance over the next 30 days, under Q).',
    mapping: { kind: 'control', path: `${TRIGGER}vix-at-least`, chart: 'explorer-vix' },
  },
  {
    id: 'vix-futures',
    term: 'VIX futures',
    definition:
      'Contracts that settle on the VIX at a future date. Their price is what the market expects the VIX to be then, so it is usually closer to the long-run level than spot VIX. VIX options settle on the future of their expiry, not on spot VIX.',
    formula: 'F(t, T) = E_Q[VIX_T | now]; one contract = 1,000 × the price.',
    mapping: { kind: 'control', path: `${TRIGGER}future-at-least`, chart: 'explorer-vix' },
  },
  {
    id: 'contango',
    term: 'Contango',
    definition:
      'The usual shape of the VIX futures curve: later months cost more than nearer ones, because calm markets are expected to become less calm over time. A long VIX future loses value as it rolls down the curve in contango.',
    formula: 'Contango = F₂ / F₁ − 1 (second month over front month).',
    mapping: { kind: 'control', path: `${TRIGGER}contango-at-least`, chart: 'explorer-vix' },
  },
  {
    id: 'backwardation',
    term: 'Backwardation',
    definition:
      'The stressed shape of the VIX futures curve: nearer months cost more than later ones, because volatility is high now and expected to fall back. It is a sign that the market is in turmoil.',
    formula: 'Backwardation: F₁ > F₂.',
    mapping: { kind: 'control', path: `${TRIGGER}backwardation`, chart: 'explorer-vix' },
  },
  {
    id: 'term-structure',
    term: 'Term structure',
    definition:
      'The VIX futures prices plotted against their expiry dates: the curve whose shape is contango or backwardation. Its slope tells whether the market expects volatility to rise or fall.',
    formula: 'Slope = F₂ / F₁ − 1.',
    mapping: {
      kind: 'concept',
      where:
        "the futures curve on the path explorer's VIX panel (contango and backwardation shaded)",
      chart: 'explorer-vix',
    },
  },
  {
    id: 'rsi',
    term: 'RSI (relative strength index)',
    definition:
      'A 0–100 gauge of recent SPX gains against recent losses. Below 30 the index has fallen hard lately ("oversold"); above 70 it has risen hard. It needs 15 closes before it is defined.',
    formula: 'RSI = 100 − 100/(1 + avg gain/avg loss), Wilder smoothing, 14 days.',
    mapping: { kind: 'control', path: `${TRIGGER}rsi-below`, chart: 'explorer-rsi' },
  },
  {
    id: 'macd',
    term: 'MACD and the bearish cross',
    definition:
      'The gap between a fast and a slow moving average of the SPX, and a moving average of that gap (the signal line). A bearish cross is the day the MACD falls below its signal line: momentum has turned down. It needs 35 closes before it is defined.',
    formula:
      'MACD = EMA₁₂(SPX) − EMA₂₆(SPX); signal = EMA₉(MACD); bearish cross: MACD − signal goes from ≥ 0 to < 0.',
    mapping: { kind: 'control', path: `${TRIGGER}macd-bearish-cross`, chart: 'explorer-macd' },
  },
  {
    id: 'drawdown',
    term: 'Drawdown',
    definition:
      'How far the SPX is below its highest close so far, in percent. A 10 % drawdown is a correction, 20 % a bear market. A hedge layer can switch on when the drawdown reaches a level.',
    formula: 'Drawdown_t = 1 − S_t / max(S_0 … S_t).',
    mapping: { kind: 'control', path: `${TRIGGER}drawdown-at-least`, chart: 'explorer-spx' },
  },
  {
    id: 'rolling',
    term: 'Rolling / roll forward',
    definition:
      'Rolling closes a position before it expires and opens the same kind of position further out, so the protection does not lapse. Here a layer rolls at a chosen DTE if its trigger still fires. "Roll the next layer forward" opens the next layer early, at its longer tenor, on a MACD bearish cross.',
    mapping: { kind: 'control', path: 'layers[].roll.atDte', chart: 'explorer-events' },
  },
  {
    id: 'take-profit',
    term: 'Take-profit',
    definition:
      'A rule to close a hedge layer while it is worth a lot, instead of waiting for volatility to fall back. Here it fires when the VIX reaches a level or when the position is worth a multiple of what it cost.',
    formula: 'Close when VIX ≥ x, or value ≥ k × cost at entry.',
    mapping: { kind: 'control', path: 'layers[].takeProfit.vixAtLeast', chart: 'explorer-events' },
  },
  {
    id: 'cooldown',
    term: 'Cooldown',
    definition:
      'A wait, in trading days, after a layer closes before it may open again. It stops a layer from reopening the next day at a high price just after taking profit.',
    mapping: { kind: 'control', path: 'layers[].cooldownDays', chart: 'explorer-events' },
  },
  {
    id: 'capital-at-risk',
    term: 'Capital at risk / per-layer cap',
    definition:
      'The most a position can lose, as a share of the account. The methodology keeps each hedge layer to 2–3 % of capital; here a layer sized above the cap (default 2.5 %) is an error unless the layer explicitly allows it.',
    formula:
      'Contracts = ⌊size × capital / risk per contract⌋ ≤ ⌊cap × capital / risk per contract⌋; risk: a long option’s premium + costs, a defined-risk short’s width − credit, a future’s loss if it halved (long) or doubled (short).',
    mapping: { kind: 'control', path: 'layerCapPctOfCapital', chart: 'layer-attribution' },
  },
  {
    id: 'variance-risk-premium',
    term: 'Variance risk premium',
    definition:
      'Options usually price more volatility than then happens: the VIX is on average above the volatility the SPX later realises. Option sellers such as the condor earn this premium, and buyers of protection such as the VIX layers pay it. In the model it comes from the gap between the risk-neutral (Q) and real-world (P) variance dynamics.',
    formula:
      'VRP = mean of VIX_t − RV_(t+1…t+21), RV = 100 × √(252/21 × Σ r²) over the next 21 daily log returns.',
    mapping: {
      kind: 'concept',
      where: "the simulated market's statistics (VRP) and the claims check's cost of the hedge",
      chart: 'market-stats',
    },
  },
  {
    id: 'mean-reversion',
    term: 'Mean reversion',
    definition:
      'The tendency of volatility to drift back towards a long-run level after a spike or a lull. It is why VIX futures sit closer to the long-run level than spot VIX, and why a VIX spike fades. The speed is set by κ.',
    formula: 'dv = κ(θ − v) dt + σ √v dW; half-life = ln 2 / κ years.',
    mapping: { kind: 'control', path: 'market.kappaP', chart: 'explorer-vix' },
  },
  {
    id: 'beta',
    term: 'Beta',
    definition:
      "How much the book's value moves, as a share of capital, for a 1 % move of the SPX. A hedge that works makes the book's beta flatter: it falls less when the index falls.",
    formula:
      'β = cov(book daily return, SPX daily log return) / var(SPX daily log return), pooled over all path-days.',
    mapping: {
      kind: 'concept',
      where: 'the summary table and the claims check ("flatter beta")',
      chart: 'claims',
    },
  },
  {
    id: 'var',
    term: 'VaR (value at risk)',
    definition:
      'A loss that is exceeded only on a given small share of paths: VaR95 is the loss of the path at the 5 % worst point. It says nothing about how bad the worst 5 % are.',
    formula: 'VaR_α = −(1 − α) quantile of P&L (type 7).',
    mapping: {
      kind: 'concept',
      where: 'the summary table and the P&L histogram',
      chart: 'summary',
    },
  },
  {
    id: 'cvar',
    term: 'CVaR (expected shortfall)',
    definition:
      'The average loss over the worst paths: CVaR95 is the mean loss of the worst 5 %. It is the tail measure the hedge is meant to improve, and the claims check tests whether it does.',
    formula: 'CVaR_α = mean loss of the worst n(1 − α) paths (Acerbi & Tasche 2002).',
    mapping: { kind: 'concept', where: 'the summary table and the claims check', chart: 'claims' },
  },
  {
    id: 'max-drawdown',
    term: 'Max drawdown',
    definition:
      "The largest fall of the book's marked value from its highest point so far, over one path, in dollars. It measures the worst stretch an investor would have lived through, even if the path ends well.",
    formula: 'Max drawdown = max over t of (max(E_0 … E_t) − E_t), E = marked equity.',
    mapping: {
      kind: 'concept',
      where: 'the drawdown histogram, the summary table and the claims check',
      chart: 'drawdown-histogram',
    },
  },
  {
    id: 'standard-error',
    term: 'Standard error',
    definition:
      'How much a figure from the simulation would change with another set of random paths. The ± after each number is one standard error; a difference within about two of them may be luck. More paths make it smaller, in proportion to one over the square root of their number.',
    formula: 'SE of a mean = s / √n (s: sample standard deviation, n: paths).',
    mapping: {
      kind: 'concept',
      where: 'the ± after every figure of the results',
      chart: 'summary',
    },
  },
  {
    id: 'fan-chart',
    term: 'Fan chart',
    definition:
      "A chart of how the book's value spreads out over time across all paths: the middle line is the median and the shaded bands hold the middle 50 % (25–75 %) and 90 % (5–95 %) of paths on each day. A wide fan means the outcome is uncertain, not that the simulation is.",
    mapping: { kind: 'concept', where: 'the fan chart of the results', chart: 'fan' },
  },
  {
    id: 'stress-path',
    term: 'Stress path',
    definition:
      'A simulated path on which the market was in turmoil: the VIX closed at 30 or above on some day, or the SPX fell 10 % or more from its highest close. The results compare what the hedge cost on calm paths with what it paid on stress paths.',
    formula: 'Stress: max VIX ≥ 30 or SPX max drawdown ≥ 10 %; every other path is calm.',
    mapping: {
      kind: 'concept',
      where: 'the "hedge cost in calm paths, payoff in stress paths" panel',
      chart: 'calm-stress',
    },
  },
  {
    id: 'ad-line',
    term: 'A/D line (advance–decline)',
    definition:
      'A running total of the number of stocks that rose minus the number that fell each day, used to judge whether a rally is broad. The methodology mentions it as a warning sign.',
    formula: 'A/D_t = A/D_(t−1) + advancing issues − declining issues.',
    mapping: {
      kind: 'not-simulated',
      why: 'The model simulates the SPX as one index, not its 500 stocks, so there are no advancing or declining issues to count.',
    },
  },
  {
    id: 'market-breadth',
    term: 'Market breadth',
    definition:
      'How many stocks take part in a market move, for example the share of stocks above their 200-day average. Narrow breadth is read as a fragile market.',
    mapping: {
      kind: 'not-simulated',
      why: 'The model has one equity index and its volatility, not the stocks inside it, so breadth cannot be measured.',
    },
  },
  {
    id: 'cpi',
    term: 'CPI (consumer price index)',
    definition:
      'The monthly measure of consumer inflation. Its release days often move markets, and the methodology mentions them as risk dates.',
    mapping: { kind: 'not-simulated', why: NO_MACRO },
  },
  {
    id: 'fomc',
    term: 'FOMC',
    definition:
      "The Federal Reserve's rate-setting committee, which meets eight times a year. Its decisions and statements can move stocks and volatility sharply on the day.",
    mapping: {
      kind: 'not-simulated',
      why: `${NO_MACRO} The interest rate is one constant you can set (Risk-free rate r).`,
    },
  },
  {
    id: 'fx',
    term: 'FX (currencies)',
    definition:
      'Exchange rates such as the dollar index or the yen. The methodology watches them for signs of stress in global markets, for example a sudden rise of the yen.',
    mapping: { kind: 'not-simulated', why: NO_MACRO },
  },
  {
    id: 'macro-data',
    term: 'Macro data (jobs, GDP, yields, credit spreads)',
    definition:
      'Economic releases and other markets that traders read for the state of the economy: payrolls, growth, bond yields, credit spreads and the like. The methodology uses them as background for when to add or lift hedges.',
    mapping: { kind: 'not-simulated', why: NO_MACRO },
  },
];

/** Lookup by id (built once). */
const BY_ID: ReadonlyMap<string, GlossaryTerm> = new Map(GLOSSARY.map((t) => [t.id, t]));

/**
 * The glossary term with this id, or undefined for an unknown id (a lesson or link that names a
 * term that does not exist shows no link rather than throwing).
 */
export function glossaryTerm(id: string): GlossaryTerm | undefined {
  return BY_ID.get(id);
}

/**
 * Where each chart of a mapping is on the results dashboard (`RESULT_TARGETS`): the path explorer's panels are inside the explorer; the market statistics are
 * not on the dashboard.
 */
const CHART_TARGETS: Record<GlossaryChart, readonly ResultTargetId[]> = {
  payoff: ['payoff'],
  fan: ['fan'],
  'pnl-histogram': ['pnl-histogram'],
  'drawdown-histogram': ['drawdown-histogram'],
  'layer-attribution': ['layer-attribution'],
  'calm-stress': ['calm-stress'],
  claims: ['claims'],
  summary: ['summary'],
  'market-stats': [],
  'explorer-spx': ['path-explorer'],
  'explorer-vix': ['path-explorer'],
  'explorer-rsi': ['path-explorer'],
  'explorer-macd': ['path-explorer'],
  'explorer-book': ['path-explorer'],
  'explorer-events': ['path-explorer'],
};

/** Terms that show in more places than their mapping's chart, in the order to look at them. */
const TERM_TARGETS: Readonly<Record<string, readonly ResultTargetId[]>> = {
  var: ['pnl-histogram', 'summary'],
  cvar: ['pnl-histogram', 'summary', 'claims'],
  'max-drawdown': ['drawdown-histogram', 'summary'],
  vix: ['fan-vix', 'path-explorer'],
  'vix-futures': ['path-explorer', 'fan-vix'],
  contango: ['path-explorer', 'fan-vix'],
  backwardation: ['path-explorer', 'fan-vix'],
  'stress-path': ['calm-stress'],
};

/**
 * The result elements to highlight for a term (first: the one to scroll to); empty for terms the
 * results do not show (not simulated, or market statistics only). Tested in
 * tests/component/learn/glossary.test.ts.
 */
export function resultTargetsFor(term: GlossaryTerm): readonly ResultTargetId[] {
  const extra = TERM_TARGETS[term.id];
  if (extra) return extra;
  if (term.mapping.kind === 'not-simulated' || !term.mapping.chart) return [];
  return CHART_TARGETS[term.mapping.chart];
}
