/**
 * Frozen fixtures for the storage tests: data exactly as earlier versions of the app stored or
 * shared it. Never regenerate them from current code — they pin the old shapes, so that a change
 * of shape must come with a migration (and these still load).
 *
 * Generated once from config version 1: `strategyPreset('alvh-example')` with seed 20260410 and
 * 5,000 paths, and `defaultConfig()`; the share links by share-link.ts of that time.
 */
import type { SessionSummary } from '../../../../src/lib/storage/summary.ts';

/** A version-1 config: the 'alvh-example' strategy preset, seed 20260410, 5,000 paths. */
export const CONFIG_V1 = {
  version: 1,
  preset: 'alvh-example',
  seed: 20260410,
  paths: 5000,
  horizonDays: 252,
  capital: 100000,
  layerCapPctOfCapital: 0.025,
  market: {
    spot: 6800,
    v0: 0.018005076546100222,
    rate: 0.025,
    dividendYield: 0.018,
    equityRiskPremium: -0.062,
    equityRiskPremiumPerVariance: 6.2,
    kappaP: 4.1,
    thetaP: 0.021,
    kappaQ: 1.38,
    thetaQ: 0.06239130434782609,
    sigma: 0.61,
    rho: -0.95,
    jumps: {
      intensity: 1.9,
      meanLog: -0.01,
      sdLog: 0.07,
      varianceMean: 0.015,
    },
  },
  shocks: [],
  condor: {
    entry: 'after-close',
    entryEveryDays: 28,
    dte: 35,
    strikeRule: 'delta',
    shortDelta: 0.16,
    shortOtm: 0.05,
    wingRule: 'width',
    wingWidth: 50,
    wingDelta: 0.05,
    riskPctOfCapital: 0.2,
    profitTarget: 0.5,
    stopLossMultiple: 2,
    closeAtDte: 7,
  },
  layers: [
    {
      enabled: true,
      instrument: 'vix-call',
      side: 'short',
      strikeRule: 'percent-otm',
      spreadWidth: 5,
      sizing: 'pct-of-capital',
      contracts: 1,
      allowOverCap: false,
      cooldownDays: 10,
      funding: 'trading-capital',
      name: 'Short-vol base',
      dte: 35,
      strikeValue: 0.5,
      sizePctOfCapital: 0.02,
      trigger: {
        combine: 'all',
        conditions: [
          {
            kind: 'vix-below',
            value: 20,
          },
          {
            kind: 'contango-at-least',
            value: 0.03,
          },
        ],
      },
      roll: {
        atDte: 7,
        nextLayerOnMacdBearish: true,
      },
      takeProfit: {
        vixAtLeast: 25,
        valueMultiple: null,
      },
    },
    {
      enabled: true,
      instrument: 'vix-call',
      side: 'long',
      strikeRule: 'percent-otm',
      spreadWidth: 5,
      sizing: 'pct-of-capital',
      contracts: 1,
      allowOverCap: false,
      cooldownDays: 5,
      funding: 'trading-capital',
      name: 'Calls at VIX 20',
      dte: 45,
      strikeValue: 0.3,
      sizePctOfCapital: 0.02,
      trigger: {
        combine: 'any',
        conditions: [
          {
            kind: 'vix-at-least',
            value: 20,
          },
        ],
      },
      roll: {
        atDte: 14,
        nextLayerOnMacdBearish: true,
      },
      takeProfit: {
        vixAtLeast: 35,
        valueMultiple: 3,
      },
    },
    {
      enabled: true,
      instrument: 'vix-call',
      side: 'long',
      strikeRule: 'percent-otm',
      spreadWidth: 5,
      sizing: 'pct-of-capital',
      contracts: 1,
      allowOverCap: false,
      cooldownDays: 5,
      funding: 'trading-capital',
      name: 'Calls at VIX 25 or backwardation',
      dte: 90,
      strikeValue: 0.3,
      sizePctOfCapital: 0.02,
      trigger: {
        combine: 'any',
        conditions: [
          {
            kind: 'vix-at-least',
            value: 25,
          },
          {
            kind: 'backwardation',
          },
        ],
      },
      roll: {
        atDte: 30,
        nextLayerOnMacdBearish: true,
      },
      takeProfit: {
        vixAtLeast: 45,
        valueMultiple: 3,
      },
    },
    {
      enabled: true,
      instrument: 'vix-call',
      side: 'long',
      strikeRule: 'delta',
      spreadWidth: 5,
      sizing: 'pct-of-capital',
      contracts: 1,
      allowOverCap: false,
      cooldownDays: 10,
      funding: 'trading-capital',
      name: 'Calls at VIX 30 or weak RSI',
      dte: 150,
      strikeValue: 0.25,
      sizePctOfCapital: 0.015,
      trigger: {
        combine: 'any',
        conditions: [
          {
            kind: 'vix-at-least',
            value: 30,
          },
          {
            kind: 'rsi-below',
            value: 30,
          },
        ],
      },
      roll: {
        atDte: 45,
        nextLayerOnMacdBearish: false,
      },
      takeProfit: {
        vixAtLeast: 50,
        valueMultiple: 4,
      },
    },
  ],
  costs: {
    commissionPerContract: 1.1,
    slippageFraction: 0.1,
  },
};

/** `defaultConfig()` of config version 1. */
export const DEFAULT_CONFIG_V1 = {
  version: 1,
  preset: 'historical',
  seed: 1,
  paths: 10000,
  horizonDays: 252,
  capital: 100000,
  layerCapPctOfCapital: 0.025,
  market: {
    spot: 6800,
    v0: 0.018005076546100222,
    rate: 0.025,
    dividendYield: 0.018,
    equityRiskPremium: -0.062,
    equityRiskPremiumPerVariance: 6.2,
    kappaP: 4.1,
    thetaP: 0.021,
    kappaQ: 1.38,
    thetaQ: 0.06239130434782609,
    sigma: 0.61,
    rho: -0.95,
    jumps: {
      intensity: 1.9,
      meanLog: -0.01,
      sdLog: 0.07,
      varianceMean: 0.015,
    },
  },
  shocks: [],
  condor: {
    entry: 'after-close',
    entryEveryDays: 28,
    dte: 35,
    strikeRule: 'delta',
    shortDelta: 0.16,
    shortOtm: 0.05,
    wingRule: 'width',
    wingWidth: 50,
    wingDelta: 0.05,
    riskPctOfCapital: 0.2,
    profitTarget: 0.5,
    stopLossMultiple: 2,
    closeAtDte: 7,
  },
  layers: [],
  costs: {
    commissionPerContract: 1.1,
    slippageFraction: 0.1,
  },
};

/** A v1 session summary (headline figures with standard errors). */
export const SUMMARY_V1: SessionSummary = {
  paths: 5000,
  seed: 20260410,
  horizonDays: 252,
  capital: 100000,
  condorOnly: {
    mean: {
      estimate: 150.0,
      stdErr: 10.0,
    },
    median: {
      estimate: 300.0,
      stdErr: 20.0,
    },
    stdev: {
      estimate: 450.0,
      stdErr: 30.0,
    },
    probProfit: {
      estimate: 600.0,
      stdErr: 40.0,
    },
    var95: {
      estimate: 750.0,
      stdErr: 50.0,
    },
    cvar95: {
      estimate: 900.0,
      stdErr: 60.0,
    },
    var99: {
      estimate: 1050.0,
      stdErr: 70.0,
    },
    cvar99: {
      estimate: 1200.0,
      stdErr: 80.0,
    },
    maxDrawdownMedian: {
      estimate: 1350.0,
      stdErr: 90.0,
    },
    maxDrawdownP95: {
      estimate: 1500.0,
      stdErr: 100.0,
    },
    beta: {
      estimate: 0.12,
      stdErr: 0.01,
    },
    sharpe: {
      estimate: 1800.0,
      stdErr: 120.0,
    },
    sortino: {
      estimate: null,
      stdErr: null,
    },
    returnOnCapitalAtRisk: {
      estimate: 2100.0,
      stdErr: 140.0,
    },
  },
  hedged: {
    mean: {
      estimate: 135.0,
      stdErr: 9.0,
    },
    median: {
      estimate: 270.0,
      stdErr: 18.0,
    },
    stdev: {
      estimate: 405.0,
      stdErr: 27.0,
    },
    probProfit: {
      estimate: 540.0,
      stdErr: 36.0,
    },
    var95: {
      estimate: 675.0,
      stdErr: 45.0,
    },
    cvar95: {
      estimate: 810.0,
      stdErr: 54.0,
    },
    var99: {
      estimate: 945.0,
      stdErr: 63.0,
    },
    cvar99: {
      estimate: 1080.0,
      stdErr: 72.0,
    },
    maxDrawdownMedian: {
      estimate: 1215.0,
      stdErr: 81.0,
    },
    maxDrawdownP95: {
      estimate: 1350.0,
      stdErr: 90.0,
    },
    beta: {
      estimate: 0.12,
      stdErr: 0.01,
    },
    sharpe: {
      estimate: 1620.0,
      stdErr: 108.0,
    },
    sortino: {
      estimate: null,
      stdErr: null,
    },
    returnOnCapitalAtRisk: {
      estimate: 1890.0,
      stdErr: 126.0,
    },
  },
  difference: {
    mean: {
      estimate: -5.0,
      stdErr: 0.7,
    },
    median: {
      estimate: -10.0,
      stdErr: 1.4,
    },
    probProfit: {
      estimate: -15.0,
      stdErr: 2.1,
    },
    var95: {
      estimate: -20.0,
      stdErr: 2.8,
    },
    cvar95: {
      estimate: -25.0,
      stdErr: 3.5,
    },
    var99: {
      estimate: -30.0,
      stdErr: 4.2,
    },
    cvar99: {
      estimate: -35.0,
      stdErr: 4.9,
    },
    maxDrawdownMedian: {
      estimate: -40.0,
      stdErr: 5.6,
    },
    maxDrawdownP95: {
      estimate: -45.0,
      stdErr: 6.3,
    },
    beta: {
      estimate: -50.0,
      stdErr: 7.0,
    },
    absBeta: {
      estimate: -55.0,
      stdErr: 7.7,
    },
  },
  claims: [
    {
      id: 'cuts-cvar95',
      verdict: 'supported',
      estimate: -1234.5,
      stdErr: 210.2,
    },
    {
      id: 'cost-in-mean',
      verdict: 'unclear',
      estimate: -55.1,
      stdErr: 60.3,
    },
  ],
};

/**
 * Share links of CONFIG_V1 in every link version ever written. v0: base64url(JSON), no
 * compression; v1: base64url(deflate-raw(JSON)).
 */
export const SHARE_LINK_FIXTURES: readonly { version: number; hash: string }[] = [
  {
    version: 0,
    hash: '#v0.eyJ2ZXJzaW9uIjoxLCJwcmVzZXQiOiJhbHZoLWV4YW1wbGUiLCJzZWVkIjoyMDI2MDQxMCwicGF0aHMiOjUwMDAsImhvcml6b25EYXlzIjoyNTIsImNhcGl0YWwiOjEwMDAwMCwibGF5ZXJDYXBQY3RPZkNhcGl0YWwiOjAuMDI1LCJtYXJrZXQiOnsic3BvdCI6NjgwMCwidjAiOjAuMDE4MDA1MDc2NTQ2MTAwMjIyLCJyYXRlIjowLjAyNSwiZGl2aWRlbmRZaWVsZCI6MC4wMTgsImVxdWl0eVJpc2tQcmVtaXVtIjotMC4wNjIsImVxdWl0eVJpc2tQcmVtaXVtUGVyVmFyaWFuY2UiOjYuMiwia2FwcGFQIjo0LjEsInRoZXRhUCI6MC4wMjEsImthcHBhUSI6MS4zOCwidGhldGFRIjowLjA2MjM5MTMwNDM0NzgyNjA5LCJzaWdtYSI6MC42MSwicmhvIjotMC45NSwianVtcHMiOnsiaW50ZW5zaXR5IjoxLjksIm1lYW5Mb2ciOi0wLjAxLCJzZExvZyI6MC4wNywidmFyaWFuY2VNZWFuIjowLjAxNX19LCJzaG9ja3MiOltdLCJjb25kb3IiOnsiZW50cnkiOiJhZnRlci1jbG9zZSIsImVudHJ5RXZlcnlEYXlzIjoyOCwiZHRlIjozNSwic3RyaWtlUnVsZSI6ImRlbHRhIiwic2hvcnREZWx0YSI6MC4xNiwic2hvcnRPdG0iOjAuMDUsIndpbmdSdWxlIjoid2lkdGgiLCJ3aW5nV2lkdGgiOjUwLCJ3aW5nRGVsdGEiOjAuMDUsInJpc2tQY3RPZkNhcGl0YWwiOjAuMiwicHJvZml0VGFyZ2V0IjowLjUsInN0b3BMb3NzTXVsdGlwbGUiOjIsImNsb3NlQXREdGUiOjd9LCJsYXllcnMiOlt7Im5hbWUiOiJTaG9ydC12b2wgYmFzZSIsImVuYWJsZWQiOnRydWUsImluc3RydW1lbnQiOiJ2aXgtY2FsbCIsInNpZGUiOiJzaG9ydCIsImR0ZSI6MzUsInN0cmlrZVJ1bGUiOiJwZXJjZW50LW90bSIsInN0cmlrZVZhbHVlIjowLjUsInNwcmVhZFdpZHRoIjo1LCJzaXppbmciOiJwY3Qtb2YtY2FwaXRhbCIsInNpemVQY3RPZkNhcGl0YWwiOjAuMDIsImNvbnRyYWN0cyI6MSwiYWxsb3dPdmVyQ2FwIjpmYWxzZSwidHJpZ2dlciI6eyJjb21iaW5lIjoiYWxsIiwiY29uZGl0aW9ucyI6W3sia2luZCI6InZpeC1iZWxvdyIsInZhbHVlIjoyMH0seyJraW5kIjoiY29udGFuZ28tYXQtbGVhc3QiLCJ2YWx1ZSI6MC4wM31dfSwicm9sbCI6eyJhdER0ZSI6NywibmV4dExheWVyT25NYWNkQmVhcmlzaCI6dHJ1ZX0sInRha2VQcm9maXQiOnsidml4QXRMZWFzdCI6MjUsInZhbHVlTXVsdGlwbGUiOm51bGx9LCJjb29sZG93bkRheXMiOjEwLCJmdW5kaW5nIjoidHJhZGluZy1jYXBpdGFsIn0seyJuYW1lIjoiQ2FsbHMgYXQgVklYIDIwIiwiZW5hYmxlZCI6dHJ1ZSwiaW5zdHJ1bWVudCI6InZpeC1jYWxsIiwic2lkZSI6ImxvbmciLCJkdGUiOjQ1LCJzdHJpa2VSdWxlIjoicGVyY2VudC1vdG0iLCJzdHJpa2VWYWx1ZSI6MC4zLCJzcHJlYWRXaWR0aCI6NSwic2l6aW5nIjoicGN0LW9mLWNhcGl0YWwiLCJzaXplUGN0T2ZDYXBpdGFsIjowLjAyLCJjb250cmFjdHMiOjEsImFsbG93T3ZlckNhcCI6ZmFsc2UsInRyaWdnZXIiOnsiY29tYmluZSI6ImFueSIsImNvbmRpdGlvbnMiOlt7ImtpbmQiOiJ2aXgtYXQtbGVhc3QiLCJ2YWx1ZSI6MjB9XX0sInJvbGwiOnsiYXREdGUiOjE0LCJuZXh0TGF5ZXJPbk1hY2RCZWFyaXNoIjp0cnVlfSwidGFrZVByb2ZpdCI6eyJ2aXhBdExlYXN0IjozNSwidmFsdWVNdWx0aXBsZSI6M30sImNvb2xkb3duRGF5cyI6NSwiZnVuZGluZyI6InRyYWRpbmctY2FwaXRhbCJ9LHsibmFtZSI6IkNhbGxzIGF0IFZJWCAyNSBvciBiYWNrd2FyZGF0aW9uIiwiZW5hYmxlZCI6dHJ1ZSwiaW5zdHJ1bWVudCI6InZpeC1jYWxsIiwic2lkZSI6ImxvbmciLCJkdGUiOjkwLCJzdHJpa2VSdWxlIjoicGVyY2VudC1vdG0iLCJzdHJpa2VWYWx1ZSI6MC4zLCJzcHJlYWRXaWR0aCI6NSwic2l6aW5nIjoicGN0LW9mLWNhcGl0YWwiLCJzaXplUGN0T2ZDYXBpdGFsIjowLjAyLCJjb250cmFjdHMiOjEsImFsbG93T3ZlckNhcCI6ZmFsc2UsInRyaWdnZXIiOnsiY29tYmluZSI6ImFueSIsImNvbmRpdGlvbnMiOlt7ImtpbmQiOiJ2aXgtYXQtbGVhc3QiLCJ2YWx1ZSI6MjV9LHsia2luZCI6ImJhY2t3YXJkYXRpb24ifV19LCJyb2xsIjp7ImF0RHRlIjozMCwibmV4dExheWVyT25NYWNkQmVhcmlzaCI6dHJ1ZX0sInRha2VQcm9maXQiOnsidml4QXRMZWFzdCI6NDUsInZhbHVlTXVsdGlwbGUiOjN9LCJjb29sZG93bkRheXMiOjUsImZ1bmRpbmciOiJ0cmFkaW5nLWNhcGl0YWwifSx7Im5hbWUiOiJDYWxscyBhdCBWSVggMzAgb3Igd2VhayBSU0kiLCJlbmFibGVkIjp0cnVlLCJpbnN0cnVtZW50Ijoidml4LWNhbGwiLCJzaWRlIjoibG9uZyIsImR0ZSI6MTUwLCJzdHJpa2VSdWxlIjoiZGVsdGEiLCJzdHJpa2VWYWx1ZSI6MC4yNSwic3ByZWFkV2lkdGgiOjUsInNpemluZyI6InBjdC1vZi1jYXBpdGFsIiwic2l6ZVBjdE9mQ2FwaXRhbCI6MC4wMTUsImNvbnRyYWN0cyI6MSwiYWxsb3dPdmVyQ2FwIjpmYWxzZSwidHJpZ2dlciI6eyJjb21iaW5lIjoiYW55IiwiY29uZGl0aW9ucyI6W3sia2luZCI6InZpeC1hdC1sZWFzdCIsInZhbHVlIjozMH0seyJraW5kIjoicnNpLWJlbG93IiwidmFsdWUiOjMwfV19LCJyb2xsIjp7ImF0RHRlIjo0NSwibmV4dExheWVyT25NYWNkQmVhcmlzaCI6ZmFsc2V9LCJ0YWtlUHJvZml0Ijp7InZpeEF0TGVhc3QiOjUwLCJ2YWx1ZU11bHRpcGxlIjo0fSwiY29vbGRvd25EYXlzIjoxMCwiZnVuZGluZyI6InRyYWRpbmctY2FwaXRhbCJ9XSwiY29zdHMiOnsiY29tbWlzc2lvblBlckNvbnRyYWN0IjoxLjEsInNsaXBwYWdlRnJhY3Rpb24iOjAuMX19',
  },
  {
    version: 1,
    hash: '#v1.3ZZRb9s2EMe_inHPtEBJlmPrrU02oECCuOmQbSj6cJbOMmeK1Ejajhv4uw9Hy26bpAUyYxuwN5OnO979f3c0H2FDzitroEwFdI48BSgB9WY5pAdsO00gwBPVUGYyG8tRKgV0GJYeykJKKWBpnfpszRXuPJRZkQmosFMBNZSplPETjTtyl9jNqnC7uDxaZSKzQkCLbsWHPoLvbIByPGGXjYwfpBMpC3kxLkbjVMosywQ4DHRyrtVG1WTq3xXpuvcQQH-uVdjdKb-aOWrVuoVyKBM5zl4wzcjdo1NoKoJynGQCVth1OINylKQCwpICL_i8tLe9hzJN8klvfB-N4yyfprkc5aOLSTaWUwFeNS2ybZwKcEsbc5gWAv5Yt53nepUJZLwKO443FdASmmvbHJJNBfg6rmQiLwRs-iRvCM2h0GK_F-CXtlp5KD9-ElBZU1vHkckEt2OOi0BuWGnrGWPc_WlDbtfDmgioWcy8EOCDUyu6W2uCEmrSASFGd-EqLkqZpON-5za0MYVCwFaZpnfaqjos4bD1a_xdFvKwPIVgF8fiP-mEjJvPLlT4BV3D3SCTmJPtrq33N2sdFLdiyd3F1bwJV5z4xb5vLlbgEQy2nMgHznG4sXowx75wnGtu4eDWJEAZH9y6JcOtvlEPwwq15mpVze6xRPieNB25ikwY2tDC0XSPek3HnDtHWB_r56CflWnYsQpDuxgehyNa6PlERIzBYRV8nEnU2m5vN3F-oFyg9iQgONU0FFFXtp0rQ3FoOSo3gQrKmoMkK2Xqvso5absF7qSYbSb34mTnM9E0dohhqAl9-PKdTGS-_7QX4KzWfCL22gsw9BCuWf5bc4NV_ZbQKb88yLwXEHBFs0iV3Tbq4U24jrFLHt0Y_gtZs9Z6z-lbXdttf53wZbNYm_qgYHDIv04Scv498kvU2g8wDO7f_TbI5KuZa2uaI_LRq5Dn_ylys_sh8uc0M_kSy3R0Bsz8Ocz8Gcnib4EsBtYN5littuhq5BLPIjuV_2eyxVfz_K1mLyHP5RnIR_8Y8lwy8i3hanD34d1ZtNPiKe7T39q3oLPzr-20-DdR519f3c6rp1d7_uKQM7TvEY_5_RA5i_kE-ei193V8o_jg-_pb5fnpOSN32UvHDyF--GjVddjQz7wXH6cySff7vwA',
  },
];

/** A record of one object store, as a given version wrote it (`key` only for out-of-line keys). */
export interface FixtureRecord {
  store: string;
  key?: string;
  value: unknown;
}

/**
 * A database as the app of one DB_VERSION left it, built by hand with raw IndexedDB (not with
 * the current upgrade code), and what the current code must read from it.
 */
export interface DbFixture {
  version: number;
  /** Object stores as that version created them. */
  stores: readonly { name: string; keyPath?: string }[];
  records: readonly FixtureRecord[];
  /** Sessions that must come back readable, with their names. */
  readable: readonly { id: string; name: string; seed: number }[];
  /** Sessions that must come back damaged, with a word their reason must contain. */
  damaged: readonly { id: string; reasonIncludes: string }[];
  /** The working draft: its seed and status; and the previous draft's seed. */
  draft: { seed: number; status: 'valid' | 'invalid' };
  previousDraftSeed: number;
}

const SESSIONS_V1 = [
  {
    id: '0b7d3f7e-6a55-4b8e-9d31-5c1f0a2e4b01',
    name: 'Crash <b>test</b> & co',
    config: CONFIG_V1,
    summary: SUMMARY_V1,
    createdAt: 1767225600000,
    updatedAt: 1767229200000,
    schemaVersion: 1,
  },
  {
    id: '5e2a1c90-1f3b-4d6c-8e7a-9b0c1d2e3f40',
    name: 'Default, never run',
    config: DEFAULT_CONFIG_V1,
    summary: null,
    createdAt: 1767232800000,
    updatedAt: 1767232800000,
    schemaVersion: 1,
  },
  {
    id: '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a',
    name: 'Out of range',
    config: { ...DEFAULT_CONFIG_V1, market: { ...DEFAULT_CONFIG_V1.market, rho: 2 } },
    summary: null,
    createdAt: 1767225600000,
    updatedAt: 1767225600000,
    schemaVersion: 1,
  },
];

/** Every earlier (and the current) database version. Add v2 here when DB_VERSION becomes 2. */
export const DB_FIXTURES: readonly DbFixture[] = [
  {
    version: 1,
    stores: [{ name: 'sessions', keyPath: 'id' }, { name: 'drafts' }],
    records: [
      ...SESSIONS_V1.map((value) => ({ store: 'sessions', value })),
      {
        store: 'drafts',
        key: 'current',
        value: {
          config: {
            ...DEFAULT_CONFIG_V1,
            seed: 99,
            market: { ...DEFAULT_CONFIG_V1.market, rho: -1.5 },
          },
          savedAt: 1767234600000,
          schemaVersion: 1,
        },
      },
      {
        store: 'drafts',
        key: 'previous',
        value: {
          config: { ...DEFAULT_CONFIG_V1, seed: 98 },
          savedAt: 1767233600000,
          schemaVersion: 1,
        },
      },
    ],
    readable: [
      {
        id: '0b7d3f7e-6a55-4b8e-9d31-5c1f0a2e4b01',
        name: 'Crash <b>test</b> & co',
        seed: 20260410,
      },
      { id: '5e2a1c90-1f3b-4d6c-8e7a-9b0c1d2e3f40', name: 'Default, never run', seed: 1 },
    ],
    damaged: [{ id: '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a', reasonIncludes: 'config.market.rho' }],
    draft: { seed: 99, status: 'invalid' },
    previousDraftSeed: 98,
  },
];
