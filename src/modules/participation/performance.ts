/**
 * The public performance figures (P14, P12) from participation's own facts:
 * per month, applications begun, decided, the share decided by the expected
 * date, median and 90th-percentile processing time, satisfaction and page
 * feedback. Any count from 1 to 4 is suppressed, and so is every figure drawn
 * from fewer than 5 cases, so no figure points at a person.
 */

export const SUPPRESS_BELOW = 5;
const COMPLETING = new Set(['decided', 'delivered', 'rejected']);
const DAY_MS = 86_400_000;

export interface Fact {
  started_at: Date;
  expected_at: Date | null;
  completed_at: Date | null;
  completed_code: string | null;
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

interface Raw {
  applications: number;
  decided: number;
  withExpected: number;
  onTime: number;
  durations: number[];
  ratings: number;
  ratingSum: number;
  feedback: number;
  useful: number;
}

const empty = (): Raw => ({ applications: 0, decided: 0, withExpected: 0, onTime: 0, durations: [], ratings: 0, ratingSum: 0, feedback: 0, useful: 0 });
const monthOf = (at: Date): string => at.toISOString().slice(0, 7);
const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** The median of sorted values (the mean of the middle two when even). */
export function median(sorted: number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The p-th percentile of sorted values by nearest rank. */
export function percentile(sorted: number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

function shown(raw: Raw, month: string): PerformanceRow {
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
  const drawn = (name: Figure, base: number, value: () => number): number | null => {
    if (base === 0) return null;
    if (base < SUPPRESS_BELOW) {
      suppressed.push(name);
      return null;
    }
    return value();
  };
  const sorted = [...raw.durations].sort((a, b) => a - b);
  return {
    month,
    applications: count('applications', raw.applications),
    decided: count('decided', raw.decided),
    decidedOnTime: count('decidedOnTime', raw.onTime),
    onTimeShare: drawn('onTimeShare', raw.withExpected, () => round(raw.onTime / raw.withExpected, 3)),
    medianDays: drawn('medianDays', sorted.length, () => round(median(sorted), 1)),
    p90Days: drawn('p90Days', sorted.length, () => round(percentile(sorted, 90), 1)),
    ratings: count('ratings', raw.ratings),
    satisfaction: drawn('satisfaction', raw.ratings, () => round(raw.ratingSum / raw.ratings, 2)),
    feedback: count('feedback', raw.feedback),
    usefulShare: drawn('usefulShare', raw.feedback, () => round(raw.useful / raw.feedback, 3)),
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
 * The figures per month of the application's start (and in total) from the
 * facts, the ratings and the page feedback of one service or institution.
 */
export function computePerformance(
  facts: Fact[],
  ratings: { month: string; count: number; sum: number }[],
  feedback: { month: string; total: number; useful: number }[],
): Performance {
  const months = new Map<string, Raw>();
  const total = empty();
  const at = (month: string): Raw => {
    let raw = months.get(month);
    if (!raw) months.set(month, (raw = empty()));
    return raw;
  };
  for (const fact of facts) {
    for (const raw of [at(monthOf(fact.started_at)), total]) {
      raw.applications++;
      if (!fact.completed_at || !COMPLETING.has(fact.completed_code ?? '')) continue;
      raw.decided++;
      raw.durations.push(Math.max(0, (fact.completed_at.getTime() - fact.started_at.getTime()) / DAY_MS));
      if (fact.expected_at) {
        raw.withExpected++;
        if (fact.completed_at.getTime() <= fact.expected_at.getTime()) raw.onTime++;
      }
    }
  }
  for (const row of ratings) {
    for (const raw of [at(row.month), total]) {
      raw.ratings += row.count;
      raw.ratingSum += row.sum;
    }
  }
  for (const row of feedback) {
    for (const raw of [at(row.month), total]) {
      raw.feedback += row.total;
      raw.useful += row.useful;
    }
  }
  const keys = [...months.keys()].sort();
  return {
    months: keys.map((month) => shown(months.get(month) as Raw, month)),
    total: shown(total, 'total'),
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
