import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import * as esbuild from 'esbuild';
import { esbuildOptions, ServiceFunction } from '../../../infra/constructs/service-function';

interface TemplateResource {
  Type: string;
  Metadata?: Record<string, unknown>;
}

/**
 * `npm run dev` rebuilds a function's bundle with esbuildOptions(), not through the CDK: the two must give the same
 * bytes, or what dev puts live is not what a deploy would. A handler with zod, the AWS SDK and the shared route
 * factory in it, so the aliases, the main fields and the banner all count.
 */
describe("npm run dev's bundle of a function", () => {
  let outdir: string;
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  test('is byte for byte the bundle the CDK deploys', async () => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'dev-bundle-'));
    const app = new App({ outdir, context: { 'aws:cdk:enable-asset-metadata': true } });
    const stack = new Stack(app, 'DevBundle', { env: { account: '111111111111', region: 'eu-west-1' } });
    const fn = new ServiceFunction(stack, 'RenameMyPet', { service: 'pets', handler: 'rename-my-pet' });
    const assembly = app.synth();
    const resources = (
      assembly.getStackByName('DevBundle').template as { Resources: Record<string, TemplateResource> }
    ).Resources;
    const asset = Object.values(resources).find((r) => r.Type === 'AWS::Lambda::Function')!.Metadata?.[
      'aws:asset:path'
    ];
    const options = esbuildOptions(fn.entry);
    const cdkBundle = fs.readFileSync(path.join(assembly.directory, String(asset), options.outfile));

    const { outputFiles } = await esbuild.build({ ...options, write: false });

    expect(outputFiles).toHaveLength(1);
    expect(cdkBundle.length).toBeGreaterThan(10_000);
    expect(Buffer.from(outputFiles[0]!.contents).equals(cdkBundle)).toBe(true);
  }, 120_000);
});
