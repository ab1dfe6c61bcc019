import {
  allEvents,
  eventPattern,
  interactionCompleted,
  interactionMissed,
  petAdopted,
} from '../../../events';

const byName = allEvents.map((definition) => [definition.detailType, definition] as const);

describe('every event contract', () => {
  test.each(byName)('%s: its example honours its schema', (_name, definition) => {
    const result = definition.schema.safeParse(definition.example);

    expect(result.success).toBe(true);
  });

  test.each(byName)('%s: its example carries the schemaVersion of the contract', (_name, definition) => {
    expect(definition.example.schemaVersion).toBe(definition.version);
  });

  test.each(byName)('%s: a detail with an extra field is refused', (_name, definition) => {
    const result = definition.schema.safeParse({ ...definition.example, sneaky: true });

    expect(result.success).toBe(false);
  });

  test.each(byName)('%s: a detail of another schemaVersion is refused', (_name, definition) => {
    const result = definition.schema.safeParse({
      ...definition.example,
      schemaVersion: definition.version + 1,
    });

    expect(result.success).toBe(false);
  });

  test.each(byName)('%s: a detail without a schemaVersion is refused', (_name, definition) => {
    const { schemaVersion: _dropped, ...withoutVersion } = definition.example;

    const result = definition.schema.safeParse(withoutVersion);

    expect(result.success).toBe(false);
  });

  test.each(byName)('%s: a detail without an event id is refused', (_name, definition) => {
    const result = definition.schema.safeParse({ ...definition.example, eventId: '' });

    expect(result.success).toBe(false);
  });
});

describe('the pet game events', () => {
  test('are all in the registry, each once', () => {
    const detailTypes = allEvents.map((d) => d.detailType);
    expect(detailTypes).toEqual(
      expect.arrayContaining(['interaction.completed', 'interaction.missed', 'pet.adopted']),
    );
    expect(new Set(detailTypes).size).toBe(detailTypes.length);
  });

  test('come from the service that owns them', () => {
    expect([interactionCompleted, interactionMissed, petAdopted].map((d) => d.source)).toEqual([
      'petgame.interactions',
      'petgame.interactions',
      'petgame.pets',
    ]);
  });

  test('refuse a day key that is not YYYY-MM-DD', () => {
    const result = interactionMissed.schema.safeParse({ ...interactionMissed.example, dayKey: '2026-11-2' });

    expect(result.success).toBe(false);
  });

  test('refuse a completion time that is not an ISO timestamp', () => {
    const result = interactionCompleted.schema.safeParse({
      ...interactionCompleted.example,
      completedAt: 'yesterday',
    });

    expect(result.success).toBe(false);
  });

  test('refuse a negative HP reward', () => {
    const result = interactionCompleted.schema.safeParse({ ...interactionCompleted.example, hpDelta: -5 });

    expect(result.success).toBe(false);
  });

  test('refuse a fractional XP reward', () => {
    const result = interactionCompleted.schema.safeParse({ ...interactionCompleted.example, xpReward: 2.5 });

    expect(result.success).toBe(false);
  });
});

describe('eventPattern', () => {
  test('matches exactly one event by its source and detail type', () => {
    expect(eventPattern(petAdopted)).toEqual({ source: ['petgame.pets'], detailType: ['pet.adopted'] });
  });

  test('lists a source shared by several events once', () => {
    expect(eventPattern(interactionCompleted, interactionMissed)).toEqual({
      source: ['petgame.interactions'],
      detailType: ['interaction.completed', 'interaction.missed'],
    });
  });

  test('matches events of several sources', () => {
    const pattern = eventPattern(interactionCompleted, interactionMissed, petAdopted);

    expect({ source: [...pattern.source].sort(), detailType: [...pattern.detailType].sort() }).toEqual({
      source: ['petgame.interactions', 'petgame.pets'],
      detailType: ['interaction.completed', 'interaction.missed', 'pet.adopted'],
    });
  });
});
