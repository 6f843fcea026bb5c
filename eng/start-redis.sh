#!/usr/bin/env bash
# Starts redis-server on 127.0.0.1:6399 (no persistence) in the background, for the integration tests and the
# reference app. Stop it with: kill "$(cat /tmp/messaging-analyzers-redis.pid)"
#
# Privileges: starting the server needs none (it runs as you, writes only /tmp/messaging-analyzers-redis.pid).
# When redis-server is not installed, the script installs Debian's package with apt-get, which needs root (or sudo),
# and only if you allow it: pass --install, or answer yes when asked (asked only when stdin is a terminal).
#
#   ./eng/start-redis.sh              start; ask before installing redis-server if it is missing
#   ./eng/start-redis.sh --install    start; install redis-server (apt-get, quiet) if it is missing
#   ./eng/start-redis.sh --no-install start; fail if redis-server is missing
set -euo pipefail
install=ask
for arg in "$@"; do
  case "$arg" in
    --install) install=yes ;;
    --no-install) install=no ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "start-redis: unknown argument $arg (see --help)" >&2; exit 2 ;;
  esac
done

if ! command -v redis-server >/dev/null 2>&1; then
  if [ "$install" = ask ]; then
    if [ -t 0 ]; then
      read -r -p "redis-server is not installed. Install Debian's redis-server package with apt-get (needs root)? [y/N] " answer
      case "$answer" in [yY]*) install=yes ;; *) install=no ;; esac
    else
      install=no
    fi
  fi
  if [ "$install" != yes ]; then
    echo "start-redis: redis-server is not installed. Install it (sudo apt-get install redis-server) or run ./eng/start-redis.sh --install." >&2
    exit 1
  fi
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "start-redis: installing needs root or sudo" >&2; exit 1; }
    sudo=sudo
  fi
  echo "start-redis: installing redis-server with apt-get (apt-get update, apt-get install -y redis-server)..."
  apt_log=$(mktemp)
  if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server; } >"$apt_log" 2>&1; then
    tail -n 20 "$apt_log" >&2; rm -f "$apt_log"
    echo "start-redis: apt-get could not install redis-server" >&2
    exit 1
  fi
  rm -f "$apt_log"
  echo "start-redis: installed $(redis-server --version | head -n 1)"
fi

redis-server --port 6399 --bind 127.0.0.1 --save "" --appendonly no --daemonize yes --pidfile /tmp/messaging-analyzers-redis.pid >/dev/null
for _ in $(seq 1 50); do [ -s /tmp/messaging-analyzers-redis.pid ] && break; sleep 0.1; done
sleep 0.3
echo "start-redis: redis-server running on 127.0.0.1:6399, pid $(cat /tmp/messaging-analyzers-redis.pid) (stop it with: kill \"\$(cat /tmp/messaging-analyzers-redis.pid)\")"
