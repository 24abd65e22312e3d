#!/usr/bin/env bash
# Sourced by the scripts/*/ensure-*.sh scripts, which each decide whether their binary is missing;
# this holds what they share: installing Debian packages unattended (CI=true, no stdin), as root or
# through passwordless sudo, so a missing tool fails loudly instead of prompting for a password.
#
#   source "$(dirname "${BASH_SOURCE[0]}")/../lib/apt-install.sh"
#   apt_install ensure-yara yara          # tag for messages, then the Debian packages

apt_install() {
  local tag="$1"; shift
  local sudo=""
  if [[ "$(id -u)" != "0" ]]; then
    command -v sudo >/dev/null 2>&1 || { echo "[$tag] ERROR: not root and no sudo: apt-get install $*" >&2; exit 1; }
    sudo="sudo -n"
  fi
  printf '[%s %s] installing Debian'\''s %s (apt-get)\n' "$tag" "$(date +%H:%M:%S)" "$*"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq </dev/null
  $sudo apt-get install -y -qq --no-install-recommends "$@" </dev/null >/dev/null
}
