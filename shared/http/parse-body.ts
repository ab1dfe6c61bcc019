import type * as z from 'zod';
import { BadRequestError } from './errors';

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024;

export interface FieldProblem {
  field: string;
  message: string;
}

export function zodProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.flatMap((issue) => {
    const at = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: at ? `${at}.${key}` : key,
        message: 'is not an allowed field',
      }));
    }
    return [{ field: at || '(body)', message: issue.message }];
  });
}

/** Raw HTTP body -> validated value, or a 400 that names what is wrong. Nothing is written before this passes. */
export function parseJsonBody<S extends z.ZodType>(
  rawBody: string | undefined,
  isBase64Encoded: boolean | undefined,
  schema: S,
  maxBytes = DEFAULT_MAX_BODY_BYTES,
): z.infer<S> {
  const text =
    rawBody === undefined ? '' : isBase64Encoded ? Buffer.from(rawBody, 'base64').toString('utf8') : rawBody;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxBytes) {
    throw new BadRequestError(
      'BODY_TOO_LARGE',
      `The request body is ${bytes} bytes; at most ${maxBytes} are allowed.`,
      [{ field: '(body)', message: `must be at most ${maxBytes} bytes` }],
    );
  }
  if (text.trim() === '') {
    throw new BadRequestError('BODY_REQUIRED', undefined, [{ field: '(body)', message: 'is required' }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new BadRequestError('MALFORMED_JSON', undefined, [
      { field: '(body)', message: (error as Error).message },
    ]);
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    throw new BadRequestError('VALIDATION_FAILED', undefined, zodProblems(result.error));
  }
  return result.data;
}

/** Path or query parameters -> validated value, or a 400 that names the failing parameters. */
export function parseInput<S extends z.ZodType>(value: unknown, schema: S): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new BadRequestError(
      'VALIDATION_FAILED',
      'Some parameters are missing or wrong.',
      zodProblems(result.error),
    );
  }
  return result.data;
}
