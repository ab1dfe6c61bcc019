import { randomUUID } from 'node:crypto';
import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { interactionCompleted, interactionMissed } from '../../events/pet-game';
import { dayKeyOf } from '../../shared/time';
import type { HistoryView, PetView } from '../support/pet-views';
import {
  eventually,
  newPlayer,
  outputs,
  type Player,
  publish,
  putUncheckedEvent,
  queueDepth,
  queuesSettled,
  sqs,
} from '../support/platform';

jest.setTimeout(120_000);

const completed = (player: Player, dayKey: string, templateId: string, at = `${dayKey}T10:00:00.000Z`) => ({
  eventId: `completed#${player.userId}#${dayKey}#${templateId}`,
  correlationId: `test-${randomUUID()}`,
  userId: player.userId,
  templateId,
  completedAt: at,
  dayKey,
  hpDelta: 5,
  xpReward: 10,
});
const missed = (player: Player, dayKey: string) => ({
  eventId: `missed#${player.userId}#${dayKey}`,
  correlationId: `test-${randomUUID()}`,
  userId: player.userId,
  dayKey,
  detectedAt: new Date().toISOString(),
});
const pet = async (player: Player) => (await player.api.get<PetView>('/pets/me')).body;
const historyIds = async (player: Player) =>
  (await player.api.get<HistoryView>('/pets/me/history')).body.history.map((e) => e.eventId);

describe('the pets consumer applies each event once, in the order things happened', () => {
  test('the same event delivered three times changes the pet once', async () => {
    const player = await newPlayer();
    const event = completed(player, dayKeyOf(new Date()), 'drink_water');
    await publish(interactionCompleted, [event, event, event]);
    await publish(interactionCompleted, event);
    await eventually(async () => (await pet(player)).xp > 0, { what: 'the event applied' });
    await queuesSettled([outputs.PetsQueueUrl]); // the copies are handled by now
    expect(await pet(player)).toMatchObject({ xp: 10, streak: 1 });
    expect(await historyIds(player)).toEqual([event.eventId]);
  });

  test('events that arrive in reverse order leave the pet as if they had arrived in order', async () => {
    const player = await newPlayer();
    // In order: HP 100→100→90→95→100, streak 1→0→1→2. Applied naively in arrival order it ends at HP 95, streak 0.
    const inOrder = [
      { definition: interactionCompleted, detail: completed(player, '2026-01-01', 'drink_water') },
      { definition: interactionMissed, detail: missed(player, '2026-01-02') },
      { definition: interactionCompleted, detail: completed(player, '2026-01-03', 'study_25m') },
      { definition: interactionCompleted, detail: completed(player, '2026-01-04', 'play_10m') },
    ] as const;
    for (const [index, { definition, detail }] of [...inOrder].reverse().entries()) {
      await publish(definition as typeof interactionCompleted, detail as ReturnType<typeof completed>);
      await eventually(async () => (await historyIds(player)).length === index + 1, {
        what: `arrival ${index + 1}`,
      });
    }
    expect(await pet(player)).toMatchObject({
      hp: 100,
      xp: 30,
      level: 1,
      mood: 5,
      streak: 2,
      lastActiveDay: '2026-01-04',
    });
  });

  test('twenty events for one pet handled concurrently, with a rename in between, lose no update', async () => {
    const player = await newPlayer();
    await pet(player);
    const day = dayKeyOf(new Date());
    const events = Array.from({ length: 20 }, (_, i) => completed(player, day, `concurrent_${i}`));
    await Promise.all([
      publish(interactionCompleted, events.slice(0, 10)),
      publish(interactionCompleted, events.slice(10)),
      player.api.patch('/pets/me', { name: 'Pixel' }),
    ]);
    const final = await eventually(async () => ((await pet(player)).xp === 200 ? pet(player) : undefined), {
      what: 'all twenty applied',
      timeoutMs: 60_000,
    });
    expect(final).toMatchObject({ name: 'Pixel', xp: 200, level: 3, hp: 100, streak: 1 });
    expect(new Set(await historyIds(player)).size).toBe(20);
  });
});

describe('a message the pets consumer cannot process ends in its DLQ', () => {
  const dlqUrl = outputs.PetsDlqUrl;

  // No shortcut on the queue: the deployed queue dead-letters after 10 tries over 7–14 minutes of backoff; a
  // message that breaks its contract never mends, so the consumer puts it in the DLQ on its first receive.
  test('an event that breaks its contract is dead-lettered at once with the reason; its batch-mates are applied', async () => {
    const player = await newPlayer();
    await pet(player);
    const poisonId = `poison-${randomUUID()}`;
    const good = completed(player, dayKeyOf(new Date()), 'drink_water');
    await Promise.all([
      putUncheckedEvent(interactionCompleted.source, interactionCompleted.detailType, {
        eventId: poisonId,
        userId: player.userId,
        templateId: 'drink_water',
        hpDelta: 'lots',
      }),
      publish(interactionCompleted, good),
    ]);

    await eventually(async () => (await pet(player)).xp === 10, { what: 'the good event applied' });
    const deadLettered = await eventually(
      async () => {
        const received = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: dlqUrl,
            MaxNumberOfMessages: 10,
            VisibilityTimeout: 1,
            MessageSystemAttributeNames: ['ApproximateReceiveCount'],
            MessageAttributeNames: ['All'],
          }),
        );
        return received.Messages?.find(
          (m) => (JSON.parse(m.Body ?? '{}').detail?.eventId as string) === poisonId,
        );
      },
      { what: 'the poison message in the DLQ', timeoutMs: 20_000, intervalMs: 500 },
    );
    expect(deadLettered.MessageAttributes?.deadLetterReason?.StringValue).toMatch(/breaks its contract/);
    // What the DLQ-depth alarm's metric (ApproximateNumberOfMessagesVisible) reads on AWS.
    expect((await queueDepth(dlqUrl)).visible + (await queueDepth(dlqUrl)).inFlight).toBeGreaterThanOrEqual(
      1,
    );
    expect(await pet(player)).toMatchObject({ xp: 10 });
    await sqs.send(
      new DeleteMessageCommand({ QueueUrl: dlqUrl, ReceiptHandle: deadLettered.ReceiptHandle! }),
    );
  });
});
