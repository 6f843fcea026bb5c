#!/usr/bin/env python3
"""Prints each skipped test and its reason from the TRX logs of a test run (dotnet test --logger trx), which the
default console output of dotnet test leaves out:

    dotnet test MessagingAnalyzers.sln --logger "trx;LogFilePrefix=tests" --results-directory artifacts/trx
    ./eng/print-skip-reasons.py artifacts/trx

Reads only; needs no privileges."""
import glob, os, sys, xml.etree.ElementTree as ET

folder = sys.argv[1] if len(sys.argv) > 1 else "artifacts/trx"
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
skipped = []
for path in sorted(glob.glob(os.path.join(folder, "**", "*.trx"), recursive=True)):
    for result in ET.parse(path).getroot().iterfind(".//t:UnitTestResult", ns):
        if result.get("outcome") == "NotExecuted":
            reason = " ".join(m.text.strip() for m in result.iterfind(".//t:Output//t:Message", ns) if m.text) or "no reason given"
            skipped.append((result.get("testName"), reason))
if skipped:
    print(f"skipped tests ({len(skipped)}), with their reasons:")
    for name, reason in skipped:
        print(f"  {name}: {reason}")
else:
    print("skipped tests: none")
