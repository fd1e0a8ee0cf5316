#!/usr/bin/env bash
# Azurite (the Azure Storage emulator) for the tests that need Table Storage.
#
#   eng/azurite.sh install   installs Azurite from npm into the cache once; later calls return at once
#   eng/azurite.sh start     starts azurite-table on a free loopback port (in memory, no telemetry), waits until it
#                            answers, and prints two lines: RECO_AZURITE_TABLES=<connection string> and
#                            RECO_AZURITE_PID=<pid> (eval-able)
#   eng/azurite.sh stop PID  stops the Azurite started with that pid (SIGTERM, then SIGKILL after 10 s)
#
# Env:
#   RECO_CACHE_DIR   cache root (default: $HOME/.cache/recofunctions); Azurite goes to <cache>/azurite/<version>.
#   RECO_AZURITE_VERSION  npm version to install (default below).
#
# Progress goes to stderr. Measured here: install ~1 min cold (npm warns that Azurite wants Node 22; it runs on
# Node 20), warm ~0.0 s; start ~1 s.
set -euo pipefail

AZURITE_VERSION="${RECO_AZURITE_VERSION:-3.37.0}"
CACHE_ROOT="${RECO_CACHE_DIR:-$HOME/.cache/recofunctions}"
DIR="$CACHE_ROOT/azurite/$AZURITE_VERSION"
BIN="$DIR/node_modules/.bin/azurite-table"
# Azurite's well-known development account (public, documented; not a secret).
ACCOUNT=devstoreaccount1
KEY='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='

log() { printf '[azurite.sh] %s\n' "$*" >&2; }

install() {
  if [[ -x "$BIN" ]]; then
    return 0
  fi

  command -v npm >/dev/null || { log "npm is not installed (Node 20 or later with npm is needed)"; return 1; }
  log "installing azurite@$AZURITE_VERSION into $DIR (about a minute)"
  local staging="$DIR.partial.$$"
  rm -rf "$staging"
  mkdir -p "$staging"
  (cd "$staging" && npm install --no-audit --no-fund --loglevel=error "azurite@$AZURITE_VERSION" >&2)
  # Publish the finished install atomically, so that an interrupted install is never taken for a cached one.
  rm -rf "$DIR"
  mv "$staging" "$DIR"
}

# Node is there anyway (Azurite runs on it).
free_port() {
  node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

# Another process may take the free port before Azurite binds it: then try another one.
start() {
  install
  local attempt
  for attempt in 1 2 3; do
    if start_once; then
      return 0
    fi
    log "start attempt $attempt failed"
  done
  return 1
}

start_once() {
  local port pid
  port="$(free_port)"
  local logfile="${TMPDIR:-/tmp}/azurite-table-$port.log"
  "$BIN" --tableHost 127.0.0.1 --tablePort "$port" --inMemoryPersistence --disableTelemetry --skipApiVersionCheck \
    >"$logfile" 2>&1 &
  pid=$!
  for _ in $(seq 1 150); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      log "azurite-table listening on 127.0.0.1:$port (pid $pid, log $logfile)"
      printf 'RECO_AZURITE_TABLES=%q\n' "DefaultEndpointsProtocol=http;AccountName=$ACCOUNT;AccountKey=$KEY;TableEndpoint=http://127.0.0.1:$port/$ACCOUNT;"
      printf 'RECO_AZURITE_PID=%s\n' "$pid"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      log "azurite-table exited during start-up:"
      cat "$logfile" >&2
      return 1
    fi
    sleep 0.1
  done

  log "azurite-table did not listen on 127.0.0.1:$port within 15 s"
  kill "$pid" 2>/dev/null || true
  return 1
}

stop() {
  local pid="${1:?usage: eng/azurite.sh stop PID}"
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  log "azurite (pid $pid) ignored SIGTERM for 10 s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) shift; stop "$@" ;;
  *) echo "usage: eng/azurite.sh install | start | stop PID" >&2; exit 2 ;;
esac
