#!/usr/bin/env bash
# Debian packages the tests drive as a person would: tmux (the live view's screen, read with capture-pane) and
# chromium (the bench report opened in a real browser). Installs only what is missing; later calls return at once.
# Needs root (or sudo) the first time; prints what it installs on stderr.
set -euo pipefail

log() { printf '[debian-tools.sh] %s\n' "$*" >&2; }

missing=()
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then
  sudo="sudo"
fi

log "installing ${missing[*]}"
$sudo apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
