/*
 * Runs after a deploy to an emulator. Orders calls payments synchronously with a 2 s deadline, and on the emulator
 * a payments worker that starts cold during a burst (a Node process spawned and its bundle loaded, on cores the
 * burst is using) can take longer than that: the order would be a 503 PAYMENT_UNAVAILABLE. So the deploy starts
 * as many payments workers as its local reserved concurrency allows, by calling payments that many times at once
 * with a request whose deadline has passed: payments reads its mode, charges nothing and answers `expired`.
 * MiniStack keeps the first worker of a function warm for good and the others for LAMBDA_WARM_TTL_SECONDS (300 s).
 * On AWS this is what provisioned concurrency would do; the AWS deploy does not run this script.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { ChargeRequest } from '../../functions/payments/domain/payment';
import { STACK_NAME } from '../../infra/names';
import { clientConfig, loadOutputs, REPO_ROOT } from '../lib/target';

export async function warmPayments(functionName: string, workers: number): Promise<string[]> {
  const lambda = new LambdaClient(clientConfig());
  const request: ChargeRequest = {
    operation: 'charge',
    orderId: 'post-deploy-warm-up',
    attempt: 1,
    userId: 'post-deploy-warm-up',
    amountCents: 0,
    correlationId: 'post-deploy-warm-up',
    notAfter: '2000-01-01T00:00:00.000Z',
  };
  return Promise.all(
    Array.from({ length: workers }, async () => {
      const result = await lambda.send(
        new InvokeCommand({ FunctionName: functionName, Payload: Buffer.from(JSON.stringify(request)) }),
      );
      return Buffer.from(result.Payload ?? new Uint8Array()).toString('utf8');
    }),
  );
}

if (require.main === module) {
  const outDir = process.env.CDK_OUT_DIR ?? path.join(REPO_ROOT, 'cdk.out');
  const template = JSON.parse(fs.readFileSync(path.join(outDir, `${STACK_NAME}.template.json`), 'utf8')) as {
    Resources: Record<string, { Type: string; Properties?: { ReservedConcurrentExecutions?: number } }>;
  };
  const outputs = loadOutputs();
  const reserved = Object.entries(template.Resources).find(
    ([id, r]) => r.Type === 'AWS::Lambda::Function' && id.startsWith('PaymentsChargeFunction'),
  )?.[1].Properties?.ReservedConcurrentExecutions;
  const workers = reserved ?? 1;
  const started = Date.now();
  warmPayments(outputs.PaymentsFunctionName, workers)
    .then((answers) => {
      const expired = answers.filter((a) => a.includes('"expired"')).length;
      console.log(`Payments warmed: ${expired} of ${workers} workers answered in ${Date.now() - started} ms`);
    })
    .catch((error) => {
      // A warm-up that fails is not a failed deploy: the first orders then start payments cold.
      console.warn(`Payments not warmed: ${(error as Error).message}`);
    });
}
