#!/usr/bin/env bash
# Builds a small consumer project against the package packed into artifacts/packages (dotnet pack
# src/MessagingAnalyzers.Package -c Release), once per MessagingAnalysisMode (None, Minimum, Recommended, All), and
# checks that each build reports the rules the README documents for that mode. Also checks that the package passes
# appsettings*.json to the analyzers as AdditionalFiles.
#
# Works in a temporary folder (removed at exit) with its own nuget.config and its own packages folder, so a stale
# MessagingAnalyzers 0.1.0 in the global package cache cannot stand in for the fresh pack. The client packages
# (Confluent.Kafka) come from the global package cache used as a local, offline source: run any restore of this
# repository first (the tests or the sample do). Needs no privileges, installs nothing, writes only the temp folder.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
shopt -s nullglob
packages=(artifacts/packages/MessagingAnalyzers.*.nupkg)
if [ "${#packages[@]}" -ne 1 ]; then
  echo "check-package-modes: expected one package in artifacts/packages (run: dotnet pack src/MessagingAnalyzers.Package -c Release)" >&2
  exit 1
fi
version=$(basename "${packages[0]}" .nupkg | sed -E 's/^MessagingAnalyzers\.//')
cache=$(dotnet nuget locals global-packages --list | sed -E 's/^global-packages: //')
if [ ! -d "$cache/confluent.kafka/2.16.0" ]; then
  dotnet restore samples/OrderService/OrderService.csproj -v q >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/Consumer"
cat > "$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <config>
    <!-- A private packages folder: the package just packed is extracted fresh, never taken from the global cache. -->
    <add key="globalPackagesFolder" value="$work/packages" />
  </config>
  <packageSources>
    <clear />
    <add key="local" value="$repo/artifacts/packages" />
    <add key="cache" value="$cache" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="local"><package pattern="MessagingAnalyzers" /></packageSource>
    <packageSource key="cache"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
XML
cat > "$work/Consumer/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Confluent.Kafka" Version="2.16.0" />
    <PackageReference Include="MessagingAnalyzers" Version="$version" PrivateAssets="all" />
  </ItemGroup>
</Project>
XML
cat > "$work/Consumer/Orders.cs" <<'CS'
using Confluent.Kafka;

namespace Consumer;

public static class Orders
{
    // MSG2002 (ships as Warning): one broker round trip per message.
    public static async Task SendAllAsync(IProducer<string, string> producer, IEnumerable<string> orders)
    {
        foreach (var order in orders)
        {
            await producer.ProduceAsync("orders", new Message<string, string> { Key = order, Value = order });
        }
    }

    // MSG2003 (ships as Info): a Flush per message.
    public static void SendEach(IProducer<string, string> producer, IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            producer.Produce("lines", new Message<string, string> { Value = line }, report => Console.WriteLine(report.Error.Reason));
            producer.Flush(TimeSpan.FromSeconds(5));
        }
    }
}
CS
echo '{ "Kafka": { "BootstrapServers": "localhost:9092" } }' > "$work/Consumer/appsettings.json"

cd "$work/Consumer"
dotnet restore -v q
additional=$(dotnet msbuild -nologo -getItem:AdditionalFiles)
grep -q "appsettings.json" <<< "$additional" || { echo "check-package-modes: appsettings.json is not an AdditionalFiles item" >&2; echo "$additional" >&2; exit 1; }
for mode in None Minimum Recommended All; do
  dotnet build --no-restore --no-incremental -nologo -p:MessagingAnalysisMode=$mode "-p:ErrorLog=$work/$mode.sarif%2Cversion=2.1" > "$work/$mode.log" 2>&1 \
    || { cat "$work/$mode.log"; echo "check-package-modes: the consumer does not build in mode $mode" >&2; exit 1; }
done
# Unknown modes fail the build with a clear message.
if dotnet build --no-restore -nologo -p:MessagingAnalysisMode=Everything > "$work/bad.log" 2>&1 || ! grep -q "MSGBUILD001" "$work/bad.log"; then
  cat "$work/bad.log"; echo "check-package-modes: an unknown MessagingAnalysisMode did not fail the build with MSGBUILD001" >&2; exit 1
fi

WORK="$work" README="$repo/README.md" python3 - <<'PY'
import json, os, re, sys
work = os.environ["WORK"]
severity = {}
for line in open(os.environ["README"], encoding="utf-8"):
    m = re.match(r"^\| \[(MSG[0-9]{4})\]\([^)]*\) \| \w+ \| (Info|Warning) \|", line.strip())
    if m:
        severity[m.group(1)] = m.group(2)
def reported(mode):
    """(id, level) pairs the compiler logged: SARIF levels are error, warning, note (Info)."""
    log = json.load(open(os.path.join(work, mode + ".sarif"), encoding="utf-8-sig"))
    found = set()
    for run in log["runs"]:
        for result in run.get("results", []):
            if result["ruleId"].startswith("MSG"):
                found.add((result["ruleId"], result.get("level", "warning")))
    printed = set(re.findall(r"warning (MSG[0-9]{4})", open(os.path.join(work, mode + ".log"), encoding="utf-8").read()))
    return found, printed
all_found, _ = reported("All")
ids = {i for i, _ in all_found}
problems = []
if not {"MSG2002", "MSG2003"} <= ids:
    problems.append(f"mode All: expected MSG2002 and MSG2003 among {sorted(ids)}")
warning_ids = {i for i in ids if severity.get(i) == "Warning"}
info_ids = {i for i in ids if severity.get(i) == "Info"}
expected = {
    "None": (set(), set()),
    "Minimum": ({(i, "warning") for i in warning_ids}, warning_ids),
    "Recommended": ({(i, "warning") for i in warning_ids} | {(i, "note") for i in info_ids}, warning_ids),
    "All": ({(i, "warning") for i in ids}, ids),
}
for mode, (want_logged, want_printed) in expected.items():
    logged, printed = reported(mode)
    print(f"{mode:12} build output: {' '.join(sorted(printed)) or '-':30} SARIF: {' '.join(f'{i}:{l}' for i, l in sorted(logged)) or '-'}")
    if logged != want_logged:
        problems.append(f"mode {mode}: SARIF has {sorted(logged)}, expected {sorted(want_logged)}")
    if printed != want_printed:
        problems.append(f"mode {mode}: build output shows {sorted(printed)}, expected {sorted(want_printed)}")
if problems:
    sys.exit("check-package-modes:\n  " + "\n  ".join(problems))
print("check-package-modes: every analysis mode reports the documented rules")
PY
