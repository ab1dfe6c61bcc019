#!/usr/bin/env bash
# The API fuzzer the test suite runs last (schemathesis, test/fuzz/requirements.txt), installed into the project's
# .venv beside the emulator; pip runs only when the requirements changed (a stamp in the venv).
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VENV="$REPO_ROOT/.venv"
REQUIREMENTS="$REPO_ROOT/test/fuzz/requirements.txt"
STAMP="$VENV/.fuzz-requirements.sha256"
if [[ ! -x "$VENV/bin/python" ]]; then
  bash "$REPO_ROOT/scripts/emulator.sh" install
fi
want=$({ cat "$REQUIREMENTS"; "$VENV/bin/python" --version 2>&1; } | sha256sum | cut -d' ' -f1)
if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$want" && -x "$VENV/bin/schemathesis" ]]; then
  exit 0
fi
echo "Installing the API fuzzer (test/fuzz/requirements.txt) into .venv..."
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r "$REQUIREMENTS"
echo "$want" >"$STAMP"
"$VENV/bin/schemathesis" --version
