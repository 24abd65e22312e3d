#!/usr/bin/env bash
# Idempotently installs Debian's xmllint (libxml2-utils), which the tests use to validate SOAP envelopes
# against NetSuite's XSDs (test/xsd/validate.ts). Works unattended (CI=true, no stdin, root or sudo -n).
set -euo pipefail

if ! command -v xmllint >/dev/null 2>&1; then
  SUDO=""
  if [[ "$(id -u)" != "0" ]]; then
    command -v sudo >/dev/null 2>&1 || { echo "[ensure-xmllint] ERROR: not root and no sudo: apt-get install libxml2-utils" >&2; exit 1; }
    SUDO="sudo -n"
  fi
  echo "[ensure-xmllint] installing libxml2-utils (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq </dev/null
  $SUDO apt-get install -y -qq --no-install-recommends libxml2-utils </dev/null >/dev/null
fi
xmllint --version 2>&1 | head -1
