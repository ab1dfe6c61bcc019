/**
 * npm run dev: with the emulator up and the stack deployed, a saved edit to a handler, a use case, a domain file or
 * shared code is live in the deployed functions that bundle it within a second or two, without a deploy: the
 * affected bundles are rebuilt with the stack's own esbuild settings and the functions' code replaced in place.
 * Infrastructure (infra/, a new function, an environment variable) still needs `npm run deploy`. A deploy replaces
 * only code that differs from the last deploy's: an edit dev put live and then undone while dev was not running
 * stays live; `npm run dev -- --all` first puts every function's code as the working tree has it.
 *   npm run dev                       # against EMULATOR / EMULATOR_PORT, like every script
 *   npm run dev -- --all              # the same, after updating every function from the working tree
 */
import { DevLoop } from './lib/dev/dev-loop';

async function main() {
  const started = performance.now();
  const dev = await DevLoop.start();
  const functions = dev.bundles.reduce((n, b) => n + b.functions.length, 0);
  if (process.argv.includes('--all')) {
    const { updated, failed } = await dev.updateFunctions(dev.bundles.map((b) => b.entry));
    console.log(`dev: updated all ${updated.length} functions from the working tree`);
    for (const f of failed) console.error(`dev: not updated, ${f}`);
  }
  console.log(
    `dev: watching ${functions} deployed functions (${dev.bundles.length} bundles), ready in ${Math.round(performance.now() - started)} ms. Ctrl-C stops.`,
  );
  dev.watch(({ changed, updated, failed }) => {
    const time = new Date().toISOString().slice(11, 19);
    const names = updated.map((u) => u.path.split('/').slice(1).join('/'));
    if (updated.length > 0)
      console.log(`${time} ${changed.join(', ')} -> updated ${updated.length}: ${names.join(', ')}`);
    for (const f of failed) console.error(`${time} not updated, ${f}`);
  });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
