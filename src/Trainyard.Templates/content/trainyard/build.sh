#!/usr/bin/env bash
# Bootstraps the build as NUKE's build.sh does: checks prerequisites, builds build/_build.csproj quietly
# (its output is shown only when it fails), then runs it with the arguments given: ./build.sh ValidateData --plan
set -eo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BUILD_PROJECT="$ROOT/build/_build.csproj"
BUILD_DLL="$ROOT/build/bin/Release/net10.0/_build.dll"
REQUIRED_SDK_MAJOR=10

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 DOTNET_CLI_UI_LANGUAGE=en

fail() { echo "build.sh: $*" >&2; exit 1; }

# The .NET SDK: nothing else can run without it.
if ! command -v dotnet >/dev/null 2>&1; then
  fail "the .NET ${REQUIRED_SDK_MAJOR} SDK is not installed (no 'dotnet' on PATH). Install it: https://learn.microsoft.com/dotnet/core/install/linux"
fi
sdk_version="$(dotnet --version 2>/dev/null || true)"
if [[ "${sdk_version%%.*}" =~ ^[0-9]+$ ]] && (( ${sdk_version%%.*} < REQUIRED_SDK_MAJOR )); then
  fail "the .NET ${REQUIRED_SDK_MAJOR} SDK is required, found ${sdk_version}. Install it: https://learn.microsoft.com/dotnet/core/install/linux"
fi

# The native XGBoost library that Train calls (Debian/Ubuntu package libxgboost0).
# (grep reads a captured list: with pipefail, 'ldconfig -p | grep -q' fails when grep stops early and ldconfig gets SIGPIPE.)
has_xgboost() {
  [[ -n "${TRAINYARD_XGBOOST_LIBRARY:-}" && -f "${TRAINYARD_XGBOOST_LIBRARY}" ]] && return 0
  local libraries; libraries="$(ldconfig -p 2>/dev/null || true)"
  [[ "$libraries" == *libxgboost.so* ]]
}
if ! has_xgboost; then
  if command -v apt-get >/dev/null 2>&1 && [[ "$(id -u)" == 0 ]]; then
    echo "build.sh: installing the native XGBoost library (apt-get install libxgboost0) ..." >&2
    apt_log="$(mktemp)"
    if ! { apt-get install -y -qq libxgboost0 || { apt-get update -qq && apt-get install -y -qq libxgboost0; }; } >"$apt_log" 2>&1; then
      cat "$apt_log" >&2; rm -f "$apt_log"; fail "could not install libxgboost0 with apt-get (output above)"
    fi
    rm -f "$apt_log"
  elif command -v apt-get >/dev/null 2>&1; then
    echo "build.sh: warning: the native XGBoost library is missing; Train will fail until you run: sudo apt-get install libxgboost0" >&2
  else
    echo "build.sh: warning: the native XGBoost library (libxgboost) is missing; install XGBoost's shared library, or set TRAINYARD_XGBOOST_LIBRARY to its path" >&2
  fi
fi

# Build quietly; show the compiler's output only when it fails.
build_log="$(mktemp)"
trap 'rm -f "$build_log"' EXIT
if ! dotnet build "$BUILD_PROJECT" -c Release -nologo -clp:NoSummary --verbosity quiet /nodeReuse:false >"$build_log" 2>&1; then
  cat "$build_log" >&2
  fail "building $BUILD_PROJECT failed (output above)"
fi

cd "$ROOT"
exec dotnet "$BUILD_DLL" "$@"
