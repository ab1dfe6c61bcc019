import { SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { EventDefinition, EventInput } from '../../../events/define-event';
import { missedDayPageDue, missedDayPlanDue } from '../../../events/missed-day';
import { inLanes } from '../../../shared/in-lanes';
import { checkedDetail } from '../../../shared/messaging/outbox';
import { pageMessageId, planMessageId, runCorrelationId } from '../domain/missed-day-run';
import type { MissedDayWork } from '../ports';

/** In the bus's envelope, so that the shared event consumer reads it like any event. */
function body<D extends EventDefinition>(definition: D, detail: EventInput<D>): string {
  return JSON.stringify({
    source: definition.source,
    'detail-type': definition.detailType,
    time: new Date().toISOString(),
    detail: checkedDetail(definition, detail),
  });
}

/** The run's private queue: plan-due and page-due messages, consumed by handlers/work-missed-day-run.ts. */
export function createMissedDayWork(queueUrl: string, sqs: SQSClient = new SQSClient({})): MissedDayWork {
  return {
    async plan(run) {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: queueUrl,
          MessageBody: body(missedDayPlanDue, {
            eventId: planMessageId(run.runId),
            correlationId: runCorrelationId(run.runId),
            runId: run.runId,
            dayKey: run.dayKey,
          }),
        }),
      );
    },
    async judge(run, pages) {
      const entries = pages.map((page) => ({
        Id: String(page.page),
        MessageBody: body(missedDayPageDue, {
          eventId: pageMessageId(run.runId, page.page),
          correlationId: runCorrelationId(run.runId),
          runId: run.runId,
          dayKey: run.dayKey,
          ...page,
        }),
      }));
      const batches: (typeof entries)[] = [];
      for (let i = 0; i < entries.length; i += 10) batches.push(entries.slice(i, i + 10));
      await inLanes(batches, 4, async (batch) => {
        let pending = batch;
        for (let round = 0; pending.length > 0; round++) {
          if (round >= 5) throw new Error(`${pending.length} page messages could not be sent`);
          const result = await sqs.send(
            new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: pending }),
          );
          const failed = new Set((result.Failed ?? []).map((f) => f.Id));
          pending = pending.filter((entry) => failed.has(entry.Id));
        }
      });
    },
  };
}
