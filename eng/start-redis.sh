#!/usr/bin/env bash
# Installs Debian's redis-server if needed and starts it on 127.0.0.1:6399 (no persistence), in the background.
# The integration tests use it when it runs, and start their own otherwise. Stop it with: kill "$(cat /tmp/messaging-analyzers-redis.pid)"
set -euo pipefail
if ! command -v redis-server >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq redis-server
fi
redis-server --port 6399 --bind 127.0.0.1 --save "" --appendonly no --daemonize yes --pidfile /tmp/messaging-analyzers-redis.pid
sleep 0.5
echo "redis-server running on 127.0.0.1:6399, pid $(cat /tmp/messaging-analyzers-redis.pid)"
