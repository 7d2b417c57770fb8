/**
 * The published performance figures, kept per scope (a service, an institution, the whole country). Each is an
 * aggregate over every application of its scope — the national overview over a million takes the database
 * seconds — and any visitor may ask for it, so:
 * - readers of a scope while its figures are being worked out share that one computation;
 * - a change this instance stored (a status change's facts, a rating, page feedback) makes the kept figures
 *   stale once they are older than ten times what they took to work out: small ones at once (what this
 *   instance wrote shows in its next figures), the national overview over a million applications (2.7 s)
 *   at most every half minute, however fast status changes come in;
 * - another instance's changes show here within `maxAgeMs`, as the open data's Cache-Control already tells
 *   its readers (5 minutes).
 */
/** How old the figures may be: here, kept; and in the open data's Cache-Control. */
export const FIGURES_MAX_AGE_SECONDS = 300;

export interface FiguresCache {
  /** The figures of `key`: kept ones while fresh, else `compute`'s (shared by the readers meanwhile). */
  get<T>(key: string, compute: () => Promise<T>): Promise<T>;
  /** This instance stored a change the figures count. */
  changed(): void;
}

interface Kept {
  generation: number;
  at: number;
  /** how long the computation took (ms), once it has settled */
  took: number | undefined;
  value: Promise<unknown>;
}

/** After a change, figures are worked out again once older than this many times what they took. */
const CHANGE_AFTER_TIMES = 10;

export function createFiguresCache(options: { maxAgeMs: number; limit: number; now?: () => number }): FiguresCache {
  const now = options.now ?? Date.now;
  const kept = new Map<string, Kept>();
  let generation = 0;
  const isFresh = (entry: Kept): boolean => {
    // One still being worked out is joined even if a change came meanwhile: at most one computation per scope.
    if (entry.took === undefined) return true;
    const age = now() - entry.at;
    return age < options.maxAgeMs && (entry.generation === generation || age < entry.took * CHANGE_AFTER_TIMES);
  };
  return {
    changed() {
      generation += 1;
    },
    get<T>(key: string, compute: () => Promise<T>): Promise<T> {
      const entry = kept.get(key);
      if (entry && isFresh(entry)) return entry.value as Promise<T>;
      if (!entry && kept.size >= options.limit) kept.clear();
      const fresh: Kept = { generation, at: now(), took: undefined, value: compute() };
      kept.set(key, fresh);
      fresh.value.then(
        () => (fresh.took = now() - fresh.at),
        // A failure is not kept: the next reader tries again.
        () => kept.get(key) === fresh && kept.delete(key),
      );
      return fresh.value as Promise<T>;
    },
  };
}
