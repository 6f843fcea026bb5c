#!/usr/bin/env python3
"""Per-rule precision of a real-code probe run, as the table of docs/precision.md.

Usage: eng/precision-table.py FINDINGS.tsv VERDICTS.tsv [VERDICTS.tsv ...]

FINDINGS.tsv is what `dotnet run --project eng/MessagingAnalyzers.Probe -- FOLDER --out FINDINGS.tsv` writes.
Each VERDICTS.tsv has the columns repository, file, line, id, verdict (right|wrong|arguable), reason: a reviewer's
reading of each finding. Findings without a verdict are counted as unjudged. Prints no repository or file name,
only counts per rule, so the output can be committed.
"""
import csv
import sys
from collections import defaultdict


def read(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    findings = read(argv[0])
    verdicts = {}
    for path in argv[1:]:
        for row in read(path):
            verdicts[(row["repository"], row["file"], row["line"], row["id"])] = row["verdict"].strip().lower()

    counts = defaultdict(lambda: defaultdict(int))
    severity = {}
    repositories = set()
    for row in findings:
        key = (row["repository"], row["file"], row["line"], row["id"])
        counts[row["id"]][verdicts.get(key, "unjudged")] += 1
        severity[row["id"]] = row["severity"]
        repositories.add(row["repository"])

    print("| Rule | Severity in the run | Findings | Right | Wrong | Arguable | Unjudged | Precision |")
    print("|---|---|---|---|---|---|---|---|")
    totals = defaultdict(int)
    for rule in sorted(counts):
        c = counts[rule]
        total = sum(c.values())
        judged = c["right"] + c["wrong"]
        precision = f"{100 * c['right'] / judged:.0f}%" if judged else "-"
        print(f"| {rule} | {severity[rule]} | {total} | {c['right']} | {c['wrong']} | {c['arguable']} | {c['unjudged']} | {precision} |")
        for k, v in c.items():
            totals[k] += v
        totals["all"] += total
        if severity[rule] == "Warning":
            for k, v in c.items():
                totals["warning-" + k] += v

    judged = totals["right"] + totals["wrong"]
    warning_judged = totals["warning-right"] + totals["warning-wrong"]
    print()
    print(f"Findings: {totals['all']} in {len(repositories)} repositories; right {totals['right']}, wrong {totals['wrong']}, "
          f"arguable {totals['arguable']} ({100 * totals['arguable'] / max(totals['all'], 1):.1f}% of all), unjudged {totals['unjudged']}.")
    if judged:
        print(f"Package precision, right / (right + wrong): {100 * totals['right'] / judged:.1f}%.")
    if warning_judged:
        print(f"Warning rules' precision: {100 * totals['warning-right'] / warning_judged:.1f}% "
              f"({totals['warning-right']} right, {totals['warning-wrong']} wrong).")


if __name__ == "__main__":
    main(sys.argv[1:])
