#!/usr/bin/env python3
"""Times commands in turns: one run of each case, then the next round.

Usage: bench/turns.py RUNS NAME PREPARE COMMAND [NAME PREPARE COMMAND ...]

Each case is a name, a shell command run untimed before each of its runs
(empty for none) and the command to time (split into words and run
without a shell, so no shell's start is timed). One untimed round comes
first, then RUNS rounds, each case once a round in the order given, so
that a machine that slows down slows every case alike. Prints one line a
case: its name, then the median, lowest and highest wall time in
milliseconds. A command that fails stops the script.
"""

import shlex
import statistics
import subprocess
import sys
import time


def run(name, prepare, command):
    """Runs one case once; returns its wall time in seconds."""
    if prepare:
        subprocess.run(prepare, shell=True, check=True)
    started = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"turns.py: {name}: {shlex.join(command)} failed ({done.returncode})")
    return elapsed


def main():
    args = sys.argv[1:]
    if len(args) < 4 or (len(args) - 1) % 3 != 0 or not args[0].isdigit():
        sys.exit(__doc__)
    runs = int(args[0])
    cases = [(args[i], args[i + 1], shlex.split(args[i + 2])) for i in range(1, len(args), 3)]
    times = {name: [] for name, _, _ in cases}
    for round_ in range(runs + 1):
        for name, prepare, command in cases:
            elapsed = run(name, prepare, command)
            if round_ > 0:
                times[name].append(elapsed * 1000)
    for name, _, _ in cases:
        taken = times[name]
        print(f"{name} {statistics.median(taken):.1f} {min(taken):.1f} {max(taken):.1f}")


if __name__ == "__main__":
    main()
