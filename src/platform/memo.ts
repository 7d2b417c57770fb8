/**
 * Results of a pure computation kept by key, emptied whole once `limit` keys are held: a cheap bound
 * for values that are asked for again and again (a page's due dates, their text) and cost little to
 * work out once more. Nothing in it may depend on who asks or on data that can change.
 */
export function boundedMemo<T>(limit: number): (key: string, work: () => T) => T {
  const kept = new Map<string, T>();
  return (key, work) => {
    if (kept.has(key)) return kept.get(key) as T;
    if (kept.size >= limit) kept.clear();
    const value = work();
    kept.set(key, value);
    return value;
  };
}
