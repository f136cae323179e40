#!/usr/bin/env python3
# threadcpu.py - run a command, sample /proc/PID/task/*/stat every 20 ms and
# print its wall time and the CPU seconds of each of its threads (the last
# sample before exit, so a thread's last 20 ms may be missed). Used for the
# "Threads" figures in docs/BENCHMARKS.md: bench/threadcpu.py build/dyad code -q -j 2 ...

import subprocess, sys, os, time
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
hz = os.sysconf("SC_CLK_TCK"); last = {}
t0 = time.time()
while p.poll() is None:
    try:
        for tid in os.listdir("/proc/%d/task" % p.pid):
            f = open("/proc/%d/task/%s/stat" % (p.pid, tid)).read().rsplit(")", 1)[1].split()
            last[tid] = (int(f[11]) + int(f[12])) / hz
    except (FileNotFoundError, ProcessLookupError):
        pass
    time.sleep(0.02)
wall = time.time() - t0
tids = sorted(last, key=int)
print("wall %.2f s; per thread CPU s: %s; total %.2f" % (wall, " ".join("%.2f" % last[t] for t in tids), sum(last.values())))
