#!/usr/bin/env bash
# Installs what is missing, and only that: node modules (from the lock file), the emulator's Python venv and the
# functions' Node (.nvmrc, into .tools/; scripts/emulator.sh install does both).
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$REPO_ROOT"
stamp=node_modules/.package-lock.sha
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
  echo "Installing node modules (the versions package-lock.json pins)..."
  # `npm ci`: exactly the lock, and the lock is never rewritten, so a fresh clone's tree stays clean (ADR 4).
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" >"$stamp"
fi
if [[ "${EMULATOR:-ministack}" == "ministack" ]]; then
  bash scripts/emulator.sh install
fi
