import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..', '..');
/** What the bundler puts in the functions: functions/, shared/ and events/ (less the schema generator, a script). */
const BUNDLED = ['functions', 'shared', 'events'];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') && !entry.name.startsWith('generate-') ? [full] : [];
  });
}

describe('the zod stand-in the bundler gives the functions', () => {
  test('has every z.<function> the bundled code calls, so no function fails at cold start', () => {
    const used = new Set<string>();
    for (const file of BUNDLED.flatMap((dir) => sources(path.join(ROOT, dir)))) {
      for (const match of fs.readFileSync(file, 'utf8').matchAll(/\bz\.([a-z][A-Za-z]*)\b/g))
        used.add(match[1]!);
    }
    used.delete('infer'); // a type, not a value

    // Read as text: the stand-in imports zod's ES module build, which this test runner cannot load.
    const standIn = fs.readFileSync(path.join(ROOT, 'infra', 'bundling', 'zod-runtime.ts'), 'utf8');
    const body = standIn.slice(standIn.indexOf('export const z = {'));
    const offered = new Set(
      [...body.slice(0, body.indexOf('};')).matchAll(/^\s+(\w+)(?::|,)/gm)].map((m) => m[1]!),
    );
    const missing = [...used].filter((name) => !offered.has(name)).sort();

    expect(missing).toEqual([]);
  });
});
