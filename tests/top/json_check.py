#!/usr/bin/env python3
"""tdtop --json against tdtop's text frames, on processes this script spawns.

Usage: json_check.py TDTOP

Every frame must be one line of valid JSON with the documented members; the rows of a
frame must be the tasks the text frame shows, with the same pids, users, states and
commands; a process named with a newline, a quote and invalid UTF-8 must come back as
its bytes.
"""
import json
import os
import subprocess
import sys
import time

TDTOP = sys.argv[1]
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what)


# A sleeper whose command line tries to break JSON.
child = subprocess.Popen([b"json\t\"quoted\"\n\xffarg", b"60"], executable=b"/bin/sleep")
time.sleep(0.3)

try:
    env = dict(os.environ, HOME="/nonexistent", XDG_CONFIG_HOME="/nonexistent")
    run = subprocess.run([TDTOP, "-b", "-n", "2", "-d", "0.1", "--json", "-c"],
                         capture_output=True, env=env, timeout=60)
    check(run.returncode == 0, f"exit status {run.returncode}: {run.stderr!r}")
    lines = run.stdout.decode("utf-8").splitlines()
    check(len(lines) == 2, f"two frames, one line each, got {len(lines)} lines")
    frames = [json.loads(line) for line in lines]
    for number, frame in enumerate(frames, 1):
        check(frame["frame"] == number, f"frame number {frame['frame']}")
        for key in ("time", "uptime", "users", "load_average", "tasks", "cpu", "cpus", "memory",
                    "swap", "fields", "rows"):
            check(key in frame, f"frame {number} has {key}")
        check(len(frame["load_average"]) == 3, "three load averages")
        check(frame["fields"] == ["PID", "USER", "PR", "NI", "VIRT", "RES", "SHR", "S", "%CPU",
                                  "%MEM", "TIME+", "COMMAND"], f"fields {frame['fields']}")
        check(frame["tasks"]["total"] == len(frame["rows"]),
              f"every task shown: {frame['tasks']['total']} against {len(frame['rows'])}")
        check(sum(frame["tasks"][k] for k in ("running", "sleeping", "stopped", "zombie"))
              == frame["tasks"]["total"], "the counts add up")
        check(frame["memory"]["total"] >= frame["memory"]["free"], "memory total >= free")
        for row in frame["rows"]:
            check(isinstance(row["PID"], int) and isinstance(row["RES"], int)
                  and isinstance(row["TIME+"], (int, float)) and isinstance(row["%CPU"], float),
                  f"numbers are numbers: {row}")
    mine = [row for row in frames[0]["rows"] if row["PID"] == child.pid]
    check(len(mine) == 1, "the hostile sleeper is listed once")
    if mine:
        # -c: the command line, its NULs as blanks; \xff is one code point U+00FF per byte.
        check(mine[0]["COMMAND"] == 'json\t"quoted"\n\u00ffarg 60',
              f"command line bytes back: {mine[0]['COMMAND']!r}")
        check(mine[0]["S"] == "S", f"state {mine[0]['S']!r}")

    # The same tasks as the text frame, in the same order, for tasks that stay put.
    stable = f"1,{child.pid},{os.getpid()}"
    text = subprocess.run([TDTOP, "-b", "-n", "1", "-o", "PID", "-w", "512", "-p", stable],
                          capture_output=True, env=env, timeout=60).stdout.decode("utf-8", "replace")
    text_rows = text.split("\n\n", 1)[1].splitlines()[1:]
    text_pids = [line.split()[0] for line in text_rows if line.strip()]
    json_run = subprocess.run([TDTOP, "-b", "-n", "1", "-o", "PID", "--json", "-p", stable],
                              capture_output=True, env=env, timeout=60)
    json_pids = [str(row["PID"]) for row in json.loads(json_run.stdout)["rows"]]
    # A pid longer than the column (pid_max raised after boot) is cut with a '+' in text.
    same = len(text_pids) == len(json_pids) and all(
        j == t or (t.endswith("+") and j.startswith(t[:-1])) for t, j in zip(text_pids, json_pids))
    check(same and len(json_pids) == 3, f"same pids: {text_pids} against {json_pids}")
finally:
    child.kill()

print("json_check:", "FAILED" if failures else "ok")
sys.exit(1 if failures else 0)
