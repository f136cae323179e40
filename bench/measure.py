#!/usr/bin/env python3
"""measure.py - run one command and report its wall time, CPU time and peak RSS.

The command runs directly (no shell) with stdin, stdout and stderr redirected
to files; wall time is taken with time.perf_counter around spawn and wait,
CPU time comes from os.wait4 on that very child, so nothing else the caller
ran is counted. Peak resident set size: Linux charges a child with the RSS
its parent had when it forked (the Python runner, ~10 MB), so when GNU time
is installed (/usr/bin/time, Debian package "time") the command runs under
`time -f %M`, which forks it from a small process, and its figure is used;
otherwise ru_maxrss from os.wait4 is reported and "rss_via" says "wait4"
(an upper bound whose floor is the runner's own RSS). Used as a module by
bench.py and usable alone:

    python3 bench/measure.py [--stdin F] [--stdout F] [--stderr F] -- CMD ARGS...

prints one JSON object: {"cmd", "rc", "wall_s", "user_s", "sys_s", "maxrss_kb"}.

Python 3 standard library only (Linux: ru_maxrss is in KiB).
"""
import argparse
import json
import os
import subprocess
import sys
import time


GNU_TIME = "/usr/bin/time"


def have_gnu_time():
    try:
        out = subprocess.run([GNU_TIME, "--version"], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, timeout=5).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return b"GNU" in out


_GNU = None


def run(cmd, stdin=None, stdout=None, stderr=None, env=None, rss_file=None):
    """Run cmd (a list) once. stdin/stdout/stderr are paths (None: /dev/null).
    rss_file: a scratch path for GNU time's report (None: no GNU time)."""
    global _GNU
    if _GNU is None:
        _GNU = have_gnu_time()
    use_time = _GNU and rss_file is not None
    if use_time:
        try:
            os.unlink(rss_file)
        except FileNotFoundError:
            pass
        cmd_run = [GNU_TIME, "-q", "-f", "%M", "-o", rss_file] + list(cmd)
    else:
        cmd_run = list(cmd)
    fin = open(stdin or os.devnull, "rb")
    fout = open(stdout or os.devnull, "wb")
    ferr = open(stderr or os.devnull, "wb")
    try:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd_run, stdin=fin, stdout=fout, stderr=ferr, env=env)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)  # Popen must not wait again
    finally:
        fin.close()
        fout.close()
        ferr.close()
    maxrss, via = ru.ru_maxrss, "wait4"
    if use_time:
        try:
            with open(rss_file, encoding="utf-8") as f:
                lines = [ln for ln in f.read().split("\n") if ln.strip()]
            maxrss, via = int(lines[-1]), "gnu-time"
        except (OSError, ValueError, IndexError):
            pass
    return {"cmd": list(cmd), "rc": p.returncode, "wall_s": wall, "user_s": ru.ru_utime,
            "sys_s": ru.ru_stime, "maxrss_kb": maxrss, "rss_via": via}


def main():
    ap = argparse.ArgumentParser(description="Time one command and report its peak RSS.")
    ap.add_argument("--stdin")
    ap.add_argument("--stdout")
    ap.add_argument("--stderr")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd[:1] == ["--"] else a.cmd
    if not cmd:
        ap.error("no command")
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        r = run(cmd, a.stdin, a.stdout, a.stderr, rss_file=os.path.join(d, "rss"))
    print(json.dumps(r))
    return 0 if r["rc"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
