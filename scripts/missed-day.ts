/* npm run missed-day -- [--day YYYY-MM-DD]: runs the deployed missed-day job for a day (default: yesterday, UTC). */
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
  const report = await runMissedDay(day);
  console.log(
    `Missed-day job for ${report.dayKey}: ${report.playersChecked} players with a pet, ${report.activePlayers} active, ` +
      `${report.missedPublished} interaction.missed published (${report.durationMs} ms).`,
  );
})().catch((error) => {
  console.error((error as Error).message);
  process.exit(1);
});
