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

# The build's inputs: every file of the build project and of the projects it references (ProjectReference,
# followed), without bin/ and obj/; the Directory.Build.*, Directory.Packages.props, global.json and nuget.config
# files MSBuild and NuGet read from those folders upwards; each project's obj/project.assets.json (what restore
# resolved). $false when it cannot be sure of the list (a reference or an import through an MSBuild property):
# then the script builds, as it always did.
$UpwardFiles = @('directory.build.props', 'directory.build.targets', 'directory.packages.props', 'global.json', 'nuget.config')
function Add-BuildInputs([string] $Project, $Seen, $Files) {
    if (-not [IO.File]::Exists($Project)) { return $false }
    $Project = [IO.Path]::GetFullPath($Project)
    if (-not $Seen.Add($Project)) { return $true }
    $text = [IO.File]::ReadAllText($Project)
    if ($text -match '<Import\s') { return $false }
    $dir = [IO.Path]::GetDirectoryName($Project)
    $folders = [Collections.Generic.Stack[string]]::new(); $folders.Push($dir)
    while ($folders.Count -gt 0) {
        $folder = $folders.Pop()
        foreach ($file in [IO.Directory]::EnumerateFiles($folder)) { $Files.Add($file) }
        foreach ($sub in [IO.Directory]::EnumerateDirectories($folder)) {
            if (([IO.Path]::GetFileName($sub)) -notin 'bin', 'obj') { $folders.Push($sub) }
        }
    }
    $assets = [IO.Path]::Combine($dir, 'obj', 'project.assets.json')
    if ([IO.File]::Exists($assets)) { $Files.Add($assets) }
    for ($up = $dir; $up -and $Seen.Add("dir:$up"); $up = [IO.Path]::GetDirectoryName($up)) {
        foreach ($file in [IO.Directory]::EnumerateFiles($up)) {
            if ([IO.Path]::GetFileName($file).ToLowerInvariant() -in $UpwardFiles) { $Files.Add($file) }
        }
    }
    foreach ($match in [regex]::Matches($text, '<ProjectReference[^>]*Include="([^"]*)"')) {
        $reference = $match.Groups[1].Value
        if ($reference.Contains('$(')) { return $false }
        if (-not (Add-BuildInputs ([IO.Path]::Combine($dir, $reference.Replace('\', '/'))) $Seen $Files)) { return $false }
    }
    return $true
}

# A fingerprint of everything that decides what the build produces: the inputs' contents, the SDK, and the commit
# and tags (versions come from git through MinVer, and the SDK stamps the commit into every assembly).
function Get-BuildFingerprint {
    $files = [Collections.Generic.List[string]]::new()
    $seen = [Collections.Generic.HashSet[string]]::new([StringComparer]::Ordinal)
    if (-not (Add-BuildInputs $BuildProject $seen $files)) { return $null }
    $paths = [string[]]($files | Select-Object -Unique); [Array]::Sort($paths, [StringComparer]::Ordinal)
    $lines = [Collections.Generic.List[string]]::new()
    $lines.Add("sdk $sdk")
    $git = & git -C $Root show-ref --head --tags 2>$null
    $lines.Add($(if ($LASTEXITCODE -eq 0) { $git -join "`n" } else { 'no git' }))
    foreach ($hash in Get-FileHash -LiteralPath $paths -Algorithm SHA256) { $lines.Add("$($hash.Hash)  $($hash.Path)") }
    $bytes = [Text.Encoding]::UTF8.GetBytes($lines -join "`n")
    return (Get-FileHash -InputStream ([IO.MemoryStream]::new($bytes)) -Algorithm SHA256).Hash
}

# Build quietly, and only when an input changed since the last successful build (a no-op 'dotnet build' still costs
# seconds); show the compiler's output only when it fails. TRAINYARD_ALWAYS_BUILD=1 builds every time.
$BuildStamp = Join-Path $Root 'build/obj/trainyard-build-inputs.pwsh.sha256'
$fingerprint = if ($env:TRAINYARD_ALWAYS_BUILD -ne '1') { try { Get-BuildFingerprint } catch { $null } } else { $null }
$upToDate = $fingerprint -and (Test-Path -LiteralPath $BuildDll) -and (Test-Path -LiteralPath $BuildStamp) -and
    (Get-Item -LiteralPath $BuildDll).LastWriteTimeUtc -le (Get-Item -LiteralPath $BuildStamp).LastWriteTimeUtc -and
    ([IO.File]::ReadAllText($BuildStamp).Trim() -eq $fingerprint)
if (-not $upToDate) {
    Remove-Item -LiteralPath $BuildStamp -ErrorAction SilentlyContinue
    $log = & dotnet build $BuildProject -c Release -nologo -clp:NoSummary --verbosity quiet /nodeReuse:false 2>&1
    if ($LASTEXITCODE -ne 0) { $log | Write-Host; Fail "building $BuildProject failed (output above)" }
    # The fingerprint taken before the build: a file changed while it ran makes the next call build again.
    if ($fingerprint) {
        [void][IO.Directory]::CreateDirectory((Split-Path -Parent $BuildStamp))
        [IO.File]::WriteAllText($BuildStamp, "$fingerprint`n")
    }
}

Set-Location $Root
& dotnet $BuildDll @args
exit $LASTEXITCODE
