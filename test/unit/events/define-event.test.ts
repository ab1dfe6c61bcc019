import * as z from 'zod';
import { defineEvent } from '../../../events/define-event';

const define = (example: Record<string, unknown>, version = 2) =>
  defineEvent({
    source: 'test.things',
    detailType: 'thing.happened',
    version,
    description: 'A thing happened.',
    payload: { thing: z.string().min(1) },
    example: example as { eventId: string; correlationId: string; thing: string },
  });

const example = { eventId: 'e-1', correlationId: 'c-1', thing: 'kettle' };

describe('defineEvent', () => {
  test('keeps the source, detail type, version and description', () => {
    const definition = define(example);

    expect({
      source: definition.source,
      detailType: definition.detailType,
      version: definition.version,
      description: definition.description,
    }).toEqual({
      source: 'test.things',
      detailType: 'thing.happened',
      version: 2,
      description: 'A thing happened.',
    });
  });

  test('adds the version to the example as its schemaVersion', () => {
    const definition = define(example, 3);

    expect(definition.example).toEqual({ ...example, schemaVersion: 3 });
  });

  test('gives every schema the event id and correlation id', () => {
    const definition = define(example);

    const result = definition.schema.safeParse({ thing: 'kettle', schemaVersion: 2 });

    expect(result.success).toBe(false);
  });

  test('refuses, at definition time, an example that breaks its own schema', () => {
    expect(() => define({ ...example, thing: '' })).toThrow();
  });

  test('refuses, at definition time, an example with a field the payload does not declare', () => {
    expect(() => define({ ...example, extra: 1 })).toThrow();
  });

  test('makes a strict schema that refuses extra fields', () => {
    const definition = define(example);

    const result = definition.schema.safeParse({ ...example, schemaVersion: 2, extra: 1 });

    expect(result.success).toBe(false);
  });

  test('makes a schema that accepts only its own schemaVersion', () => {
    const definition = define(example, 2);

    const versions = [1, 2, 3].map(
      (v) => definition.schema.safeParse({ ...example, schemaVersion: v }).success,
    );

    expect(versions).toEqual([false, true, false]);
  });
});
