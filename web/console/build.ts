import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildSync } from 'esbuild';

const HERE = __dirname;

export interface ConsoleBuild {
  /** The folder with index.html (the app, its script and styles inlined) and the serving function's index.js. */
  dir: string;
  /** The page, ready to serve; the serving function adds the configuration. */
  html: string;
}

/** Where `<!--CONFIG-->` stands in the page: the serving function puts the configuration there. */
export const CONFIG_SLOT = '<!--CONFIG-->';

/**
 * Builds the console with esbuild: the browser app (src/main.ts, one minified script), inlined with the styles
 * into one index.html, plus the small Node handler (server/serve-console.ts) that serves it from the HTTP API.
 * Runs at synth (a few tens of ms), so a deploy always ships the console of the commit it deploys.
 * `serverTarget` is esbuild's target for the handler: its function's runtime (node24 for nodejs24.x).
 */
export function buildConsole(outDir: string, serverTarget: string): ConsoleBuild {
  fs.mkdirSync(outDir, { recursive: true });
  const app = buildSync({
    entryPoints: [path.join(HERE, 'src', 'main.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['chrome110', 'firefox110', 'safari16'],
    write: false,
    legalComments: 'none',
  });
  const script = app.outputFiles[0]!.text;
  const css = fs.readFileSync(path.join(HERE, 'src', 'styles.css'), 'utf8');
  const template = fs.readFileSync(path.join(HERE, 'src', 'index.html'), 'utf8');
  // </script> inside the bundle would end the inline script early.
  const html = template
    .replace('/*STYLES*/', () => css)
    .replace('/*SCRIPT*/', () => script.replace(/<\/script/gi, '<\\/script'));
  fs.writeFileSync(path.join(outDir, 'index.html'), html);
  buildSync({
    entryPoints: [path.join(HERE, 'server', 'serve-console.ts')],
    bundle: true,
    minify: true,
    platform: 'node',
    target: serverTarget,
    format: 'cjs',
    outfile: path.join(outDir, 'index.js'),
    legalComments: 'none',
  });
  return { dir: outDir, html };
}
