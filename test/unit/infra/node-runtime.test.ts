import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  BUNDLING,
  esbuildTarget,
  FUNCTION_RUNTIME,
  REPO_ROOT,
} from '../../../infra/constructs/service-function';

const pinned = fs.readFileSync(path.join(REPO_ROOT, '.nvmrc'), 'utf8').trim();
const runtimeMajor = /^nodejs(\d+)\.x$/.exec(FUNCTION_RUNTIME.name)?.[1];

describe('one Node runtime: the stack declares it, the emulator runs it, the bundles target it', () => {
  test('.nvmrc pins an exact version of the major the functions declare (the emulator runs functions on it)', () => {
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(runtimeMajor).toBeDefined();
    expect(pinned.split('.')[0]).toBe(runtimeMajor);
  });

  test('the bundles target that major’s syntax', () => {
    expect(BUNDLING.target).toBe(`node${runtimeMajor}`);
    expect(esbuildTarget(FUNCTION_RUNTIME)).toBe(`node${runtimeMajor}`);
  });

  test('package.json requires a Node the tooling supports, which the pinned one satisfies', () => {
    const engines = (
      JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
        engines: { node: string };
      }
    ).engines.node;
    const min = Number(/^>=(\d+)$/.exec(engines)?.[1]);
    // Node 20 reached its end of life on 2026-04-30.
    expect(min).toBeGreaterThanOrEqual(22);
    expect(Number(pinned.split('.')[0])).toBeGreaterThanOrEqual(min);
  });
});
