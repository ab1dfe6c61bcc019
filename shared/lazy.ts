/**
 * A value built on first use and kept for the life of the execution environment. Wiring exports its adapters
 * through this, so a handler builds (and its bundle holds) only the clients it calls.
 */
export function lazy<T>(build: () => T): () => T {
  let built = false;
  let value: T;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value;
  };
}
