import * as z from 'zod';
import { changeBody, createBody, listCalendarEventsQuery } from '../../../functions/calendar/handlers/input';
import { missedDayRunBody } from '../../../functions/interactions/handlers/input';
import { listOrdersQuery, placeOrderBody } from '../../../functions/orders/handlers/input';
import { renamePetBody } from '../../../functions/pets/handlers/input';
import { questChangesBody } from '../../../functions/quest-catalog/handlers/quest-bodies';

/**
 * What a request schema checks, its JSON Schema (the document's) must say, and the other way round: a client or a
 * fuzzer that follows docs/openapi.json is neither refused for what it could not read there, nor accepted with what
 * the document forbids.
 */
type Json = { properties?: Record<string, Json>; minProperties?: number; pattern?: string; format?: string };
const documented = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input' }) as Json;

const event = { name: 'Pizza night', startsAt: '2099-06-01T18:00:00Z', location: 'Berlin', capacity: 20 };

describe('request schemas say in the document what they check', () => {
  test('a PATCH body with no field is refused, and its document says minProperties 1', () => {
    for (const schema of [changeBody, questChangesBody]) {
      expect({
        accepted: schema.safeParse({}).success,
        minProperties: documented(schema).minProperties,
      }).toEqual({
        accepted: false,
        minProperties: 1,
      });
    }
  });

  test('a name with a leading tab is refused as sent, never trimmed into one the pattern allows', () => {
    const parsed = renamePetBody.safeParse({ name: '\tMochi' });
    const pattern = new RegExp(documented(renamePetBody).properties!.name!.pattern!, 'u');

    expect({ accepted: parsed.success, matchesPattern: pattern.test('\tMochi') }).toEqual({
      accepted: false,
      matchesPattern: false,
    });
  });

  test('typed text is checked as sent: over its maxLength with spaces around is refused, not trimmed to fit', () => {
    const longName = ` ${'n'.repeat(120)}`;
    const longAddress = ` ${'a'.repeat(300)}`;

    expect(createBody.safeParse({ ...event, name: longName }).success).toBe(false);
    expect(placeOrderBody.safeParse({ pizza: 'margherita', quantity: 1, address: longAddress }).success).toBe(
      false,
    );
  });

  test('blank typed text is refused, and the document’s pattern refuses it too', () => {
    const pattern = new RegExp(documented(createBody).properties!.name!.pattern!);
    for (const blank of [' ', '\t\n', '\u00a0', '\ufeff']) {
      expect({ blank, accepted: createBody.safeParse({ ...event, name: blank }).success }).toEqual({
        blank,
        accepted: false,
      });
      expect({ blank, matches: pattern.test(blank) }).toEqual({ blank, matches: false });
    }
    expect(createBody.parse({ ...event, name: '  Pizza night ' }).name).toBe('Pizza night');
  });

  test('a cursor is documented as base64url of at most 512 characters, and refused otherwise', () => {
    for (const query of [listCalendarEventsQuery, listOrdersQuery]) {
      const cursor = documented(query).properties!.cursor as Json & { maxLength?: number };
      expect({ pattern: cursor.pattern, maxLength: cursor.maxLength }).toEqual({
        pattern: '^[A-Za-z0-9_-]+$',
        maxLength: 512,
      });
      const refused = query.safeParse({ cursor: 'a+b/c=' });
      expect(refused.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['cursor']);
    }
  });

  test('a missed-day run’s day is documented as a date (2026-02-30 is none), as the refine checks', () => {
    expect(documented(missedDayRunBody).properties!.day!.format).toBe('date');
    expect(missedDayRunBody.safeParse({ day: '2026-02-30' }).success).toBe(false);
  });
});
