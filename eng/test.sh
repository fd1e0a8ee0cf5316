#!/usr/bin/env bash
# Builds the whole solution (the Azure Functions app included), runs every test project in it, then builds and lints
# the Bicep (eng/bicep.sh). Prints a closing "N passed, N failed" line. Arguments go to `dotnet test`, e.g.
# --filter "Category!=Drill" for the fast suite without the multi-process drills.
set -uo pipefail
cd "$(dirname "$0")/.."

log="$(mktemp)"
trap 'rm -f "$log"' EXIT

dotnet test RecoFunctions.sln -c Release --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# The infrastructure: bicep build and lint, no error and no warning.
if ! bash eng/bicep.sh; then
  status=1
fi

# dotnet test prints one "Passed!/Failed!  - Failed: F, Passed: P, Skipped: S, Total: T" line per test assembly.
read -r passed failed skipped < <(awk '
  /(Passed|Failed)! +- +Failed:/ {
    gsub(",", "");
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") f += $(i + 1);
      if ($i == "Passed:") p += $(i + 1);
      if ($i == "Skipped:") s += $(i + 1);
    }
  }
  END { print p + 0, f + 0, s + 0 }' "$log")

echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "no test ran" >&2
  exit 1
fi
exit "$status"
