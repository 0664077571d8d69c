#!/usr/bin/env python3
"""bench/faults.sh's table: per fault, the answers by status, the longest wait, the readiness
transitions of each instance (seconds from the fault's start) and the switches acknowledged to
clients against the rows in the database.

    faults-report.py OUT_DIR BASE_A BASE_B FAULT...
"""
import collections
import csv
import os
import sys


def times(path):
    with open(path) as f:
        return {row[0]: int(row[1]) for row in csv.reader(f)}


def main():
    out, base_a, base_b, faults = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    start, end, run_end = (times(os.path.join(out, n)) for n in ("fault-start.csv", "fault-end.csv", "run-end.csv"))
    with open(os.path.join(out, "readiness.csv")) as f:
        readiness = [(int(r[0]), r[1], r[2], int(r[3])) for r in csv.reader(f)]
    names = {}
    for _, url, _, _ in readiness:
        names.setdefault(url, "a" if len(names) == 0 else "b")
    inst = {base_a: "a", base_b: "b"}
    print()
    print("| fault | answers by status (sign-in; switch) | longest wait | readiness (s from the fault's start) "
          "| slowest /q/health/ready | switches acknowledged / rows / duplicates |")
    print("|---|---|---|---|---|---|")
    previous_end = 0
    for fault in faults:
        d = os.path.join(out, fault)
        t0, t1, t2 = start[fault], end[fault], run_end[fault]
        counts = {"signin": collections.Counter(), "switch": collections.Counter()}
        longest = (0, "", "")
        with open(os.path.join(d, "answers.csv")) as f:
            for at, kind, base, status, ms in csv.reader(f):
                counts[kind][status] += 1
                if int(ms) > longest[0]:
                    longest = (int(ms), kind, "%s at %+.1f s" % (inst.get(base, base), (int(at) - int(ms) - t0) / 1000))
        answers = "; ".join(", ".join("%s: %d" % (s, n) for s, n in sorted(counts[k].items())) or "-"
                            for k in ("signin", "switch"))
        # Readiness: each instance's state when the run began, then each change.
        window = [r for r in readiness if previous_end <= r[0] <= t2 and r[0] >= t0 - 5000]
        parts, slowest = [], 0
        for url in sorted(names, key=names.get):
            rows = [r for r in window if r[1] == url]
            if not rows:
                continue
            state = rows[0][2]
            seq = ["%s %s" % (names[url], state)]
            for at, _, s, ms in rows:
                if s != state:
                    seq.append("%+.1f %s" % ((at - t0) / 1000, s))
                    state = s
            parts.append(", ".join(seq))
            slowest = max(slowest, max(r[3] for r in rows))
        with open(os.path.join(d, "acks.csv")) as f:
            acks = [row for row in csv.reader(f)]
        acked = {int(r[1]) for r in acks}
        with open(os.path.join(d, "rows.txt")) as f:
            rows_db = {int(line) for line in f if line.strip()}
        with open(os.path.join(d, "duplicates.txt")) as f:
            duplicates = int(f.read().strip() or 0)
        repeated = len(acks) - len({r[0] for r in acks})
        verdict = "%d / %d / %d%s%s" % (len(acked), len(rows_db), duplicates + repeated,
                                       "" if acked == rows_db else " (MISMATCH: %d acknowledged not in the DB, %d in the DB not acknowledged)"
                                       % (len(acked - rows_db), len(rows_db - acked)),
                                       ", equal" if acked == rows_db and duplicates + repeated == 0 else "")
        print("| %s (%.0f s) | %s | %.1f s (%s, %s) | %s | %d ms | %s |" % (
            fault, (t1 - t0) / 1000, answers, longest[0] / 1000, longest[1], longest[2], "; ".join(parts), slowest, verdict))
        previous_end = t2
    print()
    print("Statuses: 'net' = no HTTP answer (connection refused or reset, or the client's 30 s timeout).")


if __name__ == "__main__":
    main()
