/**
 * The published performance figures, kept per scope (a service, an institution, the whole country). Each is an
 * aggregate over every application of its scope — the national overview over a million takes the database
 * seconds — and any visitor may ask for it, so:
 * - readers of a scope while its figures are being worked out share that one computation;
 * - a change this instance stored (a status change's facts, a rating, page feedback) makes every kept figure
 *   stale at once, so what this instance wrote shows in its next figures;
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
  settled: boolean;
  value: Promise<unknown>;
}

export function createFiguresCache(options: { maxAgeMs: number; limit: number; now?: () => number }): FiguresCache {
  const now = options.now ?? Date.now;
  const kept = new Map<string, Kept>();
  let generation = 0;
  return {
    changed() {
      generation += 1;
    },
    get<T>(key: string, compute: () => Promise<T>): Promise<T> {
      const entry = kept.get(key);
      // One still being worked out is joined even if a change came meanwhile: at most one computation per scope.
      if (entry && (!entry.settled || (entry.generation === generation && now() - entry.at < options.maxAgeMs))) return entry.value as Promise<T>;
      if (!entry && kept.size >= options.limit) kept.clear();
      const fresh: Kept = { generation, at: now(), settled: false, value: compute() };
      kept.set(key, fresh);
      fresh.value.then(
        () => (fresh.settled = true),
        // A failure is not kept: the next reader tries again.
        () => kept.get(key) === fresh && kept.delete(key),
      );
      return fresh.value as Promise<T>;
    },
  };
}
