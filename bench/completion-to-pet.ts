/**
 * Completion to pet: from the 201 of POST /interactions/complete to the pet's new state being visible through
 * GET /pets/me, polled every 25 ms. The path: the completion function puts interaction.completed on the bus, a
 * rule delivers it to the pets queue, the emulator's event source mapping invokes the pets consumer, which
 * writes the pet. Sequential, with a random 0-1000 ms pause between completions so the measurement does not
 * lock step with the emulator's SQS poller (it waits up to ~1 s between passes when it finds nothing, and is
 * woken early when a queue receives a message).
 *   npx tsx bench/completion-to-pet.ts
 */
import { INTERACTION_TEMPLATES } from '../functions/interactions/domain/templates';
import { createUsers, expectStatus, printTable, runPool, sleep, summarize, writeResults } from './lib';

const COMPLETIONS = Number(process.env.BENCH_COMPLETIONS ?? 40);
const POLL_MS = 25;
const TIMEOUT_PER_COMPLETION_MS = 15_000;
const DEADLINE_MS = 180_000;

interface PetBody {
  hp: number;
  xp: number;
  level: number;
  mood: number;
  streak: number;
  updatedAt: string;
}

const stateOf = (pet: PetBody) =>
  JSON.stringify([pet.hp, pet.xp, pet.level, pet.mood, pet.streak, pet.updatedAt]);

async function main() {
  const started = Date.now();
  const templates = INTERACTION_TEMPLATES.length;
  const userCount = Math.ceil(COMPLETIONS / templates);
  console.log(`completion-to-pet: creating ${userCount} players`);
  const users = await createUsers(userCount, 'bench-e2e');
  await runPool(users, 4, async (user) => {
    const r = await user.api.get('/pets/me');
    expectStatus('GET /pets/me (adoption)', r.status, 200, r.body);
  });

  // Spread over users: user 0 template 0, user 1 template 0, ..., then template 1, and so on.
  const plan = Array.from({ length: COMPLETIONS }, (_, i) => ({
    user: users[i % userCount]!,
    templateId: INTERACTION_TEMPLATES[Math.floor(i / userCount) % templates]!.id,
  }));

  const latencies: number[] = [];
  const polls: number[] = [];
  const pollMs: number[] = [];
  const completionMs: number[] = [];
  const fromRequest: number[] = [];
  const serverSide: number[] = [];
  let firstPoll = 0;
  let timeouts = 0;
  const deadline = Date.now() + DEADLINE_MS;
  for (const [i, { user, templateId }] of plan.entries()) {
    if (Date.now() > deadline) break;
    await sleep(Math.random() * 1000);
    const before = await user.api.get<PetBody>('/pets/me');
    expectStatus('GET /pets/me', before.status, 200, before.body);
    const baseline = stateOf(before.body);

    const sent = performance.now();
    const completed = await user.api.post<{ completedAt: string }>('/interactions/complete', { templateId });
    expectStatus('POST /interactions/complete', completed.status, 201, completed.body);
    const t0 = performance.now();
    completionMs.push(completed.ms);
    let seen: number | undefined;
    let count = 0;
    while (performance.now() - t0 < TIMEOUT_PER_COMPLETION_MS) {
      const pet = await user.api.get<PetBody>('/pets/me');
      count++;
      pollMs.push(pet.ms);
      if (pet.status === 200 && stateOf(pet.body) !== baseline) {
        seen = performance.now() - t0;
        fromRequest.push(performance.now() - sent);
        // Both stamps come from the functions' clocks (the same host here): handler start to pet written.
        serverSide.push(Date.parse(pet.body.updatedAt) - Date.parse(completed.body.completedAt));
        if (count === 1) firstPoll++;
        break;
      }
      await sleep(POLL_MS);
    }
    if (seen === undefined) {
      timeouts++;
      console.warn(`completion ${i}: the pet did not change within ${TIMEOUT_PER_COMPLETION_MS} ms`);
    } else {
      latencies.push(seen);
      polls.push(count);
    }
  }

  const e2e = summarize(latencies);
  const poll = summarize(pollMs);
  printTable([
    { what: 'completion 201 -> pet visible', ...e2e },
    { what: 'POST sent -> pet visible', ...summarize(fromRequest) },
    { what: 'completedAt -> pet updatedAt (server clocks)', ...summarize(serverSide) },
    { what: 'GET /pets/me (each poll)', ...poll },
    { what: 'POST /interactions/complete', ...summarize(completionMs) },
  ]);
  console.log(
    `completion-to-pet: ${timeouts} timeouts; ${firstPoll} of ${latencies.length} visible at the first poll; ` +
      `polls per completion p50 ${summarize(polls).p50}`,
  );
  writeResults('completionToPet', {
    completions: latencies.length + timeouts,
    users: userCount,
    pollIntervalMs: POLL_MS,
    timeouts,
    unit: 'ms from the 201 to the first GET /pets/me response showing the new state',
    completionToPetVisible: e2e,
    visibleAtFirstPoll: firstPoll,
    requestSentToPetVisible: summarize(fromRequest),
    serverCompletedAtToPetUpdatedAt: summarize(serverSide),
    pollsPerCompletion: summarize(polls),
    getPetsMePerPoll: poll,
    postCompleteLatency: summarize(completionMs),
    totalSeconds: Math.round((Date.now() - started) / 1000),
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
