/**
 * The public performance figures (P14, P12) from participation's own facts:
 * per month, applications begun, decided, the share decided by the expected
 * date, median and 90th-percentile processing time, satisfaction and page
 * feedback. Any count from 1 to 4 is suppressed, and so is every figure drawn
 * from fewer than 5 cases, so no figure points at a person.
 */

export const SUPPRESS_BELOW = 5;

/**
 * What the database counts of the applications' facts (participation.repo's factFigures): one month of the
 * applications' start, or all of them (`month` null). The processing times are those of the decided ones
 * (decided, delivered or rejected), in days: their median, and their 90th percentile by nearest rank.
 */
export interface FactFigures {
  month: string | null;
  applications: number;
  decided: number;
  /** decided ones that had an expected date */
  withExpected: number;
  /** decided by their expected date */
  onTime: number;
  medianDays: number | null;
  p90Days: number | null;
}

/** Ratings (count, sum of the scores) and page feedback (answers, of them "useful") of a month, or in total. */
export interface RatingFigures {
  count: number;
  sum: number;
}
export interface FeedbackFigures {
  total: number;
  useful: number;
}

/** The figures of one month (or of the whole period: `month` "total"). Null: suppressed or no data (`suppressed` says which). */
export interface PerformanceRow {
  month: string;
  applications: number | null;
  decided: number | null;
  decidedOnTime: number | null;
  /** share of the decided (with an expected date) that were decided by it, 0–1 */
  onTimeShare: number | null;
  medianDays: number | null;
  p90Days: number | null;
  ratings: number | null;
  /** average rating, 1–5 */
  satisfaction: number | null;
  feedback: number | null;
  /** share of page feedback answering "useful", 0–1 */
  usefulShare: number | null;
  /** the fields that hold a figure but are not shown (fewer than 5 cases) */
  suppressed: (keyof Omit<PerformanceRow, 'month' | 'suppressed'>)[];
}

export const FIGURES = ['applications', 'decided', 'decidedOnTime', 'onTimeShare', 'medianDays', 'p90Days', 'ratings', 'satisfaction', 'feedback', 'usefulShare'] as const;
export type Figure = (typeof FIGURES)[number];

const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** One row as published: counts from 1 to 4 and figures drawn from fewer than 5 cases suppressed. */
export function shownRow(month: string, facts: FactFigures | undefined, ratings: RatingFigures | undefined, feedback: FeedbackFigures | undefined): PerformanceRow {
  const suppressed: PerformanceRow['suppressed'] = [];
  /** a count: shown from 5, and 0 as 0 */
  const count = (name: Figure, value: number): number | null => {
    if (value > 0 && value < SUPPRESS_BELOW) {
      suppressed.push(name);
      return null;
    }
    return value;
  };
  /** a figure drawn from `base` cases: shown from 5 */
  const drawn = (name: Figure, base: number, value: () => number | null): number | null => {
    if (base === 0) return null;
    if (base < SUPPRESS_BELOW) {
      suppressed.push(name);
      return null;
    }
    return value();
  };
  const f = facts ?? { applications: 0, decided: 0, withExpected: 0, onTime: 0, medianDays: null, p90Days: null };
  const r = ratings ?? { count: 0, sum: 0 };
  const b = feedback ?? { total: 0, useful: 0 };
  return {
    month,
    applications: count('applications', f.applications),
    decided: count('decided', f.decided),
    decidedOnTime: count('decidedOnTime', f.onTime),
    onTimeShare: drawn('onTimeShare', f.withExpected, () => round(f.onTime / f.withExpected, 3)),
    medianDays: drawn('medianDays', f.decided, () => (f.medianDays === null ? null : round(f.medianDays, 1))),
    p90Days: drawn('p90Days', f.decided, () => (f.p90Days === null ? null : round(f.p90Days, 1))),
    ratings: count('ratings', r.count),
    satisfaction: drawn('satisfaction', r.count, () => round(r.sum / r.count, 2)),
    feedback: count('feedback', b.total),
    usefulShare: drawn('usefulShare', b.total, () => round(b.useful / b.total, 3)),
    suppressed,
  };
}

export interface Performance {
  months: PerformanceRow[];
  total: PerformanceRow;
  /** the first and last month with any figure (null: none yet) */
  coverage: { start: string; end: string } | null;
}

/**
 * The published figures per month of the applications' start, and in total, of one service, one institution or
 * all: the facts as the database counted them (per month and in total), with the ratings and page feedback per month.
 */
export function computePerformance(
  facts: FactFigures[],
  ratings: ({ month: string } & RatingFigures)[],
  feedback: ({ month: string } & FeedbackFigures)[],
): Performance {
  const factsOf = new Map(facts.map((row) => [row.month, row]));
  const ratingsOf = new Map(ratings.map((row) => [row.month, row]));
  const feedbackOf = new Map(feedback.map((row) => [row.month, row]));
  const keys = [...new Set([...factsOf.keys(), ...ratingsOf.keys(), ...feedbackOf.keys()])].filter((month): month is string => month !== null).sort();
  const ratingsTotal = { count: ratings.reduce((n, row) => n + row.count, 0), sum: ratings.reduce((n, row) => n + row.sum, 0) };
  const feedbackTotal = { total: feedback.reduce((n, row) => n + row.total, 0), useful: feedback.reduce((n, row) => n + row.useful, 0) };
  return {
    months: keys.map((month) => shownRow(month, factsOf.get(month), ratingsOf.get(month), feedbackOf.get(month))),
    total: shownRow('total', factsOf.get(null), ratingsTotal, feedbackTotal),
    coverage: keys.length > 0 ? { start: keys[0] as string, end: keys[keys.length - 1] as string } : null,
  };
}

/** The figures as CSV (RFC 4180): one line per month and a total line; a suppressed cell reads `[c]`, no data is empty. */
export function performanceCsv(performance: Performance): string {
  const cell = (row: PerformanceRow, figure: Figure): string => {
    if (row.suppressed.includes(figure)) return '[c]';
    const value = row[figure];
    return value === null ? '' : String(value);
  };
  const lines = [['month', ...FIGURES].join(',')];
  for (const row of [...performance.months, performance.total]) lines.push([row.month, ...FIGURES.map((figure) => cell(row, figure))].join(','));
  return `${lines.join('\r\n')}\r\n`;
}
