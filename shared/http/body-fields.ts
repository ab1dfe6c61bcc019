import * as z from 'zod';

/**
 * Request-body schemas whose generated JSON Schema (docs/openapi.json) states all they check, so that a client or a
 * fuzzer that follows the document is never refused for something it could not read there.
 */

/**
 * The characters String.prototype.trim removes, spelled out: `\s` means slightly different sets in JavaScript and in
 * the document's readers (Rust's and Python's regex engines disagree on U+0085 and U+FEFF).
 */
const SPACES = '\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
const NOT_BLANK = new RegExp(`[^${SPACES}]`);

/**
 * Text a person typed (a name, an address): checked as sent, at most `max` characters and not blank, then stored
 * trimmed. Checking before trimming keeps the document true: trimming first would accept a text longer than its
 * maxLength and refuse a blank one the document allows.
 */
export function typedText(max: number) {
  return z
    .string()
    .max(max, `must be at most ${max} characters`)
    .regex(NOT_BLANK, 'must not be blank')
    .trim();
}

/** A PATCH body: any of the object's fields, at least one (the document says so with minProperties). */
export function atLeastOneField<S extends z.ZodObject>(schema: S) {
  return schema
    .refine((body) => Object.keys(body).length > 0, 'name at least one field to change')
    .meta({ minProperties: 1 });
}
