#!/usr/bin/env bash
# The message archive's burst benchmark, in one command (from the repository root):
#
#   scripts/bench-archive.sh [groups]        (default 50: 5,000 records, 100 per group)
#
# Runs the proof Bot.Tests/Proof/ArchiveCrashTests.cs at benchmark size: the host as a process reads a burst of records
# through the stand-in SDK (a gcc-built C library, real RSA), is SIGKILLed once 30% are recorded, and is restarted on
# the same database; the proof asserts that every record is recorded and judged exactly once. Prints the figures (the
# kill, the total time, records per second). The suite runs the same proof with 15 groups.
set -euo pipefail
cd "$(dirname "$0")/.."
export TZ=America/Los_Angeles DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

groups=${1:-50}
scripts/ensure-deps.sh
dotnet build Bot.Tests -c Release -v q -nologo
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
status=0
log=$(mktemp)
ARCHIVE_BURST_GROUPS=$groups dotnet test Bot.Tests -c Release --no-build --filter "FullyQualifiedName~ArchiveCrashTests" \
  --logger "console;verbosity=normal" >"$log" 2>&1 || status=$?
grep -E "killed at|^\s*(Passed|Failed) |Expected|But was" "$log" || cat "$log"
rm -f "$log"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
