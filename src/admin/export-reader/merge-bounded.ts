/**
 * Interleaves async generators, running at most `concurrency` at once and
 * holding at most one value ahead per running generator (pull-based, so
 * memory is bounded by `concurrency`, not by the inputs). The first error
 * stops everything; leaving early (or an error) closes the running ones.
 * @internal
 */
export async function* mergeBounded<T>(starts: ReadonlyArray<() => AsyncGenerator<T>>, concurrency: number): AsyncGenerator<{ readonly index: number; readonly value: T }> {
  type Step = { readonly index: number; readonly result: IteratorResult<T> };
  const running = new Map<number, { readonly it: AsyncGenerator<T>; next: Promise<Step> }>();
  let started = 0;
  const pull = (index: number, it: AsyncGenerator<T>) => {
    const next = it.next().then((result) => ({ index, result }));
    next.catch(() => undefined); // surfaced through race; avoid an unhandled rejection meanwhile
    return next;
  };
  const fill = () => {
    while (running.size < concurrency && started < starts.length) {
      const index = started++;
      const it = starts[index]!();
      running.set(index, { it, next: pull(index, it) });
    }
  };
  try {
    fill();
    while (running.size > 0) {
      const { index, result } = await Promise.race([...running.values()].map((r) => r.next));
      const entry = running.get(index)!;
      if (result.done) {
        running.delete(index);
        fill();
        continue;
      }
      entry.next = pull(index, entry.it);
      yield { index, value: result.value };
    }
  } finally {
    await Promise.allSettled([...running.values()].map((r) => r.it.return(undefined as never)));
  }
}
