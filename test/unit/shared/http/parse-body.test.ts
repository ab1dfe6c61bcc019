import * as z from 'zod';
import { BadRequestError } from '../../../../shared/http/errors';
import { DEFAULT_MAX_BODY_BYTES, parseJsonBody } from '../../../../shared/http/parse-body';

const completeBody = z.object({ templateId: z.string().min(1) }).strict();

/** Runs the parser and hands back the BadRequestError it throws, so that a test can look at its code and details. */
function rejection(run: () => unknown): BadRequestError {
  try {
    run();
  } catch (error) {
    if (error instanceof BadRequestError) return error;
    throw error;
  }
  throw new Error('expected a BadRequestError, but the body was accepted');
}

describe('parseJsonBody', () => {
  test('returns the validated body', () => {
    const body = parseJsonBody('{"templateId":"drink_water"}', false, completeBody);

    expect(body).toEqual({ templateId: 'drink_water' });
  });

  test('decodes a base64-encoded body before parsing it', () => {
    const raw = Buffer.from('{"templateId":"play_10m"}', 'utf8').toString('base64');

    const body = parseJsonBody(raw, true, completeBody);

    expect(body).toEqual({ templateId: 'play_10m' });
  });

  test('decodes UTF-8 text inside a base64 body', () => {
    const raw = Buffer.from('{"templateId":"café ☕"}', 'utf8').toString('base64');

    const body = parseJsonBody(raw, true, completeBody);

    expect(body).toEqual({ templateId: 'café ☕' });
  });

  test('does not decode a body that is not marked base64', () => {
    const raw = Buffer.from('{"templateId":"play_10m"}', 'utf8').toString('base64');

    const error = rejection(() => parseJsonBody(raw, false, completeBody));

    expect(error.code).toBe('MALFORMED_JSON');
  });

  test('refuses a missing body with 400 BODY_REQUIRED', () => {
    const error = rejection(() => parseJsonBody(undefined, false, completeBody));

    expect({ statusCode: error.statusCode, code: error.code, details: error.details }).toEqual({
      statusCode: 400,
      code: 'BODY_REQUIRED',
      details: [{ field: '(body)', message: 'is required' }],
    });
  });

  test('refuses a body of only whitespace with BODY_REQUIRED', () => {
    const error = rejection(() => parseJsonBody(' \n\t ', false, completeBody));

    expect(error.code).toBe('BODY_REQUIRED');
  });

  test('refuses malformed JSON with 400 MALFORMED_JSON on the body', () => {
    const error = rejection(() => parseJsonBody('{"templateId": "drink_water"', false, completeBody));

    expect({
      statusCode: error.statusCode,
      code: error.code,
      field: (error.details as { field: string }[])[0]?.field,
    }).toEqual({ statusCode: 400, code: 'MALFORMED_JSON', field: '(body)' });
  });

  test('refuses a body larger than the limit with 400 BODY_TOO_LARGE', () => {
    const raw = JSON.stringify({ templateId: 'x'.repeat(DEFAULT_MAX_BODY_BYTES) });

    const error = rejection(() => parseJsonBody(raw, false, completeBody));

    expect({ statusCode: error.statusCode, code: error.code }).toEqual({
      statusCode: 400,
      code: 'BODY_TOO_LARGE',
    });
  });

  test('accepts a body of exactly the limit and refuses one byte more', () => {
    const schema = z.string();
    const exactly = JSON.stringify('x'.repeat(98)); // 100 bytes with its quotes
    const oneMore = JSON.stringify('x'.repeat(99));

    expect(parseJsonBody(exactly, false, schema, 100)).toHaveLength(98);
    expect(rejection(() => parseJsonBody(oneMore, false, schema, 100)).code).toBe('BODY_TOO_LARGE');
  });

  test('measures the limit in UTF-8 bytes, not characters', () => {
    // 40 characters, 120 bytes.
    const raw = JSON.stringify('€'.repeat(40));

    const error = rejection(() => parseJsonBody(raw, false, z.string(), 100));

    expect(error.code).toBe('BODY_TOO_LARGE');
  });

  test('measures the limit on the decoded body, so base64 overhead does not count against the caller', () => {
    const text = JSON.stringify('x'.repeat(90)); // 92 bytes, 124 once base64-encoded
    const raw = Buffer.from(text, 'utf8').toString('base64');

    const body = parseJsonBody(raw, true, z.string(), 100);

    expect(body).toHaveLength(90);
  });

  test('refuses a missing field with 400 VALIDATION_FAILED naming the field', () => {
    const error = rejection(() => parseJsonBody('{}', false, completeBody));

    expect({
      statusCode: error.statusCode,
      code: error.code,
      fields: (error.details as { field: string }[]).map((d) => d.field),
    }).toEqual({ statusCode: 400, code: 'VALIDATION_FAILED', fields: ['templateId'] });
  });

  test('names every extra field that a strict schema does not allow', () => {
    const raw = JSON.stringify({ templateId: 'drink_water', userId: 'someone-else', admin: true });

    const error = rejection(() => parseJsonBody(raw, false, completeBody));

    expect(error.details).toEqual([
      { field: 'userId', message: 'is not an allowed field' },
      { field: 'admin', message: 'is not an allowed field' },
    ]);
  });

  test('names an extra field inside a nested object by its path', () => {
    const schema = z.object({ pet: z.object({ name: z.string() }).strict() });

    const error = rejection(() => parseJsonBody('{"pet":{"name":"Mochi","hp":100}}', false, schema));

    expect(error.details).toEqual([{ field: 'pet.hp', message: 'is not an allowed field' }]);
  });

  test('names a field of the wrong type by its path', () => {
    const schema = z.object({ pet: z.object({ name: z.string() }) });

    const error = rejection(() => parseJsonBody('{"pet":{"name":42}}', false, schema));

    expect((error.details as { field: string }[]).map((d) => d.field)).toEqual(['pet.name']);
  });

  test('lists every failing field, not only the first', () => {
    const schema = z.object({ name: z.string(), age: z.number() }).strict();

    const error = rejection(() => parseJsonBody('{"name":1,"age":"x","extra":0}', false, schema));

    expect((error.details as { field: string }[]).map((d) => d.field).sort()).toEqual([
      'age',
      'extra',
      'name',
    ]);
  });

  test('names the body itself when the JSON is not an object', () => {
    const error = rejection(() => parseJsonBody('[1,2,3]', false, completeBody));

    expect({ code: error.code, fields: (error.details as { field: string }[]).map((d) => d.field) }).toEqual({
      code: 'VALIDATION_FAILED',
      fields: ['(body)'],
    });
  });

  test('gives every rejection a JSON body with a stable code and a human message', () => {
    const error = rejection(() => parseJsonBody('{}', false, completeBody));

    expect(error.toBody()).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'Some fields are missing or wrong.',
      details: [{ field: 'templateId', message: expect.any(String) }],
    });
  });
});
