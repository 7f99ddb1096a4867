/**
 * Loads a peer library from benchmarks/node_modules. The specifier is a
 * variable on purpose: the root typecheck (which includes benchmarks/) must
 * pass without `npm ci --prefix benchmarks`, so peers are typed loosely.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function peer(name: string): Promise<any> {
  const mod = await import(name);
  return mod;
}

/** True when the peer can be resolved (benchmarks/node_modules installed). */
export async function hasPeer(name: string): Promise<boolean> {
  try {
    await import(name);
    return true;
  } catch {
    return false;
  }
}
