import { type Completion, decideCompletion } from '../domain/completion';
import type { InteractionsStore } from '../ports';

export type CompleteInteractionResult =
  | { outcome: 'completed'; completion: Completion }
  | { outcome: 'unknown-template'; templateId: string }
  | { outcome: 'already-completed'; dayKey: string; existing?: Completion };

/**
 * A player completes a template today: decide, then save the completion with its interaction.completed in one
 * transaction. The relay publishes the event, so a bus outage or a UTC midnight between the two loses nothing.
 */
export async function completeInteraction(
  deps: { store: InteractionsStore; now: () => Date },
  input: { userId: string; templateId: string; correlationId: string },
): Promise<CompleteInteractionResult> {
  const now = deps.now();
  const decision = decideCompletion({ ...input, now });
  if (decision.outcome === 'unknown-template') return decision;
  const recorded = await deps.store.recordCompletion(decision.completion, decision.events, now);
  if (recorded === 'duplicate') {
    const { dayKey } = decision.completion;
    const existing = await deps.store.getCompletion(input.userId, dayKey, input.templateId);
    return { outcome: 'already-completed', dayKey, existing };
  }
  return { outcome: 'completed', completion: decision.completion };
}
