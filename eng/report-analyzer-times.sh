#!/usr/bin/env bash
# Builds the sample with the compiler's analyzer timing (-p:ReportAnalyzer=true) and prints the times the build
# reports for the MessagingAnalyzers assembly and each of its analyzers.
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
dotnet build samples/OrderService/OrderService.csproj --no-incremental -p:ReportAnalyzer=true -v:detailed > "$log" 2>&1 || { tail -n 40 "$log"; exit 1; }
echo "Analyzer times reported by the compiler for samples/OrderService:"
# The compiler prints "Total analyzer execution time: N seconds", then one line per assembly and per analyzer:
# "<seconds> <percent> <name>". Keep the total, the package's assembly line and its analyzers, slowest first.
grep -E "Total analyzer execution time" "$log" | sed -E 's/^[[:space:]]+/  /' | sort -u
grep -E "^[[:space:]]+[0-9]+\.[0-9]+[[:space:]]+[<0-9]+[[:space:]]+MessagingAnalyzers" "$log" | sed -E 's/^[[:space:]]+/  /' | sort -u | sort -k1,1 -n -r
rm -f "$log"
