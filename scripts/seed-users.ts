/* Creates the demo users (npm run seed-users). Running it again changes nothing. */
import { DEMO_USERS, ensureUser } from './lib/users';

(async () => {
  for (const user of DEMO_USERS) {
    await ensureUser(user);
    console.log(
      `  user ${user.username.padEnd(6)} password ${user.password}  groups ${user.groups.join(', ')}`,
    );
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
