#!/usr/bin/env bash
# Idempotently installs Debian's xmllint (libxml2-utils), which the tests use to validate SOAP envelopes
# against NetSuite's XSDs (test/xsd/validate.ts). Works unattended (CI=true, no stdin, root or sudo -n).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/apt-install.sh"

if ! command -v xmllint >/dev/null 2>&1; then
  apt_install ensure-xmllint libxml2-utils
fi
xmllint --version 2>&1 | sed -n 1p  # sed reads to the end: head would close the pipe early and pipefail turns that SIGPIPE into failure
