#!/usr/bin/env bash
# The callback load benchmark, in one command (from the repository root):
#
#   scripts/bench-load.sh [--connections 64] [--duration 20] [--warmup 5] [--groups 2000]
#   scripts/bench-load.sh --notice-members 2000     (one group: a notice, then every member replies at once)
#
# Builds the host and Bot.LoadGen in Release, starts a fresh PostgreSQL cluster on a free port of 127.0.0.1 (removed at
# the end), starts the host with background workers on and Logging__LogLevel__Default=Warning, then drives
# /wecom/callback with validly signed, encrypted, distinct group messages and /healthz (the ceiling) at the same
# concurrency for the same time. It checks that the database holds exactly the callbacks answered 200 and appends the
# figures with this command to docs/benchmarks.md under "## Callback endpoint load".
# Nothing leaves 127.0.0.1: WeCom's API is pointed at a closed local port, so any outbox send fails locally.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

command="scripts/bench-load.sh $*"
dotnet build -c Release -v q -nologo Bot.LoadGen/Bot.LoadGen.csproj   # builds the host too

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
pg_bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

work=$(mktemp -d /tmp/bot-bench-XXXXXX)
pg_port=$(free_port)
host_port=$(free_port)
host_pid=""
cleanup() {
  [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null && wait "$host_pid" 2>/dev/null || true
  as_pg "$pg_bin/pg_ctl" -D "$work/pg" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/pg"
[ "$(id -u)" = 0 ] && chown -R postgres "$work"
as_pg "$pg_bin/initdb" -D "$work/pg" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
echo "max_connections = 200" >> "$work/pg/postgresql.conf"
# BENCH_SYNCHRONOUS_COMMIT=off measures what commit latency costs; the reported default keeps PostgreSQL durable.
echo "synchronous_commit = ${BENCH_SYNCHRONOUS_COMMIT:-on}" >> "$work/pg/postgresql.conf"
as_pg "$pg_bin/pg_ctl" -D "$work/pg" -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1" -l "$work/pg/server.log" -w start >/dev/null
psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE bot" >/dev/null
db="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=bot;Maximum Pool Size=100"

# The official test vectors' credentials (shared/design/WECOM.md, vector C for the robot): nothing secret. The load's
# WebhookUrls name qyapi.weixin.qq.com: only the closed port of WeCom:ApiBaseUrl is allowed, so nothing leaves the machine.
ASPNETCORE_ENVIRONMENT=Production \
ConnectionStrings__Bot="$db" \
WeCom__ApiBaseUrl="http://127.0.0.1:9/" \
WeCom__WebhookHosts__0=wecom-hosts-are-off-in-benchmarks.invalid \
WeCom__CorpId=wx5823bf96d3bd56c7 \
WeCom__Robot__Token=xxx \
WeCom__Robot__EncodingAesKey=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx \
Outbox__BackgroundWorkers=true \
Spool__Directory="$work/spool" \
Logging__LogLevel__Default=Warning \
Policy__QuietHours__0__Start=03:00 Policy__QuietHours__0__End=03:01 \
Policy__QuietHours__1__Start=03:02 Policy__QuietHours__1__End=03:03 \
  dotnet Bot.Host/bin/Release/net10.0/Bot.Host.dll --urls "http://127.0.0.1:$host_port" --contentRoot "$PWD/Bot.Host/bin/Release/net10.0" \
  >"$work/host.log" 2>&1 &
host_pid=$!

for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$host_port/readyz" >/dev/null && break
  kill -0 "$host_pid" 2>/dev/null || { cat "$work/host.log"; exit 1; }
  sleep 0.5
done
curl -sf "http://127.0.0.1:$host_port/readyz" >/dev/null || { echo "the host did not become ready"; cat "$work/host.log"; exit 1; }

dotnet Bot.LoadGen/bin/Release/net10.0/Bot.LoadGen.dll --url "http://127.0.0.1:$host_port" --db "$db" \
  --report docs/benchmarks.md --command "$command" "$@"
