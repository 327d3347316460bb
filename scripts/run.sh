#!/usr/bin/env bash
# Runs the bot locally with everything it needs and no WeCom account: its own PostgreSQL under .data/
# (created once), the host on http://127.0.0.1:5080, and the sandbox (a fake WeCom inside the host).
# Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
port=${BOT_PORT:-5080}
pg_port=${BOT_PG_PORT:-55432}
data="$root/.data/pg"

scripts/ensure-deps.sh
bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ ! -f "$data/PG_VERSION" ]; then
  echo "creating a PostgreSQL cluster in $data ..."
  mkdir -p "$data"
  [ "$(id -u)" -eq 0 ] && chown -R postgres "$root/.data"
  as_pg "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi
as_pg "$bin/pg_ctl" -D "$data" -o "-p $pg_port -k $data -c listen_addresses=127.0.0.1" -l "$data/server.log" -w start >/dev/null
stop_pg() { as_pg "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true; }
trap stop_pg EXIT INT TERM
as_pg "$bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='bot'" | grep -q 1 \
  || as_pg "$bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres bot

# Demo credentials, known only to this machine: the sandbox encrypts with them exactly as WeCom does.
export ConnectionStrings__Bot="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=bot"
export WeCom__ApiBaseUrl="http://127.0.0.1:$port"
export WeCom__CorpId="wwsandbox0000000001"
export WeCom__Robot__Token="sandboxRobotToken"
export WeCom__Robot__EncodingAesKey="c2FuZGJveHJvYm90a2V5c2FuZGJveHJvYm90a2V5MDE"
export WeCom__AiBot__Token="sandboxAiBotToken"
export WeCom__AiBot__EncodingAesKey="c2FuZGJveGFpYm90a2V5c2FuZGJveGFpYm90a2V5MDE"
export WeCom__App__Token="sandboxAppToken"
export WeCom__App__EncodingAesKey="c2FuZGJveGFwcGtleXNhbmRib3hhcHBrZXlzYW5kYjA"
export WeCom__App__AgentId=1000002
export WeCom__App__Secret="sandbox-app-secret"
export Admin__ApiKey="${Admin__ApiKey:-sandbox-admin-key}"
export Sandbox__Enabled=true
# Callbacks wait here while PostgreSQL is down (see "What is guaranteed" in the README).
export Spool__Directory="${Spool__Directory:-$PWD/.data/spool}"
# The dashboard's demo administrator: user admin, password admin (hash made with: dotnet Bot.Host.dll hash-password admin).
demo_hash='pbkdf2-sha256$600000$EZzgtWeBsLI3VvorLEH1tQ==$5NKBn5uGzwNpu19R0CW66xns+PJUpoF/Azmt6ec/dmI='
export Admin__Users__0__UserName="${Admin__Users__0__UserName:-admin}"
export Admin__Users__0__PasswordHash="${Admin__Users__0__PasswordHash:-$demo_hash}"

cat <<MSG

  The bot is starting on http://127.0.0.1:$port
    sandbox (try it here):   http://127.0.0.1:$port/sandbox
    dashboard:               http://127.0.0.1:$port/admin   (user admin, password admin)
    admin API:               curl -H 'Authorization: Bearer $Admin__ApiKey' http://127.0.0.1:$port/api/groups
    health:                  http://127.0.0.1:$port/readyz
  PostgreSQL: 127.0.0.1:$pg_port, database bot (data in .data/pg). Ctrl-C stops both.

MSG
dotnet run --project Bot.Host -c Release -- --urls "http://127.0.0.1:$port"
