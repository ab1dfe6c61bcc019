/**
 * What the bundled functions use of zod at run time, and nothing else. The bundler aliases `zod` to this file
 * (infra/constructs/service-function.ts): `import { z } from 'zod'` gives a namespace object that the bundler
 * cannot tree-shake, so every bundle carried all of zod, its 50 locales (about 260 KB) and its JSON Schema
 * code. Types are unaffected (TypeScript still reads zod itself). A schema function the code starts to use
 * must be added here; the build fails loudly on a named import this file lacks, and a test that invokes the
 * function fails on a missing `z.something`.
 */
// A relative path on purpose: the alias applies to `zod` and its subpaths, never to a relative import.
import {
  coerce,
  discriminatedUnion,
  enum as enumOf,
  iso,
  literal,
  number,
  object,
  string,
  union,
  unknown,
  ZodError,
} from '../../node_modules/zod/v4/classic/external.js';

export const z = {
  coerce,
  discriminatedUnion,
  enum: enumOf,
  iso,
  literal,
  number,
  object,
  string,
  union,
  unknown,
  ZodError,
};
export { ZodError };
