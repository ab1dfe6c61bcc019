import type { OutgoingEvent } from '../../../events/define-event';
import { orderKey, type Pet, type PetEvent } from '../../../functions/pets/domain/pet';
import type { PetRepository, SaveOutcome } from '../../../functions/pets/ports';
import { checkedDetail } from '../../../shared/messaging/outbox';

/**
 * The pet repository in memory, with the DynamoDB adapter's guarantees: adoption only where no pet exists, an
 * event applied at most once, a state written only over the version it was computed from. Every call yields to
 * the event loop first, so concurrent use cases interleave as they would against the table.
 */
export class InMemoryPetRepository implements PetRepository {
  readonly petsByUser = new Map<string, Pet>();
  readonly applied = new Map<string, PetEvent>();
  /** Every event put in the outbox, in order, each checked against its contract as the adapter does. */
  readonly outbox: { eventId: string; detailType: string; detail: Record<string, unknown> }[] = [];

  async get(userId: string): Promise<Pet | undefined> {
    await Promise.resolve();
    const pet = this.petsByUser.get(userId);
    return pet ? { ...pet } : undefined;
  }

  async adopt(pet: Pet, events: readonly OutgoingEvent[], _now: Date): Promise<'adopted' | 'exists'> {
    await Promise.resolve();
    if (this.petsByUser.has(pet.userId)) return 'exists';
    const checked = events.map((event) => ({
      detailType: event.definition.detailType,
      detail: checkedDetail(event.definition, event.detail),
    }));
    this.petsByUser.set(pet.userId, { ...pet });
    for (const { detailType, detail } of checked) {
      this.outbox.push({ eventId: String(detail.eventId), detailType, detail });
    }
    return 'adopted';
  }

  async rename(userId: string, name: string, now: Date): Promise<Pet> {
    await Promise.resolve();
    const pet = this.petsByUser.get(userId);
    if (!pet) throw new Error(`no pet for ${userId}`);
    const renamed = { ...pet, name, updatedAt: now.toISOString(), version: pet.version + 1 };
    this.petsByUser.set(userId, renamed);
    return { ...renamed };
  }

  async events(userId: string): Promise<PetEvent[]> {
    await Promise.resolve();
    return [...this.applied.entries()]
      .filter(([key]) => key.startsWith(`${userId}|`))
      .map(([, event]) => event);
  }

  async saveApplied(before: Pet, after: Pet, event: PetEvent, now: Date): Promise<SaveOutcome> {
    await Promise.resolve();
    const key = `${before.userId}|${orderKey(event)}`;
    if (this.applied.has(key)) return 'duplicate';
    if (this.petsByUser.get(before.userId)?.version !== before.version) return 'conflict';
    this.applied.set(key, event);
    this.petsByUser.set(before.userId, {
      ...after,
      version: before.version + 1,
      updatedAt: now.toISOString(),
    });
    return 'applied';
  }
}
