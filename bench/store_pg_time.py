#!/usr/bin/env python3
"""store_pg_time.py - `dyad query`, `relations` (every dyad, and one) on an
SQLite store and on the same store in PostgreSQL (bench/pg_store.sh),
interleaved: wall time, dyad's CPU (wait4) and the server's CPU (the
exited backends' user + sys, read from the postmaster's cutime + cstime in
/proc, so run it as a user that may read them). Prints medians. Not a
test; docs/BENCHMARKS.md, "Queries on a store of a million events, schema 4".

  python3 bench/store_pg_time.py DYAD SQLITE_STORE URI PGDATA [RUNS]
"""
import os
import statistics
import subprocess
import sys
import time

dyad, lite, uri, pgdata = sys.argv[1:5]
runs = int(sys.argv[5]) if len(sys.argv) > 5 else 7
with open(os.path.join(pgdata, 'postmaster.pid')) as f:
    postmaster = int(f.readline())
tick = os.sysconf('SC_CLK_TCK')


def server_cpu():
    with open('/proc/%d/stat' % postmaster) as f:
        fields = f.read().rsplit(')', 1)[1].split()
    return (int(fields[13]) + int(fields[14])) / tick


commands = {
    'query --dyad RUS,UKR --limit 100': ['query', '--dyad', 'RUS,UKR', '--limit', '100'],
    'relations --period 2022 --step month': ['relations', '--period', '2022', '--step', 'month'],
    'relations ... --dyad RUS,UKR': ['relations', '--period', '2022', '--step', 'month',
                                     '--dyad', 'RUS,UKR'],
}
res = {}
for _ in range(runs):
    for name, args in commands.items():
        for store, db in (('sqlite', lite), ('pg', uri)):
            s0 = server_cpu()
            t0 = time.time()
            p = subprocess.Popen([dyad] + args + ['--db', db], stdout=subprocess.DEVNULL)
            _, _, ru = os.wait4(p.pid, 0)
            wall = time.time() - t0
            time.sleep(0.3)     # the backend's exit reaches the postmaster's counters
            res.setdefault((name, store), []).append(
                (wall * 1000, (ru.ru_utime + ru.ru_stime) * 1000, (server_cpu() - s0) * 1000))
print('load average %s' % open('/proc/loadavg').read().split()[0])
for (name, store), v in res.items():
    w = [x[0] for x in v]
    print('%-40s %-6s wall ms median %.0f (%.0f-%.0f), dyad CPU ms %.0f, server CPU ms %.0f' % (
        name, store, statistics.median(w), min(w), max(w),
        statistics.median([x[1] for x in v]), statistics.median([x[2] for x in v])))
