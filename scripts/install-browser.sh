#!/usr/bin/env bash
# The browser the console's tests drive: Debian's chromium package, installed only when missing (CI runs on a
# fresh machine). Playwright (playwright-core) downloads no browser of its own.
#   CHROMIUM_PATH=/path/to/chromium to use another one
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ -x "$chromium" ]]; then
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "No $chromium and no apt-get: install Chromium and set CHROMIUM_PATH." >&2
  exit 1
fi
sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
echo "Installing Debian's chromium for the browser tests..."
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
"$chromium" --version
