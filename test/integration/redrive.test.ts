import { randomUUID } from 'node:crypto';
import { GetQueueAttributesCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { interactionCompleted } from '../../events/pet-game';
import { redrive, supportsMoveTasks } from '../../scripts/lib/redrive';
import { dayKeyOf } from '../../shared/time';
import type { HistoryView, PetView } from '../support/pet-views';
import { eventually, newPlayer, outputs, queueDepth, queuesSettled, sqs } from '../support/platform';

jest.setTimeout(90_000);

describe('redriving the pets DLQ', () => {
  test('moves dead-lettered events back; the pet takes them in once, even a message dead-lettered twice', async () => {
    const player = await newPlayer();
    await player.api.get('/pets/me');
    const day = dayKeyOf(new Date());
    const detail = interactionCompleted.schema.parse({
      eventId: `completed#${player.userId}#${day}#redriven`,
      correlationId: `test-${randomUUID()}`,
      userId: player.userId,
      templateId: 'redriven',
      completedAt: new Date().toISOString(),
      dayKey: day,
      hpDelta: 5,
      xpReward: 10,
      schemaVersion: 1,
    });
    // What the bus delivered before the consumer failed on it, twice (a duplicate delivery that also failed).
    const envelope = JSON.stringify({
      version: '0',
      id: randomUUID(),
      source: interactionCompleted.source,
      'detail-type': interactionCompleted.detailType,
      time: new Date().toISOString(),
      detail,
    });
    for (let copy = 0; copy < 2; copy++) {
      await sqs.send(new SendMessageCommand({ QueueUrl: outputs.PetsDlqUrl, MessageBody: envelope }));
    }
    expect((await queueDepth(outputs.PetsDlqUrl)).visible).toBeGreaterThanOrEqual(2);

    const result = await redrive(sqs, { dlqUrl: outputs.PetsDlqUrl, queueUrl: outputs.PetsQueueUrl });

    expect(result.moved).toBe(result.found);
    expect(result.moved).toBeGreaterThanOrEqual(2);
    const dlqArn = (
      await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: outputs.PetsDlqUrl, AttributeNames: ['QueueArn'] }),
      )
    ).Attributes!.QueueArn!;
    // The method is the one the target says it supports, not one picked by the target's name.
    expect(result.method).toBe(
      (await supportsMoveTasks(sqs, dlqArn)) ? 'StartMessageMoveTask' : 'receive-send-delete',
    );
    await eventually(async () => (await player.api.get<PetView>('/pets/me')).body.xp === 10, {
      what: 'the redriven event applied',
    });
    await queuesSettled([outputs.PetsQueueUrl]);
    const history = (await player.api.get<HistoryView>('/pets/me/history')).body.history;
    expect(history.filter((e) => e.eventId === detail.eventId)).toHaveLength(1);
    expect((await player.api.get<PetView>('/pets/me')).body.xp).toBe(10);
  });

  test('an empty DLQ is reported as nothing to redrive', async () => {
    const result = await redrive(sqs, { dlqUrl: outputs.RosterDlqUrl, queueUrl: outputs.RosterQueueUrl });
    expect(result).toEqual({ method: 'receive-send-delete', moved: 0, found: 0 });
  });
});
