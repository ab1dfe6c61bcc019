import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { STACK_NAME } from '../../../infra/names';
import { PlatformStack } from '../../../infra/platform-stack';

interface Violation {
  ruleName: string;
  severity: string;
  violatingConstructs: { constructPath: string }[];
}

/** Every acknowledgment in the tree: the construct it is on, the rule, and the reason written for it. */
function acknowledgments(root: IConstruct): { path: string; id: string; reason: string }[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id,
          reason,
        })),
      ),
  );
}

describe('cdk-nag AwsSolutions checks on the synthesized stack', () => {
  let app: App;
  let violations: Violation[];
  let synthError: Error | undefined;

  beforeAll(() => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-nag-'));
    app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
    new PlatformStack(app, STACK_NAME, { env: { account: '111111111111', region: 'eu-west-1' } });
    // cdk-nag 3.x is a CDK policy validation plugin: it runs during synthesis and fails it on a violation.
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    try {
      app.synth();
    } catch (error) {
      synthError = error as Error;
    }
    const report = path.join(outdir, 'validation-report.json');
    violations = fs.existsSync(report)
      ? (
          JSON.parse(fs.readFileSync(report, 'utf8')) as {
            pluginReports: { violations: Violation[] }[];
          }
        ).pluginReports.flatMap((r) => r.violations)
      : [];
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  test('finds nothing that is not fixed or acknowledged, errors and warnings alike', () => {
    const found = violations.map((v) => ({
      rule: v.ruleName,
      severity: v.severity,
      where: v.violatingConstructs.map((c) => c.constructPath),
    }));

    expect(found).toEqual([]);
    expect(synthError).toBeUndefined();
  });

  test('every acknowledgment is of an AwsSolutions rule and says why in a sentence', () => {
    const all = acknowledgments(app);

    expect(all.length).toBeGreaterThan(0);
    for (const { path: where, id, reason } of all) {
      expect({
        where,
        id,
        startsWithTheRulePack: /^(Annotation|AwsSolutions)::AwsSolutions-/.test(id),
      }).toEqual({
        where,
        id,
        startsWithTheRulePack: true,
      });
      expect({ where, id, explained: reason.length >= 40 && reason.trim().split(/\s+/).length >= 6 }).toEqual(
        {
          where,
          id,
          explained: true,
        },
      );
    }
  });

  test('what was cheap to fix is fixed, not acknowledged: runtime, topic TLS, API access log, password policy', () => {
    const acknowledged = new Set(acknowledgments(app).map((a) => a.id.replace(/^\w+::/, '')));

    for (const rule of ['AwsSolutions-L1', 'AwsSolutions-SNS3', 'AwsSolutions-APIG1', 'AwsSolutions-COG1']) {
      expect({ rule, acknowledged: acknowledged.has(rule) }).toEqual({ rule, acknowledged: false });
    }
  });
});
