/*
 * npm run missed-day -- [--day YYYY-MM-DD]: starts a missed-day run for a day (default: yesterday, UTC) as the
 * daily schedule does, shows its progress, and prints its totals once every page has been judged.
 */
import { dayKeyOf, isValidDayKey, previousDayKey } from '../shared/time';
import { runMissedDay } from './lib/missed-day';

(async () => {
  const args = process.argv.slice(2);
  const at = args.indexOf('--day');
  const day = at >= 0 ? args[at + 1] : previousDayKey(dayKeyOf(new Date()));
  if (!day || !isValidDayKey(day)) {
    console.error('usage: npm run missed-day -- --day YYYY-MM-DD');
    process.exit(2);
  }
  let shown = '';
  const report = await runMissedDay(day, undefined, {
    onProgress: (run) => {
      const line = `run ${run.runId}: ${run.status}, ${run.pagesDone}/${run.pagesTotal ?? '?'} pages`;
      if (line !== shown) console.log(line);
      shown = line;
    },
  });
  console.log(
    `Missed-day run ${report.runId} for ${report.dayKey}${report.resumed ? ' (resumed)' : ''}: ` +
      `${report.playersChecked} players with a pet checked in ${report.rosterPages} pages, ${report.activePlayers} active, ` +
      `${report.missedPublished} interaction.missed published (${report.durationMs} ms).`,
  );
})().catch((error) => {
  console.error((error as Error).message);
  process.exit(1);
});
