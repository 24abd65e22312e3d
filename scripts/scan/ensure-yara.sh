#!/usr/bin/env bash
# Idempotently installs Debian's yara for the YARA leg of `npm run scan` (scripts/scan/yara.ts):
# GuardDog's threat-* rules, as n8n's newer community-package scanner applies them.
#
#   bash scripts/scan/ensure-yara.sh        # prints the yara version when ready
#
# Works unattended (CI=true, no stdin, root or passwordless sudo).
set -euo pipefail

log() { printf '[ensure-yara %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

if ! yara --version >/dev/null 2>&1; then
  SUDO=""
  if [[ "$(id -u)" != "0" ]]; then
    command -v sudo >/dev/null 2>&1 || { echo "[ensure-yara] ERROR: not root and no sudo: install yara with apt-get" >&2; exit 1; }
    SUDO="sudo -n"
  fi
  log "installing Debian's yara (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq </dev/null
  $SUDO apt-get install -y -qq --no-install-recommends yara </dev/null >/dev/null
  yara --version >/dev/null 2>&1 || { echo "[ensure-yara] ERROR: yara installed but 'yara --version' fails" >&2; exit 1; }
fi
log "yara $(yara --version)"
