#!/usr/bin/env bash
# The database-outage proof with a long outage, outside the test suite (which uses 17 s, already longer than WeCom's
# ~15 s of retries): PostgreSQL is stopped for BOT_OUTAGE_SECONDS (default 120) under a callback every 50 ms, the host is
# killed with SIGKILL near the end of the outage and its successor in the middle of the replay. Prints the test's
# summary line; the result of a run is recorded in docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export BOT_OUTAGE_SECONDS="${BOT_OUTAGE_SECONDS:-120}" TZ=America/Los_Angeles DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
scripts/ensure-deps.sh >/dev/null
dotnet build Bot.Tests -c Release -v quiet -nologo >/dev/null
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
dotnet test Bot.Tests -c Release --no-build --filter "FullyQualifiedName~Proof.DatabaseOutageTests" \
  --logger "trx;LogFileName=outage.trx" --results-directory "$results" >/dev/null || true
grep -o '<Counters [^>]*>' "$results/outage.trx" | head -1
grep -o 'outage [0-9.]* s: [^&<]*' "$results/outage.trx" | head -1
# A failure's message, when there is one.
sed -n '/<Message>/,/<\/Message>/p' "$results/outage.trx" | head -40
