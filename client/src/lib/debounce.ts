/** Calls `fn` once `waitMs` has passed without a new call; `flush` runs a pending call now. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, waitMs: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: A | null = null;
  const run = () => {
    timer = undefined;
    if (!pending) return;
    const args = pending;
    pending = null;
    fn(...args);
  };
  return {
    call(...args: A) {
      pending = args;
      clearTimeout(timer);
      timer = setTimeout(run, waitMs);
    },
    flush() {
      clearTimeout(timer);
      run();
    },
    cancel() {
      clearTimeout(timer);
      pending = null;
    },
  };
}
