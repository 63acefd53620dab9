#!/usr/bin/env pwsh
# Bootstraps the build as NUKE's build.ps1 does: checks prerequisites, builds build/_build.csproj quietly
# (its output is shown only when it fails), then runs it with the arguments given: ./build.ps1 ValidateData --plan
$ErrorActionPreference = 'Stop'
$Root = $PSScriptRoot
$BuildProject = Join-Path $Root 'build/_build.csproj'
$BuildDll = Join-Path $Root 'build/bin/Release/net10.0/_build.dll'
$RequiredSdkMajor = 10

$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'; $env:DOTNET_NOLOGO = '1'; $env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'; $env:DOTNET_CLI_UI_LANGUAGE = 'en'

function Fail([string] $Message) { [Console]::Error.WriteLine("build.ps1: $Message"); exit 1 }

if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
    Fail ".NET $RequiredSdkMajor SDK is not installed (no 'dotnet' on PATH). Install it: https://learn.microsoft.com/dotnet/core/install"
}
$sdk = (& dotnet --version) 2>$null
if ($sdk -and [int]($sdk.Split('.')[0]) -lt $RequiredSdkMajor) {
    Fail "the .NET $RequiredSdkMajor SDK is required, found $sdk. Install it: https://learn.microsoft.com/dotnet/core/install"
}

# The native XGBoost library that Train calls.
$hasXgboost = $false
if ($env:TRAINYARD_XGBOOST_LIBRARY -and (Test-Path $env:TRAINYARD_XGBOOST_LIBRARY)) { $hasXgboost = $true }
elseif ($IsLinux) { $hasXgboost = [bool]((& ldconfig -p 2>$null) -match 'libxgboost\.so') }
elseif ($IsWindows) { $hasXgboost = [bool](Get-Command xgboost.dll -ErrorAction SilentlyContinue) }
if (-not $hasXgboost) {
    if ($IsLinux -and (Get-Command apt-get -ErrorAction SilentlyContinue) -and ((& id -u) -eq '0')) {
        [Console]::Error.WriteLine('build.ps1: installing the native XGBoost library (apt-get install libxgboost0) ...')
        $out = & apt-get install -y -qq libxgboost0 2>&1
        if ($LASTEXITCODE -ne 0) { $out = & sh -c 'apt-get update -qq && apt-get install -y -qq libxgboost0' 2>&1 }
        if ($LASTEXITCODE -ne 0) { $out | Write-Host; Fail 'could not install libxgboost0 with apt-get (output above)' }
    }
    elseif ($IsLinux -and (Get-Command apt-get -ErrorAction SilentlyContinue)) {
        [Console]::Error.WriteLine('build.ps1: warning: the native XGBoost library is missing; Train will fail until you run: sudo apt-get install libxgboost0')
    }
    else {
        [Console]::Error.WriteLine('build.ps1: warning: the native XGBoost library is missing; install XGBoost''s shared library, or set TRAINYARD_XGBOOST_LIBRARY to its path')
    }
}

$log = & dotnet build $BuildProject -c Release -nologo -clp:NoSummary --verbosity quiet /nodeReuse:false 2>&1
if ($LASTEXITCODE -ne 0) { $log | Write-Host; Fail "building $BuildProject failed (output above)" }

Set-Location $Root
& dotnet $BuildDll @args
exit $LASTEXITCODE
