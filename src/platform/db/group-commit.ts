/**
 * Group commit: each call is written at once when no write is under way, else
 * together with the others that arrive meanwhile, in the next write. Every
 * caller still waits for the write that holds its item and gets that write's
 * result; none waits for a timer or for a batch to fill. Used where many
 * short writes outside a transaction would otherwise queue behind each other's
 * commit (audit entries of reads, the outcomes of sent messages).
 */
export function groupCommit<T, R>(write: (items: T[]) => Promise<R>, options: { alone?: (item: T) => Promise<R> } = {}): (item: T) => Promise<R> {
  let waiting: { item: T; resolve: (result: R) => void; reject: (error: unknown) => void }[] = [];
  let writing = false;
  const drain = async (): Promise<void> => {
    writing = true;
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      try {
        const result = await write(batch.map((entry) => entry.item));
        for (const entry of batch) entry.resolve(result);
      } catch (error) {
        // With `alone`, one bad item must not fail the others: each is written by itself and its caller learns its own outcome.
        for (const entry of batch) {
          if (options.alone) await options.alone(entry.item).then(entry.resolve, entry.reject);
          else entry.reject(error);
        }
      }
    }
    writing = false;
  };
  return (item) =>
    new Promise<R>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (!writing) void drain();
    });
}
