#!/usr/bin/env bash
# Idempotently installs what the queue-mode test (test/e2e/queue/run-queue.ts) starts privately:
# Debian's redis-server and PostgreSQL server binaries. Nothing is started or enabled here; the
# test runs its own instances on free ports in temp folders and stops them.
#
#   bash scripts/e2e/ensure-queue-services.sh
#
# Works unattended (CI=true, no stdin, root or passwordless sudo).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/apt-install.sh"

log() { printf '[ensure-queue-services %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
have_redis() { command -v redis-server >/dev/null 2>&1; }
have_postgres() { compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null && compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null; }

if ! have_redis || ! have_postgres; then
  apt_install ensure-queue-services redis-server postgresql
  have_redis && have_postgres || { echo "[ensure-queue-services] ERROR: installed, but redis-server or PostgreSQL's initdb/postgres is still missing" >&2; exit 1; }
fi
log "$(redis-server --version | cut -d' ' -f1-3), PostgreSQL $(ls /usr/lib/postgresql | sort -n | tail -1)"
