/*
 * Generates, from the zod contracts in events/, what must never be edited by hand:
 *   events/schemas/<detail-type>.v<version>.json   JSON Schema of each event's detail
 *   docs/events.md                                the event catalogue the README links to
 * `npm run events:schemas` writes them; a unit test fails when they are out of date.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as z from 'zod';
import { allEvents, type EventDefinition } from './index';

export function jsonSchemaOf(event: EventDefinition): Record<string, unknown> {
  return {
    $id: `${event.source}/${event.detailType}/v${event.version}`,
    title: event.detailType,
    description: event.description,
    'x-eventbridge': { source: event.source, detailType: event.detailType },
    ...z.toJSONSchema(event.schema),
    examples: [event.example],
  };
}

export function generatedFiles(root = path.join(__dirname, '..')): Record<string, string> {
  const files: Record<string, string> = {};
  for (const event of allEvents) {
    files[path.join(root, 'events', 'schemas', `${event.detailType}.v${event.version}.json`)] =
      `${JSON.stringify(jsonSchemaOf(event), null, 2)}\n`;
  }
  const rows = allEvents.map(
    (e) => `| \`${e.detailType}\` | \`${e.source}\` | ${e.version} | ${e.description} |`,
  );
  const examples = allEvents.map(
    (e) =>
      `### ${e.detailType} (v${e.version})\n\nSchema: [events/schemas/${e.detailType}.v${e.version}.json](../events/schemas/${e.detailType}.v${e.version}.json)\n\n\`\`\`json\n${JSON.stringify(e.example, null, 2)}\n\`\`\`\n`,
  );
  files[path.join(root, 'docs', 'events.md')] = [
    '# Events',
    '',
    'Generated from `events/` by `npm run events:schemas`; do not edit. Every event travels on the bus with',
    'the `source` and `detail-type` below; its `detail` carries `eventId` (consumers are idempotent on it),',
    '`correlationId` (the request that caused it) and `schemaVersion`.',
    '',
    '| detail-type | source | version | meaning |',
    '|---|---|---|---|',
    ...rows,
    '',
    ...examples,
  ].join('\n');
  return files;
}

if (require.main === module) {
  for (const [file, content] of Object.entries(generatedFiles())) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}
