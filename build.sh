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

# The build's inputs, one path a line (NUL-separated): every file of the build project and of the projects it
# references (ProjectReference, followed), without bin/ and obj/; the Directory.Build.*, Directory.Packages.props,
# global.json and nuget.config files MSBuild and NuGet read from those folders upwards; each project's
# obj/project.assets.json (what restore resolved). Prints nothing and returns 1 when it cannot be sure of the list
# (a reference or an import through an MSBuild property): then the script builds, as it always did.
# (Seen lists are newline-separated strings, not associative arrays: macOS still ships bash 3.2.)
seen_projects=$'\n' seen_dirs=$'\n'
build_inputs() {
  local project="$1" dir reference file
  [[ -f "$project" ]] || return 1
  dir="$(cd "$(dirname "$project")" && pwd)"; project="$dir/$(basename "$project")"
  [[ "$seen_projects" != *$'\n'"$project"$'\n'* ]] || return 0
  seen_projects+="$project"$'\n'
  grep -q '<Import[[:space:]]' "$project" && return 1
  find "$dir" \( -name bin -o -name obj \) -prune -o -type f -print0
  [[ -f "$dir/obj/project.assets.json" ]] && printf '%s\0' "$dir/obj/project.assets.json"
  local up="$dir"
  while [[ "$seen_dirs" != *$'\n'"$up"$'\n'* ]]; do
    seen_dirs+="$up"$'\n'
    for file in "$up"/directory.build.prop[s] "$up"/directory.build.target[s] "$up"/directory.packages.prop[s] \
                "$up"/global.jso[n] "$up"/nuget.confi[g]; do
      printf '%s\0' "$file"
    done
    [[ "$up" == / ]] && break
    up="$(dirname "$up")"
  done
  while IFS= read -r reference; do
    [[ "$reference" == *'$('* ]] && return 1
    build_inputs "$dir/${reference//\\//}" || return 1
  done < <(grep -o '<ProjectReference[^>]*Include="[^"]*"' "$project" | sed 's/.*Include="\([^"]*\)"/\1/')
}

# A fingerprint of everything that decides what the build produces: the inputs' contents, the SDK, and the commit
# and tags (versions come from git through MinVer, and the SDK stamps the commit into every assembly).
build_fingerprint() {
  local hash list result
  if command -v sha256sum >/dev/null 2>&1; then hash=(sha256sum); elif command -v shasum >/dev/null 2>&1; then hash=(shasum -a 256); else return 1; fi
  shopt -s nocaseglob nullglob
  list="$(mktemp)"
  if ! build_inputs "$BUILD_PROJECT" >"$list"; then shopt -u nocaseglob nullglob; rm -f "$list"; return 1; fi
  shopt -u nocaseglob nullglob
  result="$({
    echo "sdk $sdk_version"
    git -C "$ROOT" show-ref --head --tags 2>/dev/null || echo "no git"
    LC_ALL=C sort -zu "$list" | xargs -0 "${hash[@]}"
  } | "${hash[@]}" | cut -d' ' -f1)" || { rm -f "$list"; return 1; }
  rm -f "$list"
  echo "$result"
}

# Build quietly, and only when an input changed since the last successful build (a no-op 'dotnet build' still costs
# seconds); show the compiler's output only when it fails. TRAINYARD_ALWAYS_BUILD=1 builds every time.
BUILD_STAMP="$ROOT/build/obj/trainyard-build-inputs.bash.sha256"
fingerprint=""
# (Used only when every step of it succeeded: a file that vanished while being hashed means "build".)
if [[ "${TRAINYARD_ALWAYS_BUILD:-}" != 1 ]] && stamp="$(build_fingerprint)"; then fingerprint="$stamp"; fi
if [[ -z "$fingerprint" || ! -f "$BUILD_DLL" || ! -f "$BUILD_STAMP" || "$BUILD_DLL" -nt "$BUILD_STAMP" \
      || "$(cat "$BUILD_STAMP")" != "$fingerprint" ]]; then
  build_log="$(mktemp)"
  trap 'rm -f "$build_log"' EXIT
  rm -f "$BUILD_STAMP"
  if ! dotnet build "$BUILD_PROJECT" -c Release -nologo -clp:NoSummary --verbosity quiet /nodeReuse:false >"$build_log" 2>&1; then
    cat "$build_log" >&2
    fail "building $BUILD_PROJECT failed (output above)"
  fi
  rm -f "$build_log"   # (the EXIT trap does not run past 'exec' below)
  # The fingerprint taken before the build: a file changed while it ran makes the next call build again.
  [[ -z "$fingerprint" ]] || { mkdir -p "$(dirname "$BUILD_STAMP")" && echo "$fingerprint" >"$BUILD_STAMP"; }
fi

cd "$ROOT"
exec dotnet "$BUILD_DLL" "$@"
