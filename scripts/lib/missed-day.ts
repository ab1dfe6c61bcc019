import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { MissedDayReport } from '../../functions/interactions/use-cases/run-missed-day';
import { clientConfig, loadOutputs, type StackOutputs } from './target';

/** Runs the deployed missed-day job for a day, as the daily schedule would, and returns its report. */
export async function runMissedDay(
  day: string,
  outputs: StackOutputs = loadOutputs(),
): Promise<MissedDayReport> {
  const lambda = new LambdaClient(clientConfig());
  const result = await lambda.send(
    new InvokeCommand({
      FunctionName: outputs.MissedDayJobFunctionName,
      InvocationType: 'RequestResponse',
      Payload: Buffer.from(JSON.stringify({ day })),
    }),
  );
  const text = Buffer.from(result.Payload ?? new Uint8Array()).toString('utf8');
  if (result.FunctionError) throw new Error(`The missed-day job failed: ${text}`);
  return JSON.parse(text) as MissedDayReport;
}
