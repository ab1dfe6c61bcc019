/*
 * npm run clock -- status | set <ISO time> | advance <duration> | reset
 * The local stack's test clock: every function adds its offset to the system time (shared/clock.ts), so a day
 * can end, or three days pass, without waiting. Tokens and the emulator keep real time. Refused on AWS.
 */
import { parseDuration, type TestClockStatus, testClockOf } from './lib/test-clock';

const say = ({ offsetMs, now }: TestClockStatus) => {
  const hours = offsetMs / 3_600_000;
  console.log(
    `Test clock: ${now.toISOString()} (${offsetMs === 0 ? 'real time' : `${hours >= 0 ? '+' : ''}${hours.toFixed(2)} h from real time`})`,
  );
};

async function main(args: string[]) {
  const clock = testClockOf();
  const [verb, value] = args;
  switch (verb) {
    case undefined:
    case 'status':
      return say(await clock.status());
    case 'set': {
      const at = new Date(value ?? '');
      if (!value || Number.isNaN(at.getTime())) throw new Error('usage: npm run clock -- set <ISO time>');
      return say(await clock.set(at));
    }
    case 'advance':
      if (!value) throw new Error('usage: npm run clock -- advance <duration, e.g. 1d or 25h>');
      return say(await clock.advance(parseDuration(value)));
    case 'reset':
      return say(await clock.reset());
    default:
      throw new Error(`unknown verb '${verb}': status | set <ISO time> | advance <duration> | reset`);
  }
}

main(process.argv.slice(2)).catch((error: Error) => {
  console.error(`clock: ${error.message}`);
  process.exit(2);
});
