#!/usr/bin/env bash
# Idempotently installs what the queue-mode test (test/e2e/queue/run-queue.ts) starts privately:
# Debian's redis-server and PostgreSQL server binaries. Nothing is started or enabled here; the
# test runs its own instances on free ports in temp folders and stops them.
#
#   bash scripts/e2e/ensure-queue-services.sh
#
# Works unattended (CI=true, no stdin, root or passwordless sudo).
set -euo pipefail

log() { printf '[ensure-queue-services %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
have_redis() { command -v redis-server >/dev/null 2>&1; }
have_postgres() { compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null && compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null; }

if ! have_redis || ! have_postgres; then
  SUDO=""
  if [[ "$(id -u)" != "0" ]]; then
    command -v sudo >/dev/null 2>&1 || { echo "[ensure-queue-services] ERROR: not root and no sudo: apt-get install redis-server postgresql" >&2; exit 1; }
    SUDO="sudo -n"
  fi
  log "installing Debian's redis-server and postgresql (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq </dev/null
  $SUDO apt-get install -y -qq --no-install-recommends redis-server postgresql </dev/null >/dev/null
  have_redis && have_postgres || { echo "[ensure-queue-services] ERROR: installed, but redis-server or PostgreSQL's initdb/postgres is still missing" >&2; exit 1; }
fi
log "$(redis-server --version | cut -d' ' -f1-3), PostgreSQL $(ls /usr/lib/postgresql | sort -n | tail -1)"
