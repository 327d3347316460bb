#!/usr/bin/env bash
# Runs every test: unit, storage and host tests against a throwaway PostgreSQL that the tests create on
# 127.0.0.1 and remove at the end, and browser tests in the system's Chromium.
# Ends with the line "Tests: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

scripts/ensure-deps.sh --with-browser || { echo "Tests: 0 passed, 1 failed"; exit 1; }

# Run in a time zone far from Asia/Shanghai so that no test passes by the machine's clock alone.
export TZ=America/Los_Angeles
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
dotnet test Bot.sln -c Release --logger "trx;LogFileName=results.trx" --logger "console;verbosity=minimal" \
  --results-directory "$results" "$@" 2>&1 | tee "$results/console.log" | grep -vE '^\s*(Passed |Skipped )' 
status=${PIPESTATUS[0]}

counters=$(grep -ho '<Counters [^>]*>' "$results"/*.trx 2>/dev/null | head -1)
passed=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
failed=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
total=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
skipped=$(( ${total:-0} - ${passed:-0} - ${failed:-0} ))
if [ -z "$counters" ]; then
  # The build failed or the runner crashed before writing results: that is a failure, never a pass.
  passed=0; failed=1
elif [ "$status" -ne 0 ] && [ "${failed:-0}" -eq 0 ]; then
  failed=1
fi
# Name every failed test once more at the end, where a reader of the CI log looks first.
grep -ho '<UnitTestResult [^>]*outcome="Failed"[^>]*>' "$results"/*.trx 2>/dev/null \
  | sed -n 's/.* testName="\([^"]*\)".*/Failed: \1/p'
if [ "$skipped" -gt 0 ]; then
  echo "Tests: ${passed:-0} passed, ${failed:-0} failed, $skipped skipped"
else
  echo "Tests: ${passed:-0} passed, ${failed:-0} failed"
fi
[ "$status" -eq 0 ] && [ "${failed:-0}" -eq 0 ]
