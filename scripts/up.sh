#!/usr/bin/env bash
# One command from a fresh clone (npm run up): installs what is missing, starts (and bootstraps) the emulator,
# deploys, creates the demo users and runs the pet-game demo. Run it again at any time: every step is idempotent.
# It checks the machine first (scripts/doctor.sh). On a host Node older than package.json's engines it runs the
# tooling on the project's own Node (.nvmrc, installed into .tools/), and says so.
#   EMULATOR=localstack npm run up   # LocalStack instead (needs Docker and LOCALSTACK_AUTH_TOKEN)
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$REPO_ROOT"
source scripts/lib/target-env.sh
source scripts/lib/node-runtime.sh
echo "== 0/5 preflight (npm run doctor)"
bash scripts/doctor.sh
node_runtime_for_tooling
echo "== 1/5 installing what is missing"
bash scripts/install.sh
echo "== 2/5 starting the emulator ($EMULATOR on :$EMULATOR_PORT) and bootstrapping the CDK"
bash scripts/emulator.sh start
echo "== 3/5 deploy (the bare cdklocal deploy, plus the outputs file)"
bash scripts/deploy.sh
echo "== 4/5 demo users"
npx tsx scripts/seed-users.ts
echo "== 5/5 the pet-game demo"
npx tsx scripts/demo-pet-game.ts
echo
echo "The web console: $(npx tsx scripts/console-url.ts) (sign in as alice / Alice-Passw0rd!)"
echo "The platform keeps running on $AWS_ENDPOINT_URL. Stop it with: npm run emulator -- stop"
