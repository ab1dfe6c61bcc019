import type { Metafile } from 'esbuild';
import { affectedBundles, type Bundle, inputsByEntry, sourceFolders } from '../../../scripts/lib/dev/bundles';

/** A metafile of one build of two handlers, as esbuild writes it (only the fields read here). */
function metafile(imports: Record<string, string[]>): Metafile {
  return {
    inputs: Object.fromEntries(
      Object.entries(imports).map(([file, deps]) => [
        file,
        { bytes: 1, imports: deps.map((p) => ({ path: p, kind: 'import-statement' as const })) },
      ]),
    ),
    outputs: {},
  };
}

const build = metafile({
  'functions/pets/handlers/get-my-pet.ts': [
    'functions/pets/use-cases/get-pet.ts',
    'shared/http/http-handler.ts',
  ],
  'functions/pets/use-cases/get-pet.ts': ['functions/pets/domain/pet.ts', 'functions/pets/ports.ts'],
  'functions/pets/domain/pet.ts': [],
  'functions/pets/ports.ts': [],
  'functions/platform/handlers/who-am-i.ts': ['shared/http/http-handler.ts'],
  'shared/http/http-handler.ts': ['shared/errors.ts', '../../main/node_modules/@middy/core/index.js'],
  'shared/errors.ts': [],
  '../../main/node_modules/@middy/core/index.js': [],
  'functions/orders/handlers/place-order.ts': ['functions/orders/domain/order.ts'],
  'functions/orders/domain/order.ts': [],
});
const ENTRIES = ['functions/pets/handlers/get-my-pet.ts', 'functions/platform/handlers/who-am-i.ts'];

function bundles(): Bundle[] {
  const inputs = inputsByEntry(build, ENTRIES);
  return ENTRIES.map((entry) => ({ entry, functions: [`fn-${entry}`], inputs: inputs.get(entry)! }));
}
const entriesAffectedBy = (...changed: string[]) => affectedBundles(bundles(), changed).map((b) => b.entry);

describe('which bundles a changed file makes stale', () => {
  test('a handler: its own bundle only', () => {
    expect(entriesAffectedBy('functions/platform/handlers/who-am-i.ts')).toEqual([
      'functions/platform/handlers/who-am-i.ts',
    ]);
  });

  test('a domain file or a port, reached through a use case: the bundles that import it, however deep', () => {
    expect(entriesAffectedBy('functions/pets/domain/pet.ts')).toEqual([
      'functions/pets/handlers/get-my-pet.ts',
    ]);
    expect(entriesAffectedBy('functions/pets/ports.ts')).toEqual(['functions/pets/handlers/get-my-pet.ts']);
  });

  test('shared code: every bundle built from it', () => {
    expect(entriesAffectedBy('shared/errors.ts')).toEqual(ENTRIES);
  });

  test("a file of another entry's build, or of none: no bundle", () => {
    expect(entriesAffectedBy('functions/orders/domain/order.ts')).toEqual([]);
    expect(entriesAffectedBy('README.md', 'functions/pets/domain/pet.ts~')).toEqual([]);
  });

  test('an entry the metafile does not hold is an error, not an empty bundle', () => {
    expect(() => inputsByEntry(build, ['functions/pets/handlers/nope.ts'])).toThrow(/no input/);
  });

  test('the folders to watch: those the bundles read, not node_modules nor files outside the repository', () => {
    expect(sourceFolders(bundles())).toEqual(['functions', 'shared']);
  });
});
