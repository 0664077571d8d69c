#!/usr/bin/env python3
"""Lines an open loop's trace (OPEN_TRACE) up with schedstat.py's samples: for the fastest and the
slowest fifth of the sampling intervals (by their share of requests over SLOW ms), the cores each kind
of thread used and the run-queue wait it had (ms per s), and the intervals' totals.
Usage: schedstat-bins.py TRACE SAMPLES [SLOW_MS]"""
import collections, re, sys

trace, samples = sys.argv[1], sys.argv[2]
slow_ms = float(sys.argv[3]) if len(sys.argv) > 3 else 40
lines = open(trace).read().split('\n')
origin = int(re.search(r'realtime_us=(\d+)', lines[0]).group(1)) / 1e6
requests = sorted((origin + float(l.split()[0]) / 1000, float(l.split()[1])) for l in lines[1:] if l.strip())
snaps = collections.OrderedDict()
for l in open(samples):
    f = l.rstrip('\n').split('\t')
    if len(f) == 5:
        snaps.setdefault(float(f[0]), {})[f[1]] = (f[2], int(f[3]), int(f[4]))


def kind(name):
    for prefix in ('vert.x-eventloo', 'GC Thread', 'G1 ', 'C2 ', 'C1 ', 'executor-thread', 'VM Thread'):
        if name.startswith(prefix):
            return prefix.strip()
    return name if name.startswith('pg:') or name == 'load' else 'java:' + name


rows = []
times = list(snaps)
i = 0
for a, b in zip(times, times[1:]):
    while i < len(requests) and requests[i][0] < a:
        i += 1
    j = i
    while j < len(requests) and requests[j][0] < b:
        j += 1
    inside = requests[i:j]
    if not inside or b - a > 0.3:
        continue
    cpu, wait = collections.Counter(), collections.Counter()
    for tid, (name, c, w) in snaps[b].items():
        c0, w0 = snaps[a][tid][1:] if tid in snaps[a] else (0, 0)  # a thread born in between: all of it
        cpu[kind(name)] += (c - c0) / 1e6 / (b - a)
        wait[kind(name)] += (w - w0) / 1e6 / (b - a)
    rows.append((sum(1 for r in inside if r[1] > slow_ms) / len(inside), cpu, wait))
rows.sort(key=lambda r: r[0])
k = max(1, len(rows) // 5)
for label, part in (('fastest', rows[:k]), ('slowest', rows[-k:])):
    n = len(part)
    print(f'{label} fifth, {n} intervals: {100 * sum(r[0] for r in part) / n:.0f} % of requests over {slow_ms:g} ms; '
          f'cores used {sum(sum(r[1].values()) for r in part) / n / 1000:.2f}, '
          f'threads waiting to run {sum(sum(r[2].values()) for r in part) / n / 1000:.2f}')
    for name in sorted({x for r in part for x in r[1]}):
        c, w = sum(r[1][name] for r in part) / n, sum(r[2][name] for r in part) / n
        if c > 5 or w > 5:
            print(f'  {name:28s} cpu {c:7.1f} ms/s  run-queue wait {w:7.1f} ms/s')
