/* Writes events/schemas/<detail-type>.v<version>.json from the zod definitions. Never edit the output by hand. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { allEvents } from './index';

const outDir = path.join(__dirname, 'schemas');
fs.mkdirSync(outDir, { recursive: true });
for (const event of allEvents) {
  const schema = {
    $id: `${event.source}/${event.detailType}/v${event.version}`,
    title: event.detailType,
    description: event.description,
    'x-eventbridge': { source: event.source, detailType: event.detailType },
    ...z.toJSONSchema(event.schema),
    examples: [event.example],
  };
  const file = path.join(outDir, `${event.detailType}.v${event.version}.json`);
  fs.writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
