import type { Metafile } from 'esbuild';

/** A handler's bundle as `npm run dev` knows it: its entry, the deployed functions built from it, its inputs. */
export interface Bundle {
  /** The entry file, relative to the repository root (as esbuild's metafile names it). */
  entry: string;
  /** The deployed functions that run this bundle (one handler may back several). */
  functions: string[];
  /** Every file the bundle is built from, relative to the repository root. */
  inputs: ReadonlySet<string>;
}

/**
 * The files each entry's bundle is built from, read off one metafile of a build of all the entries: what the
 * entry imports, transitively. A build's `outputs[].inputs` would not do: it names only the files that left bytes
 * in the bundle, so an edit to a file tree-shaken away today (a port, a type) would go unseen.
 */
export function inputsByEntry(metafile: Metafile, entries: readonly string[]): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>();
  for (const entry of entries) {
    if (!metafile.inputs[entry]) throw new Error(`the metafile has no input ${entry}`);
    const seen = new Set<string>([entry]);
    const pending = [entry];
    for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
      for (const imported of metafile.inputs[file]?.imports ?? []) {
        if (imported.external || seen.has(imported.path)) continue;
        seen.add(imported.path);
        pending.push(imported.path);
      }
    }
    result.set(entry, seen);
  }
  return result;
}

/** The bundles a change to these files (relative to the repository root) makes stale: those built from any. */
export function affectedBundles(bundles: readonly Bundle[], changed: readonly string[]): Bundle[] {
  return bundles.filter((b) => changed.some((file) => b.inputs.has(file)));
}

/**
 * The top-level folders of the repository the bundles are built from, node_modules aside (and the packages esbuild
 * found through a symlinked node_modules, named from outside the repository): what `npm run dev` watches.
 */
export function sourceFolders(bundles: readonly Bundle[]): string[] {
  const folders = new Set<string>();
  for (const b of bundles)
    for (const file of b.inputs) {
      const [top, ...rest] = file.split('/');
      if (top && rest.length > 0 && top !== 'node_modules' && top !== '..') folders.add(top);
    }
  return [...folders].sort();
}
