/*
 * Creates the demo users (npm run seed-users [-- --admin NAME --staff NAME --organizer NAME]). On an emulator
 * they get the README's fixed passwords; on AWS random ones, printed here once (scripts/lib/seed-plan.ts).
 */
import { parseSeedArgs, randomPassword, seedPlan } from './lib/seed-plan';
import { currentTarget } from './lib/target';
import { ensureUser } from './lib/users';

(async () => {
  const plan = seedPlan(currentTarget().kind, parseSeedArgs(process.argv.slice(2)), randomPassword);
  for (const user of plan.users) {
    await ensureUser(user);
    console.log(
      `  user ${user.username.padEnd(9)} password ${user.password}  groups ${user.groups.join(', ')}`,
    );
  }
  if (plan.randomPasswords) {
    console.log('  These passwords are shown once and stored nowhere; running this again sets new ones.');
    const players = plan.users.filter((u) => u.username === 'alice' || u.username === 'bob');
    console.log(
      `  For npm run demo: export ${players.map((u) => `PASSWORD_${u.username.toUpperCase()}='${u.password}'`).join(' ')}`,
    );
  }
})().catch((error) => {
  console.error((error as Error).message);
  process.exit(1);
});
