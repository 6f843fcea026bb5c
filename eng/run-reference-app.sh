#!/usr/bin/env bash
# Runs the reference application against a real redis-server and librdkafka's in-process mock Kafka cluster:
# places an order (POST /orders -> Kafka), waits for the projection (consumer -> Redis), reads it (GET -> Redis).
#
# Privileges: none to build and run the app (it listens on 127.0.0.1:5080). When nothing listens on 127.0.0.1:6399 it
# starts redis-server with eng/start-redis.sh, passing on its arguments: if redis-server is missing, that script
# installs it with apt-get (root or sudo) only with --install or your answer to its question. What the script started,
# it stops at exit.
#
#   ./eng/run-reference-app.sh [--install | --no-install]
set -euo pipefail
cd "$(dirname "$0")/.."
url=http://127.0.0.1:5080
started_redis=""
if ! (exec 3<>/dev/tcp/127.0.0.1/6399) 2>/dev/null; then
  ./eng/start-redis.sh "$@"
  started_redis=$(cat /tmp/messaging-analyzers-redis.pid)
else
  echo "run-reference-app: using the redis-server already listening on 127.0.0.1:6399"
fi
echo "run-reference-app: building samples/ReferenceApp and starting it on $url (librdkafka's mock Kafka cluster)"
dotnet build samples/ReferenceApp -v q -nologo
dotnet run --no-build --project samples/ReferenceApp -- --Kafka:Mock=true --urls "$url" --Logging:LogLevel:Default=Warning &
app=$!
cleanup() { kill "$app" 2>/dev/null || true; [ -n "$started_redis" ] && kill "$started_redis" 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/5080) 2>/dev/null && break; sleep 0.2; done
echo "POST /orders"
response=$(curl -s -X POST "$url/orders" -H 'Content-Type: application/json' -d '{"customerId":"c-1","total":12.5}')
echo "  $response"
id=$(echo "$response" | sed -E 's/.*"orderId":"([^"]+)".*/\1/')
for _ in $(seq 1 150); do
  status=$(curl -s -o /tmp/reference-app-status.json -w '%{http_code}' "$url/orders/$id")
  [ "$status" = "200" ]
echo "run-reference-app: the order went through Kafka into Redis and back; stopping the app${started_redis:+ and the redis-server it started}" && break
  sleep 0.2
done
echo "GET /orders/$id -> $status"
echo "  $(cat /tmp/reference-app-status.json)"
[ "$status" = "200" ]
echo "run-reference-app: the order went through Kafka into Redis and back; stopping the app${started_redis:+ and the redis-server it started}"
