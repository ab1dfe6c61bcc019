#!/usr/bin/env bash
# The preflight (npm run doctor; the first step of npm run up): Node, Python (>= 3.10, venv), pip, curl and the
# emulator's port, each failing check with its fix. Exits 1 when a check fails.
# It first installs the project's Node (.nvmrc; scripts/lib/node-runtime.sh), which it then runs on: the
# checks run before node_modules exist and whatever the host's Node is.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$REPO_ROOT"
source scripts/lib/node-runtime.sh
if ! command -v npm >/dev/null; then
  echo "✗ npm: not on PATH"
  echo "    fix: install Node.js >= $NODE_TOOLING_MIN_MAJOR with npm (https://nodejs.org, or nvm install)"
  exit 1
fi
if ! node_runtime_install; then
  echo "✗ node (functions): Node $NODE_RUNTIME_VERSION (.nvmrc) could not be installed into ${NODE_RUNTIME_DIR#"$REPO_ROOT"/}"
  echo "    fix: see the line above (npm must reach its registry), or set EMULATOR_NODE=/path/to/node$NODE_RUNTIME_MAJOR"
  exit 1
fi
HOST_NODE_VERSION="$(command node -v 2>/dev/null || true)" exec "$(node_runtime_bin)/node" scripts/doctor/doctor.ts
