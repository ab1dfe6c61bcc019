import type { PetAdopted } from '../../../events/pet-game';
import type { InteractionsStore } from '../ports';

/** A player got a pet: from that day on the missed-day job judges them. Idempotent: the first day stays. */
export async function recordAdoption(
  deps: { store: InteractionsStore },
  adopted: Pick<PetAdopted, 'userId' | 'dayKey'>,
) {
  await deps.store.addToRoster({ userId: adopted.userId, adoptedDay: adopted.dayKey });
}
