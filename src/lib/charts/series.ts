/**
 * The two books every comparison chart shows, in the engine's series order (series 0 = condor
 * alone, series 1 = condor + layers), with the labels the charts print and the CSS class that
 * colours them: `condor` → var(--accent-1), `hedged` → var(--accent-2) (src/app.css). Colour is
 * never the only cue: each chart also gives the two a different fill pattern or dash.
 */

export type BookKey = 'condor' | 'hedged';

export interface BookSeries {
  key: BookKey;
  /** Label in legends, readouts and table headings. */
  label: string;
}

/** Series 0 and 1 of the engine's histograms and of the fan charts' P&L pair. */
export const BOOKS: readonly [BookSeries, BookSeries] = [
  { key: 'condor', label: 'Condor alone' },
  { key: 'hedged', label: 'Condor + layers' },
];
