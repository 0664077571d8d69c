#!/usr/bin/env python3
"""Samples the scheduler statistics of every thread of the service (quarkus-run), PostgreSQL and the
load generator (wrk, bench/open.c) at 10 Hz until stopped: per line the time, thread id, name (the
JVM's thread names; PostgreSQL's process kind; load), CPU ns and run-queue wait ns so far
(/proc/<pid>/task/<tid>/schedstat).
Usage: schedstat.py OUT"""
import os, signal, sys, time

out = open(sys.argv[1], 'w')
kinds = {}
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))


def kind(pid):
    if pid not in kinds:
        try:
            cmd = open(f'/proc/{pid}/cmdline', 'rb').read().replace(b'\0', b' ').decode(errors='replace')
        except OSError:
            return None
        if 'quarkus-run' in cmd:
            kinds[pid] = 'java'
        elif cmd.startswith('postgres:'):
            kinds[pid] = 'pg:' + (cmd.split(':', 1)[1].split() or ['?'])[0]
        elif '/bin/postgres ' in cmd:
            kinds[pid] = 'pg:postmaster'
        elif cmd.startswith('wrk') or os.path.basename(cmd.split(' ')[0]) == 'open-loop':
            kinds[pid] = 'load'
        else:
            kinds[pid] = None
    return kinds[pid]


while True:
    t = time.time()
    rows = []
    for pid in filter(str.isdigit, os.listdir('/proc')):
        k = kind(pid)
        if not k:
            continue
        try:
            for tid in os.listdir(f'/proc/{pid}/task'):
                try:
                    name = open(f'/proc/{pid}/task/{tid}/comm').read().strip() if k == 'java' else k
                    cpu, wait, _ = open(f'/proc/{pid}/task/{tid}/schedstat').read().split()
                    rows.append(f'{t:.3f}\t{tid}\t{name}\t{cpu}\t{wait}')
                except (OSError, ValueError):
                    pass
        except OSError:
            pass
    if rows:
        out.write('\n'.join(rows) + '\n')
        out.flush()
    time.sleep(max(0.0, 0.1 - (time.time() - t)))
