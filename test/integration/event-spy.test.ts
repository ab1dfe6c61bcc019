import { interactionCompleted } from '../../events';
import { type EventSpy, eventSpy } from '../support/event-spy';
import { newPlayer } from '../support/platform';

jest.setTimeout(60_000);

describe('what the interactions service publishes', () => {
  let spy: EventSpy;

  beforeAll(async () => {
    spy = await eventSpy();
  });

  afterAll(async () => {
    await spy?.dispose();
  });

  test('completing an interaction puts an interaction.completed for that player and template on the bus', async () => {
    const player = await newPlayer();

    const response = await player.api.post('/interactions/complete', { templateId: 'drink_water' });

    expect(response.status).toBe(201);
    const event = await spy.waitFor(
      interactionCompleted,
      (detail) => detail.userId === player.userId,
      20_000,
    );
    expect(event).toMatchObject({ userId: player.userId, templateId: 'drink_water' });
    const fromThisPlayer = (await spy.published(interactionCompleted)).filter(
      (d) => d.userId === player.userId,
    );
    expect(fromThisPlayer.map((d) => d.eventId)).toContain(event.eventId);
  });
});
