/* npm run quests -- rebuild <userId> [--no-snapshots]: replays the user's quest streams and compares them with the stored state. */
import { rebuildProgress } from '../functions/quest-progress/use-cases/rebuild-progress';
import { progressStore } from './lib/quests';

(async () => {
  const [command, userId, ...flags] = process.argv.slice(2);
  if (command !== 'rebuild' || !userId) {
    console.error('usage: npm run quests -- rebuild <userId> [--no-snapshots]');
    process.exit(2);
  }
  const useSnapshots = !flags.includes('--no-snapshots');
  const started = performance.now();
  const report = await rebuildProgress({ store: progressStore() }, { userId, useSnapshots });
  const ms = Math.round(performance.now() - started);
  if (report.length === 0) console.log(`${userId} has no quest progress.`);
  for (const stream of report) {
    const from = stream.fromSnapshot === null ? 'the first entry' : `the snapshot at ${stream.fromSnapshot}`;
    console.log(
      `${stream.questId}: replayed ${stream.replayed} entries from ${from} -> seq ${stream.rebuilt.seq}, ` +
        `${stream.rebuilt.completions} completions: ${stream.matches ? 'matches the stored state' : 'DIFFERS from the stored state'}`,
    );
    if (!stream.matches)
      console.log(
        `  stored:  ${JSON.stringify(stream.stored)}\n  rebuilt: ${JSON.stringify(stream.rebuilt)}`,
      );
  }
  console.log(
    `rebuilt ${report.length} streams in ${ms} ms (${useSnapshots ? 'with' : 'without'} snapshots)`,
  );
  if (report.some((s) => !s.matches)) process.exit(1);
})().catch((error) => {
  console.error((error as Error).message);
  process.exit(1);
});
