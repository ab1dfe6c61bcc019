/*
 * What the local stage's deploy sets again after MiniStack 1.5.33's CloudFormation dropped it from the template
 * (infra/constructs/local-fixups.ts): table TTLs and reserved concurrency, compared first and set only where
 * missing or different; then the warm-up of payments. Values arrive as CloudFormation sends custom-resource
 * properties: numbers as strings.
 */
import {
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import {
  GetFunctionConcurrencyCommand,
  InvokeCommand,
  type LambdaClient,
  PutFunctionConcurrencyCommand,
} from '@aws-sdk/client-lambda';
import type { ChargeRequest } from '../../functions/payments/domain/payment';

export interface FixupRequest {
  tables: { tableName: string; ttlAttribute: string }[];
  functions: { functionName: string; reservedConcurrency: number | string }[];
  warm: { functionName: string; workers: number | string; codeKey: string }[];
}

export interface FixupClients {
  dynamodb: Pick<DynamoDBClient, 'send'>;
  lambda: Pick<LambdaClient, 'send'>;
}

/** One line per change, for the deploy's log; nothing when the target already had it all. */
export async function applyFixups(request: FixupRequest, clients: FixupClients): Promise<string[]> {
  const done: string[] = [];
  for (const { tableName, ttlAttribute } of request.tables ?? []) {
    const current = (await clients.dynamodb.send(new DescribeTimeToLiveCommand({ TableName: tableName })))
      .TimeToLiveDescription;
    const on = current?.TimeToLiveStatus === 'ENABLED' || current?.TimeToLiveStatus === 'ENABLING';
    if (on && current?.AttributeName === ttlAttribute) continue;
    await clients.dynamodb.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: ttlAttribute, Enabled: true },
      }),
    );
    done.push(`${tableName}: TTL on ${ttlAttribute}`);
  }
  for (const { functionName, reservedConcurrency } of request.functions ?? []) {
    const reserved = Number(reservedConcurrency);
    const current = (
      await clients.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: functionName }))
    ).ReservedConcurrentExecutions;
    if (current === reserved) continue;
    await clients.lambda.send(
      new PutFunctionConcurrencyCommand({
        FunctionName: functionName,
        ReservedConcurrentExecutions: reserved,
      }),
    );
    done.push(`${functionName}: reserved concurrency ${reserved}`);
  }
  // Last, once the concurrency is set: as many workers as it allows, so none starts cold under a burst.
  for (const { functionName, workers } of request.warm ?? []) {
    done.push(`${functionName}: ${await warm(clients.lambda, functionName, Number(workers))} workers warmed`);
  }
  return done;
}

/**
 * Orders calls payments synchronously with a 2 s deadline, and on the emulator a payments worker that starts cold
 * during a burst (a Node process spawned and its bundle loaded, on cores the burst is using) can take longer: the
 * order would be a 503 PAYMENT_UNAVAILABLE. So this calls payments `workers` times at once with a request whose
 * deadline has passed: payments reads its mode, charges nothing and answers `expired`. MiniStack keeps the first
 * worker warm for good and the others for LAMBDA_WARM_TTL_SECONDS (300 s). On AWS, provisioned concurrency would
 * do this; the AWS stack has no such step. A warm-up that fails fails nothing: the first orders start payments cold.
 */
async function warm(lambda: FixupClients['lambda'], functionName: string, workers: number): Promise<number> {
  const request: ChargeRequest = {
    operation: 'charge',
    orderId: 'deploy-warm-up',
    attempt: 1,
    userId: 'deploy-warm-up',
    amountCents: 0,
    correlationId: 'deploy-warm-up',
    notAfter: '2000-01-01T00:00:00.000Z',
  };
  const answers = await Promise.allSettled(
    Array.from({ length: Math.max(1, workers) }, () =>
      lambda.send(new InvokeCommand({ FunctionName: functionName, Payload: JSON.stringify(request) })),
    ),
  );
  return answers.filter(
    (a) =>
      a.status === 'fulfilled' &&
      Buffer.from(a.value.Payload ?? [])
        .toString('utf8')
        .includes('"expired"'),
  ).length;
}
