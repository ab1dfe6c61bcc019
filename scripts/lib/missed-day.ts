import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoMissedDayRuns } from '../../functions/interactions/adapters/dynamodb-missed-day-runs';
import type { MissedDayRunReport } from '../../functions/interactions/domain/missed-day-run';
import { getMissedDayRun } from '../../functions/interactions/use-cases/get-missed-day-run';
import { eventually } from './eventually';
import { clientConfig, loadOutputs, type StackOutputs } from './target';

/** A finished run's totals, as `npm run missed-day`, the demo, the tests and the benches read them. */
export interface MissedDayReport extends MissedDayRunReport {
  outcome: 'judged';
  /** The pages the roster was cut into (each judged by an invocation of its own). */
  rosterPages: number;
  /** Whether starting it resumed the day's unfinished run. */
  resumed: boolean;
}

/** Starts a run for a day as the daily schedule does (the job function) and answers its id at once. */
export async function startMissedDay(
  day: string,
  outputs: StackOutputs = loadOutputs(),
): Promise<MissedDayRunReport & { resumed: boolean }> {
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
  return JSON.parse(text) as MissedDayRunReport & { resumed: boolean };
}

/** A run's progress, read from the interactions table as `GET /admin/missed-day-runs/{runId}` reads it. */
export async function missedDayRun(
  runId: string,
  outputs: StackOutputs = loadOutputs(),
): Promise<MissedDayRunReport | undefined> {
  const db = DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig()));
  return getMissedDayRun(
    { runs: new DynamoMissedDayRuns(db, outputs.InteractionsTableName), now: () => new Date() },
    runId,
  );
}

/**
 * Runs the missed-day job for a day as the daily schedule would: starts a run (or resumes the day's unfinished
 * one), waits until every page has been judged, and resolves with the run's totals.
 */
export async function runMissedDay(
  day: string,
  outputs: StackOutputs = loadOutputs(),
  options: { timeoutMs?: number; onProgress?: (run: MissedDayRunReport) => void } = {},
): Promise<MissedDayReport> {
  const started = await startMissedDay(day, outputs);
  const finished = await eventually(
    async () => {
      const run = await missedDayRun(started.runId, outputs);
      if (run) options.onProgress?.(run);
      return run?.status === 'finished' ? run : undefined;
    },
    {
      timeoutMs: options.timeoutMs ?? 600_000,
      intervalMs: 500,
      what: `missed-day run ${started.runId} to finish`,
    },
  );
  return { ...finished, outcome: 'judged', rosterPages: finished.pagesTotal ?? 0, resumed: started.resumed };
}
