import { interactionCompleted, interactionMissed, orderPlaced } from '../../../../events';
import { outgoing } from '../../../../events/define-event';
import {
  isOutboxKey,
  OUTBOX_RETENTION_SECONDS,
  OUTBOX_SHARDS,
  outboxItem,
  outboxPuts,
  outboxShard,
} from '../../../../shared/messaging/outbox';

const NOW = new Date('2026-11-22T08:15:00.000Z');
const { schemaVersion: _v, ...completed } = interactionCompleted.example;

describe('outboxItem', () => {
  test('keys the item by its event id and carries the contract-checked detail as JSON', () => {
    const item = outboxItem(outgoing(interactionCompleted, completed), NOW);

    expect(item).toMatchObject({
      pk: `OUTBOX#${completed.eventId}`,
      sk: 'OUTBOX',
      eventId: completed.eventId,
      source: interactionCompleted.source,
      detailType: 'interaction.completed',
      outboxCreatedAt: NOW.toISOString(),
    });
    expect(JSON.parse(item.detail)).toEqual({ ...completed, schemaVersion: interactionCompleted.version });
  });

  test('expires a week after it was written', () => {
    const item = outboxItem(outgoing(interactionCompleted, completed), NOW);

    expect(item.expiration).toBe(NOW.getTime() / 1000 + OUTBOX_RETENTION_SECONDS);
  });

  test('refuses an event that breaks its contract, so nothing is saved', () => {
    const broken = outgoing(interactionCompleted, { ...completed, hpDelta: 'a lot' as unknown as number });

    expect(() => outboxItem(broken, NOW)).toThrow(/interaction.completed does not match its contract/);
  });

  test('puts the same event in the same shard every time, and the shards are spread', () => {
    const shards = new Set(Array.from({ length: 200 }, (_, i) => outboxShard(`evt-${i}`)));

    expect(outboxShard('evt-1')).toBe(outboxShard('evt-1'));
    expect(shards.size).toBe(OUTBOX_SHARDS);
  });
});

describe('outboxPuts', () => {
  test('gives one unconditional put per event, in the order the decision gave them, into the named table', () => {
    const { schemaVersion: _m, ...missed } = interactionMissed.example;
    const { schemaVersion: _p, ...placed } = orderPlaced.example;

    const puts = outboxPuts(
      'table-1',
      [outgoing(interactionMissed, missed), outgoing(orderPlaced, placed)],
      NOW,
    );

    expect(puts.map((p) => [p.Put.TableName, p.Put.Item.detailType])).toEqual([
      ['table-1', 'interaction.missed'],
      ['table-1', 'order.placed'],
    ]);
    expect(puts.every((p) => !('ConditionExpression' in p.Put))).toBe(true);
  });
});

describe('isOutboxKey', () => {
  test('tells outbox items from the state beside them', () => {
    expect([isOutboxKey('OUTBOX#e-1'), isOutboxKey('USER#u-1'), isOutboxKey(undefined)]).toEqual([
      true,
      false,
      false,
    ]);
  });
});
