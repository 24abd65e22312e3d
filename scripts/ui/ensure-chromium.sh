#!/usr/bin/env bash
# Idempotently installs Debian's Chromium for the editor UI test (test/ui/run-ui.ts).
# Playwright's own browser download cannot work here (only the npm registry and Debian's
# packages are reachable), so playwright-core drives /usr/bin/chromium.
#
#   bash scripts/ui/ensure-chromium.sh        # prints CHROMIUM_BIN=... when ready
#
# Works unattended (CI=true, no stdin, root). CHROMIUM_BIN overrides the binary to check.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/apt-install.sh"

BIN="${CHROMIUM_BIN:-/usr/bin/chromium}"
log() { printf '[ensure-chromium %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

works() { [[ -x "$BIN" ]] && "$BIN" --version >/dev/null 2>&1; }

if ! works; then
  [[ "$BIN" == /usr/bin/chromium ]] || { echo "[ensure-chromium] ERROR: $BIN is not an executable Chromium" >&2; exit 1; }
  apt_install ensure-chromium chromium fonts-liberation
  works || { echo "[ensure-chromium] ERROR: chromium installed but '$BIN --version' fails" >&2; exit 1; }
fi
log "$("$BIN" --version 2>/dev/null)"
echo "CHROMIUM_BIN=$BIN"
