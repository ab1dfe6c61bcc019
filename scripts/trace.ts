/* npm run trace -- <orderId | eventId | correlationId>: the path of a request through the services, with timestamps. */
import { formatTraceLine, trace } from './lib/trace';

(async () => {
  const id = process.argv[2];
  if (!id) {
    console.error('usage: npm run trace -- <orderId | eventId | correlationId>');
    process.exit(2);
  }
  const lines = await trace(id);
  if (lines.length === 0) {
    console.log(`No log line mentions ${id} (yet): logs can take a few seconds to arrive.`);
    return;
  }
  const ids = [...new Set(lines.map((l) => l.correlationId).filter(Boolean))];
  console.log(
    `${lines.length} log lines for ${id}; correlation id${ids.length === 1 ? '' : 's'}: ${ids.join(', ')}`,
  );
  for (const line of lines) console.log(formatTraceLine(line));
})().catch((error) => {
  console.error((error as Error).message);
  process.exit(1);
});
