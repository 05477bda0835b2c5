#!/usr/bin/env bash
# Runs every test project. Installs what a fresh machine lacks first: Debian's chromium (browser tests),
# npm assets (through the build), local dotnet tools. Ends with one line: "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian chromium for the browser tests..."
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q chromium
fi
command -v node >/dev/null 2>&1 || { echo "node and npm are needed to build the front-end assets" >&2; exit 1; }

dotnet tool restore
dotnet build Scrm.sln -nologo -v quiet

results=TestResults
rm -rf "$results"
status=0
for project in Scrm.Tests Scrm.E2E; do
  dotnet test "$project" --no-build -nologo --logger "trx;LogFileName=$project.trx" --results-directory "$results" || status=1
done

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
# A project that failed to run at all wrote no counters: count it as a failure, never as a pass.
[ "$status" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
echo "$passed passed, $failed failed"
exit $status
