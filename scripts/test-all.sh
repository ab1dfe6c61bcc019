#!/usr/bin/env bash
# The whole test suite (npm run test:all): unit tests, then integration, end-to-end and browser tests and last the
# schema fuzzing of every route, against an emulator that this script starts on a port of its own with fresh state,
# deploys to, and stops at the end, so a running demo on :4566 is never touched and nothing depends on what an
# earlier run left behind.
# Prints a last line "N passed, N failed".
#   TEST_EMULATOR_PORT=4577 (default)   EMULATOR=localstack to run against LocalStack instead
set -uo pipefail
REPO_ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$REPO_ROOT"
export EMULATOR_PORT="${TEST_EMULATOR_PORT:-4577}"
export EMULATOR_HOME="$REPO_ROOT/.emulator/test-$EMULATOR_PORT"
source scripts/lib/target-env.sh
# On a host Node older than package.json's engines, the tooling runs on the project's own Node (it says so).
source scripts/lib/node-runtime.sh
node_runtime_for_tooling || exit 1
results="$EMULATOR_HOME/jest-results"
mkdir -p "$results"
rm -f "$results"/*.json

bash scripts/install.sh || exit 1

stop_emulator() { bash scripts/emulator.sh stop >/dev/null 2>&1 || true; }
trap stop_emulator EXIT

echo "== unit tests"
npx jest --selectProjects unit --json --outputFile="$results/unit.json" 2>&1 | tail -5

echo "== emulator on :$EMULATOR_PORT with fresh state, and deploy"
bash scripts/emulator.sh stop >/dev/null 2>&1 || true
rm -rf "$EMULATOR_HOME/state" "$OUTPUTS_FILE"
if bash scripts/emulator.sh start && bash scripts/deploy.sh \
  && npx tsx scripts/kitchen.ts prep 0 0 && npx tsx scripts/delivery.ts travel 0; then
  # The demo cooks for 5-10 s and drives for seconds; tests run the same code with near-zero times.
  echo "== integration and end-to-end tests"
  npx jest --selectProjects integration e2e --runInBand --verbose --json --outputFile="$results/emulator.json" 2>&1 \
    | grep -vE '^\s*$' | grep -E '✓|✕|○|●|Tests:|Test Suites:|Expected|Received|Error|at .*test\.ts' | head -400
  echo "== browser tests (the web console in headless Chromium; screenshots in $EMULATOR_HOME/screenshots)"
  if bash scripts/install-browser.sh; then
    npx jest --selectProjects browser --runInBand --verbose --json --outputFile="$results/browser.json" 2>&1 \
      | grep -vE '^\s*$' | grep -E '✓|✕|○|●|Tests:|Test Suites:|Expected|Received|Error|at .*test\.ts' | head -200
  else
    echo "Chromium could not be installed: the browser tests could not run."
    echo '{"numPassedTests":0,"numFailedTests":1}' >"$results/browser.json"
  fi
  # Last, because it leaves data behind (calendar events, quests, orders, missed-day runs) as a user of its own.
  echo "== schema fuzzing of every route from docs/openapi.json (schemathesis; its output in $EMULATOR_HOME/fuzz)"
  if bash scripts/install-fuzzer.sh; then
    npx jest --selectProjects fuzz --runInBand --verbose --json --outputFile="$results/fuzz.json" 2>&1 \
      | grep -vE '^\s*$' \
      | grep -E '✓|✕|●|Tests:|Expected|Received|Error|ST[0-9]{3}|Test Case ID|Undocumented|violates|Server error|curl |\[[0-9]{3}\]|at .*test\.ts' \
      | head -300
  else
    echo "The fuzzer (schemathesis) could not be installed: the routes could not be fuzzed."
    echo '{"numPassedTests":0,"numFailedTests":1}' >"$results/fuzz.json"
  fi
else
  echo "The emulator or the deploy failed: the integration and end-to-end tests could not run."
  echo '{"numPassedTests":0,"numFailedTests":1}' >"$results/emulator.json"
fi

node -e '
  const fs = require("fs");
  let passed = 0, failed = 0;
  for (const f of fs.readdirSync(process.argv[1])) {
    const r = JSON.parse(fs.readFileSync(process.argv[1] + "/" + f, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests + (r.numRuntimeErrorTestSuites || 0);
  }
  if (passed + failed === 0) failed = 1;
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
' "$results"
