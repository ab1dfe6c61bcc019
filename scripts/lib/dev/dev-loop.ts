import * as fs from 'node:fs';
import * as path from 'node:path';
import { LambdaClient, UpdateFunctionCodeCommand } from '@aws-sdk/client-lambda';
import * as esbuild from 'esbuild';
import { esbuildOptions } from '../../../infra/constructs/service-function';
import { clientConfig, currentTarget, REPO_ROOT } from '../target';
import { affectedBundles, type Bundle, inputsByEntry, sourceFolders } from './bundles';
import { type DeployedFunction, deployedServiceFunctions } from './deployed-functions';
import { zipOneFile } from './zip';

/** One function whose code an update replaced. */
export interface Updated {
  functionName: string;
  path: string;
  entry: string;
  bytes: number;
}

/** How long after an update on an emulator the code is sent once more (see updateFunctions). */
const EMULATOR_SETTLE_MS = 300;

/** How long the watcher waits for more changes after one (an editor's save is several events). */
const DEBOUNCE_MS = 40;

/**
 * `npm run dev`: the deployed functions, rebuilt from the working tree and updated in place. It knows which bundle
 * each source file goes into from one esbuild build of every entry at start, and keeps that current with the
 * metafile of every rebuild (an edit that adds an import adds the file to the bundle's inputs).
 */
export class DevLoop {
  private readonly functionsByEntry: Map<string, DeployedFunction[]>;
  private bundleList: Bundle[];

  private constructor(
    deployed: readonly DeployedFunction[],
    inputs: Map<string, Set<string>>,
    private readonly lambda: LambdaClient,
    private readonly onEmulator: boolean,
  ) {
    this.functionsByEntry = new Map();
    for (const fn of deployed)
      this.functionsByEntry.set(fn.entry, [...(this.functionsByEntry.get(fn.entry) ?? []), fn]);
    this.bundleList = [...this.functionsByEntry].map(([entry, fns]) => ({
      entry,
      functions: fns.map((f) => f.functionName),
      inputs: inputs.get(entry) ?? new Set([entry]),
    }));
  }

  /** Finds the deployed functions and what each bundles (one build of all their entries). */
  static async start(lambda = new LambdaClient(clientConfig())): Promise<DevLoop> {
    const deployed = await deployedServiceFunctions();
    if (deployed.length === 0) throw new Error('no deployed function found: deploy first (npm run deploy)');
    const entries = [...new Set(deployed.map((d) => d.entry))];
    const { outfile: _one, ...options } = esbuildOptions(path.join(REPO_ROOT, entries[0]!));
    const { metafile } = await esbuild.build({
      ...options,
      entryPoints: entries,
      outdir: 'dev-out',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    return new DevLoop(deployed, inputsByEntry(metafile, entries), lambda, currentTarget().kind !== 'aws');
  }

  get bundles(): readonly Bundle[] {
    return this.bundleList;
  }

  /**
   * Rebuilds every bundle built from one of these files (paths relative to the repository root, or absolute) and
   * replaces the code of the functions that run it. A bundle that fails to build is reported and left deployed as
   * it was; the others still go out.
   */
  async updateFunctions(changedFiles: readonly string[]): Promise<{ updated: Updated[]; failed: string[] }> {
    const changed = changedFiles.map((f) => (path.isAbsolute(f) ? path.relative(REPO_ROOT, f) : f));
    const stale = affectedBundles(this.bundleList, changed);
    const updated: (Updated & { zip: Buffer })[] = [];
    const failed: string[] = [];
    await Promise.all(
      stale.map(async (bundle) => {
        let code: Uint8Array;
        let metafile: esbuild.Metafile;
        try {
          const options = esbuildOptions(path.join(REPO_ROOT, bundle.entry));
          const result = await esbuild.build({
            ...options,
            write: false,
            metafile: true,
            logLevel: 'silent',
          });
          code = result.outputFiles[0]!.contents;
          metafile = result.metafile;
        } catch (error) {
          failed.push(`${bundle.entry}: ${(error as Error).message.split('\n').slice(0, 3).join(' ')}`);
          return;
        }
        this.bundleList = this.bundleList.map((b) =>
          b.entry === bundle.entry ? { ...b, inputs: new Set(Object.keys(metafile.inputs)) } : b,
        );
        const zip = zipOneFile(path.basename(esbuildOptions(bundle.entry).outfile), code);
        for (const fn of this.functionsByEntry.get(bundle.entry) ?? []) {
          await this.lambda.send(
            new UpdateFunctionCodeCommand({ FunctionName: fn.functionName, ZipFile: zip }),
          );
          updated.push({
            functionName: fn.functionName,
            path: fn.path,
            entry: bundle.entry,
            bytes: code.length,
            zip,
          });
        }
      }),
    );
    if (this.onEmulator && updated.length > 0) {
      // MiniStack: an invocation that read the function before the update and takes a worker after it starts one
      // on the old code, which then serves on (docs/emulator-facts.md, e.). The same code once more, after such
      // invocations have had time to take their worker, replaces that one too.
      await new Promise((resolve) => setTimeout(resolve, EMULATOR_SETTLE_MS));
      await Promise.all(
        updated.map((u) =>
          this.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: u.functionName, ZipFile: u.zip })),
        ),
      );
    }
    return { updated: updated.map(({ zip: _zip, ...u }) => u), failed };
  }

  /**
   * Watches the folders the bundles are built from and updates the functions a saved file affects, one update at a
   * time (changes made during one are taken by the next). Returns a function that stops watching.
   */
  watch(report: (result: { changed: string[]; updated: Updated[]; failed: string[] }) => void): () => void {
    let pending = new Set<string>();
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> = Promise.resolve();
    const flush = () => {
      const changed = [...pending];
      pending = new Set();
      running = running.then(async () => {
        const result = await this.updateFunctions(changed).catch((error: Error) => ({
          updated: [],
          failed: [`update: ${error.message}`],
        }));
        if (result.updated.length > 0 || result.failed.length > 0) report({ changed, ...result });
      });
    };
    const watchers = sourceFolders(this.bundleList).map((folder) =>
      fs.watch(path.join(REPO_ROOT, folder), { recursive: true }, (_event, file) => {
        if (!file) return;
        pending.add(path.join(folder, file.toString()));
        clearTimeout(timer);
        timer = setTimeout(flush, DEBOUNCE_MS);
      }),
    );
    return () => {
      clearTimeout(timer);
      for (const w of watchers) w.close();
    };
  }
}
