#!/usr/bin/env bash
# Idempotently installs Debian's yara for the YARA leg of `npm run scan` (scripts/scan/yara.ts):
# GuardDog's threat-* rules, as n8n's newer community-package scanner applies them.
#
#   bash scripts/scan/ensure-yara.sh        # prints the yara version when ready
#
# Works unattended (CI=true, no stdin, root or passwordless sudo).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/apt-install.sh"

log() { printf '[ensure-yara %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

if ! yara --version >/dev/null 2>&1; then
  apt_install ensure-yara yara
  yara --version >/dev/null 2>&1 || { echo "[ensure-yara] ERROR: yara installed but 'yara --version' fails" >&2; exit 1; }
fi
log "yara $(yara --version)"
