#!/usr/bin/env python3
"""Runs `reco bench` (Release build) and attributes its CPU per phase to thread kinds, from /proc/<pid>/task/*/stat.

usage: python3 eng/bench-cpu.py [reco bench options]
Thread kinds: rdk:mock = the embedded broker; rdk:* = librdkafka clients; .NET TP Worker = pipeline, sandbox, HTTP
(managed work on the thread pool); .NET BGC = background GC; .NET Tiered Com = JIT. The bench's own output goes to
stdout first, then one block per phase: wall time, CPU seconds and cores used per thread kind.
"""
import collections
import os
import re
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RECO = os.path.join(ROOT, "src/RecoFunctions.Local/bin/Release/net10.0/reco")
HZ = os.sysconf("SC_CLK_TCK")


def snapshot(pid):
    threads = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as stat:
                text = stat.read()
        except OSError:
            continue
        fields = text[text.rindex(")") + 2:].split()
        threads[tid] = (re.sub(r"\d+$", "#", text[text.index("(") + 1:text.rindex(")")]), int(fields[11]) + int(fields[12]))
    return threads


def main():
    bench = subprocess.Popen([RECO, "bench", *sys.argv[1:]], stderr=subprocess.PIPE, text=True, cwd=ROOT)
    marks = []

    def follow():
        for line in bench.stderr:
            sys.stderr.write(line)
            phase = re.search(r"phase (\d)/3", line)
            if phase:
                marks.append((f"phase {phase.group(1)}", time.time(), snapshot(bench.pid)))

    reader = threading.Thread(target=follow)
    reader.start()
    last = None
    while bench.poll() is None:
        try:
            last = (time.time(), snapshot(bench.pid))
        except OSError:
            pass
        time.sleep(0.5)
    reader.join()
    marks.append(("end", *last))
    for (name, start, before), (_, end, after) in zip(marks, marks[1:]):
        kinds = collections.Counter()
        for tid, (kind, ticks) in after.items():
            kinds[kind] += (ticks - before.get(tid, (kind, 0))[1]) / HZ
        wall = end - start
        total = sum(kinds.values())
        print(f"== {name}: wall {wall:.1f} s, cpu {total:.1f} s = {total / wall:.2f} cores")
        for kind, seconds in kinds.most_common(8):
            if seconds >= 0.05:
                print(f"   {kind:24s} {seconds:7.2f} s  {seconds / wall:5.2f} cores")
    return bench.returncode


if __name__ == "__main__":
    sys.exit(main())
