/**
 * The "Show data table" alternative of a chart as plain data: a caption, column headings and
 * rows of already formatted cells (the first cell of a row is its row heading). ChartFrame
 * renders it as a <table>; every chart module has a function that builds one from the same
 * numbers it draws, so the table and the picture cannot disagree.
 */

/** A chart's data as a table of text cells. */
export interface DataTable {
  /** Says what the table shows, with units and the number of paths where it applies. */
  caption: string;
  columns: string[];
  /** rows[i][0] is the row heading (rendered as <th scope="row">). */
  rows: string[][];
}
