#!/usr/bin/env python3
"""tdps scanning while td-churn forks and reaps about a thousand processes a second (some
with a thread, some exec'ing), per backend and for `ax`, `-eLf` and `--json -e`:
  - no crash and no error exit; JSON always valid;
  - no row mixing two tasks or inventing one: a churn child names itself after its own pid
    ("c1234", "x1234" after an exec), so a row naming one must carry that pid;
  - no task lost that lived through the whole scan: every process (for -eLf every thread)
    in /proc both before and after the scan, with the same start time, is listed.

Usage: churn.py --tdps TDPS --churn TD_CHURN [--backends procfs,bpf] [--rounds N]
TD_CHURN_ROUNDS overrides --rounds (the documented long run: TD_CHURN_ROUNDS=200).
A backend this machine cannot serve (bpf without root) is reported and skipped, failing
under CI (CI set). A failure report shows the whole output of the run.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time

NAME = re.compile(r"^[cx](\d+)$")


def start_time(path):
    try:
        with open(path, "rb") as f:
            text = f.read()
    except OSError:
        return None
    fields = text[text.rfind(b")") + 2:].split()
    return int(fields[19]) if len(fields) > 19 else None


def snapshot(threads):
    """{id: start time} of every process (or thread) now in /proc."""
    seen = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        if threads:
            try:
                tids = os.listdir(f"/proc/{entry}/task")
            except OSError:
                continue
            for tid in tids:
                started = start_time(f"/proc/{entry}/task/{tid}/stat")
                if started is not None:
                    seen[int(tid)] = started
        else:
            started = start_time(f"/proc/{entry}/stat")
            if started is not None:
                seen[int(entry)] = started
    return seen


def rows_of_columns(out, columns, pid_at, task_at):
    """(pid, task, name) per row of a text listing whose last column is the command."""
    rows = []
    for line in out.decode(errors="replace").splitlines()[1:]:
        parts = line.split(None, columns - 1)
        if len(parts) == columns:
            rows.append((int(parts[pid_at]), int(parts[task_at]), parts[-1].strip()))
    return rows


def rows_ax(out):
    """ax: PID TTY STAT TIME COMMAND."""
    return rows_of_columns(out, 5, 0, 0)


def rows_elf(out):
    """-eLf: UID PID PPID LWP C NLWP STIME TTY TIME CMD."""
    return rows_of_columns(out, 10, 1, 3)


def rows_json(out):
    doc = json.loads(out)
    return [(o["pid"], o["pid"], o.get("ucmd", "")) for o in doc]


LISTINGS = [
    # name, tdps arguments, rows, ids listed (0: processes, 1: threads)
    ("ax", ["ax"], rows_ax, False),
    ("-eLf", ["-eLf"], rows_elf, True),
    ("--json -e", ["--json", "-e"], rows_json, False),
]


def one_run(tdps, backend, listing):
    name, args, parse, threads = listing
    before = snapshot(threads)
    env = dict(os.environ, PROCSCAN_BACKEND=backend, LC_ALL="C")
    done = subprocess.run([tdps] + args, capture_output=True, env=env, timeout=120)
    after = snapshot(threads)
    problems = []
    if done.returncode != 0:
        problems.append(f"exit status {done.returncode}, stderr {done.stderr!r}")
        return problems, done
    try:
        rows = parse(done.stdout)
    except (ValueError, KeyError) as e:
        problems.append(f"output does not parse: {e}")
        return problems, done
    listed = set()
    named = 0
    for pid, task, command in rows:
        listed.add(task if threads else pid)
        match = NAME.match(command)
        if match:
            named += 1
            if int(match.group(1)) != pid:
                problems.append(f"row of pid {pid} names {command!r}: two tasks in one row")
    one_run.churn_rows += named
    for task, started in before.items():
        if after.get(task) == started and task not in listed:
            problems.append(f"{'thread' if threads else 'process'} {task} lived through the scan "
                            f"but is not listed")
    return problems, done


one_run.churn_rows = 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tdps", required=True)
    parser.add_argument("--churn", required=True)
    parser.add_argument("--backends", default="procfs,bpf")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    rounds = int(os.environ.get("TD_CHURN_ROUNDS", args.rounds))
    ci = bool(os.environ.get("CI"))
    began = time.monotonic()
    churn = subprocess.Popen([args.churn, "--rate=1000"], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, start_new_session=True)
    failures = 0
    skipped = []
    try:
        if churn.stdout.readline().strip() != b"ready":
            print("FAIL: td-churn did not start")
            return 1
        for backend in args.backends.split(","):
            probe = subprocess.run([args.tdps, "-p", "1"], capture_output=True,
                                   env=dict(os.environ, PROCSCAN_BACKEND=backend))
            if probe.returncode != 0:
                skipped.append(f"{backend}: {probe.stderr.decode(errors='replace').strip()}")
                continue
            for listing in LISTINGS:
                for round_number in range(rounds):
                    problems, done = one_run(args.tdps, backend, listing)
                    label = f"{backend} tdps {listing[0]} round {round_number + 1}"
                    if problems:
                        failures += 1
                        print(f"FAIL {label}:")
                        for p in problems[:20]:
                            print("   ", p)
                        print("  stdout:")
                        print(done.stdout.decode(errors="replace"))
                        print(f"  stderr: {done.stderr!r}")
                    else:
                        print(f"ok   {label}")
    finally:
        try:
            rest = churn.communicate(timeout=30)[0]  # closes stdin: the churn ends
        except subprocess.TimeoutExpired:
            churn.kill()
            rest = churn.communicate()[0]
        elapsed = time.monotonic() - began
        forked = re.search(rb"forked (\d+)", rest)
        rate = int(forked.group(1)) / elapsed if forked else 0
        # Below the aim of 1,000 a second on a loaded machine; the report says what it was.
        print(f"td-churn: {rest.decode(errors='replace').strip()} in {elapsed:.1f} s: "
              f"{rate:.0f} a second")
    # The name check means something only if the scans met the churn.
    if one_run.churn_rows == 0:
        print("FAIL: no scan listed a churn child: the churn did not run beside the scans")
        failures += 1
    else:
        print(f"rows of churn children checked: {one_run.churn_rows}")
    for s in skipped:
        print(("FAILED" if ci else "SKIPPED") + " backend " + s)
    if failures:
        print(f"{failures} runs failed")
        return 1
    if skipped:
        return 1 if ci else 77
    return 0


if __name__ == "__main__":
    sys.exit(main())
