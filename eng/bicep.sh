#!/usr/bin/env bash
# Builds and lints infra/main.bicep (and the modules it uses) with the bicep executable of the
# Azure.Bicep.CommandLine.linux-x64 package that tests/RecoFunctions.Functions.Tests downloads on restore.
# Fails on any error or warning; a rule is only ever disabled on its line, with the reason above it.
set -euo pipefail
cd "$(dirname "$0")/.."

version=0.49.2
packages="${NUGET_PACKAGES:-$(dotnet nuget locals global-packages --list | sed 's/^global-packages: *//')}"
bicep="${packages%/}/azure.bicep.commandline.linux-x64/${version}/tools/bicep"
if [ ! -f "$bicep" ]; then
  dotnet restore tests/RecoFunctions.Functions.Tests --nologo >/dev/null
fi
# NuGet does not keep the executable bit.
chmod +x "$bicep"

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
status=0
for step in "build infra/main.bicep --outdir $out" "lint infra/main.bicep"; do
  # shellcheck disable=SC2086 # the step is a word list on purpose
  if ! diagnostics="$("$bicep" $step 2>&1)"; then
    status=1
  fi
  if [ -n "$diagnostics" ]; then
    printf '%s\n' "$diagnostics"
    status=1
  fi
  echo "bicep ${step%% --outdir*}: $([ -z "$diagnostics" ] && echo '0 errors, 0 warnings' || echo 'diagnostics above')"
done
exit "$status"
