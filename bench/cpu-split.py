#!/usr/bin/env python3
"""CPU seconds by process between two snapshots: `cpu-split.py snap FILE NAME=PID...` writes one,
`cpu-split.py diff OLD NEW` prints where the 2 cores went in between (PostgreSQL's backends summed)."""
import json, os, sys, time

TICK = os.sysconf('SC_CLK_TCK')


def ticks(pid):
    with open(f'/proc/{pid}/stat') as f:
        fields = f.read().rsplit(')', 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime (threads included)


def snap(names):
    out = {'time': time.time(), 'groups': {}}
    named = {int(p): n for n, p in names}
    for pid in filter(str.isdigit, os.listdir('/proc')):
        try:
            with open(f'/proc/{pid}/comm') as f:
                comm = f.read().strip()
            group = named.get(int(pid)) or ('postgres' if comm in ('postgres', 'postmaster') else None)
            if group:
                out['groups'][group] = out['groups'].get(group, 0) + ticks(pid)
        except (FileNotFoundError, ProcessLookupError):
            pass
    with open('/proc/stat') as f:
        cpu = [int(x) for x in f.readline().split()[1:]]
    out['total'] = sum(cpu) - cpu[3] - cpu[4]  # busy ticks of all cores: not idle, not iowait
    # Waiting on the disk, and the host running other guests on our cores: what a stall was.
    out['iowait'] = cpu[4]
    out['steal'] = cpu[7] if len(cpu) > 7 else 0
    return out


if sys.argv[1] == 'snap':
    json.dump(snap([a.split('=', 1) for a in sys.argv[3:]]), open(sys.argv[2], 'w'))
else:
    a, b = (json.load(open(p)) for p in sys.argv[2:4])
    wall = b['time'] - a['time']
    # A process started in between (instance b after its SIGKILL) has no first figure: left out.
    parts = [f"{g} {(b['groups'][g] - a['groups'][g]) / TICK / wall:.2f}"
             for g in b['groups'] if g in a['groups']]
    print(f"cores used over {wall:.1f} s: " + ', '.join(parts)
          + f"; machine {(b['total'] - a['total']) / TICK / wall:.2f} of {os.cpu_count()}"
          + f" (steal {(b.get('steal', 0) - a.get('steal', 0)) / TICK / wall:.2f}, iowait {(b.get('iowait', 0) - a.get('iowait', 0)) / TICK / wall:.2f})")
