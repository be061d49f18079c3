#!/usr/bin/env python3
"""tdps --json against tdps text output, on processes this script spawns.

Usage: json_check.py TDPS

The fixtures run under names and arguments that try to break JSON: newlines, tabs,
quotes, backslashes, invalid UTF-8, C1 controls. Every output must parse as JSON; its
values must match the text columns for the same rows; strings must give back the kernel's
bytes (valid UTF-8 as is, each invalid byte as U+00XX).
"""
import codecs
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

TDPS = sys.argv[1]
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what)


def byte_escape(error):
    return "".join(chr(b) for b in error.object[error.start:error.end]), error.end


codecs.register_error("td-json-bytes", byte_escape)


def expected_text(raw: bytes) -> str:
    return raw.decode("utf-8", errors="td-json-bytes")


def run(*args, env=None):
    result = subprocess.run([TDPS, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env)
    return result


def run_json(*args):
    result = run("--json", *args)
    text = result.stdout.decode("utf-8")  # must be valid UTF-8 whatever the names
    try:
        value = json.loads(text)
    except ValueError as e:
        check(False, f"invalid JSON for {args}: {e}")
        return [], result.returncode
    check(isinstance(value, list), f"not an array for {args}")
    return value, result.returncode


# Names and arguments of the fixtures (comm is cut to 15 bytes by the kernel).
HOSTILE = [
    b"plain-sleeper",
    b"new\nline",
    b"tab\there",
    b'quo"te\\back',
    b"bad\xff\xfeutf8",
    b"c1\xc2\x9bcsi",
    b"caf\xc3\xa9",
    b"cut\xe2\x82",
]

workdir = tempfile.mkdtemp(prefix="td-json-")
fixtures = []
for i, name in enumerate(HOSTILE):
    # A shell under the hostile name stays alive while its child sleeps; its arguments
    # after the script are hostile too.
    link = os.path.join(workdir.encode(), name)
    os.symlink(b"/bin/sh", link)
    argv = [link, b"-c", b"sleep 1000; :", b"arg\nwith\tcontrol", b"\xff" + name]
    fixtures.append((subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                      start_new_session=True), name, argv))
threaded = subprocess.Popen(
    [sys.executable, "-c",
     "import threading,time\n"
     "for _ in range(3): threading.Thread(target=time.sleep, args=(1000,), daemon=True).start()\n"
     "time.sleep(1000)"])
time.sleep(0.5)
pids = [p.pid for p, _, _ in fixtures]
pid_list = ",".join(str(p) for p in pids)
me = str(os.getpid())

try:
    # Raw strings: comm and args give back the kernel's bytes.
    rows, status = run_json("-o", "pid,comm,args,fname", "-p", pid_list)
    check(status == 0, "exit status 0 with rows")
    by_pid = {row["pid"]: row for row in rows}
    check(sorted(by_pid) == sorted(pids), "the selected pids, each once")
    for proc, name, argv in fixtures:
        row = by_pid.get(proc.pid, {})
        check(row.get("comm") == expected_text(name[:15]), f"comm of {name!r}: {row.get('comm')!r}")
        check(row.get("fname") == row.get("comm"), f"fname is the raw name for {name!r}")
        check(row.get("args") == expected_text(b" ".join(argv)), f"args of {name!r}: {row.get('args')!r}")

    # Output bytes stay printable: no raw control characters at all.
    raw = run("--json", "-o", "pid,comm,args", "-p", pid_list).stdout
    check(not re.search(rb"[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]", raw), "no control bytes in the output")

    # Every specifier, alone: valid JSON, the key is the specifier, and the value agrees
    # with the text column for the same rows.
    specs = [line.split()[0] for line in run("L").stdout.decode().splitlines()]
    check(len(specs) > 100, "ps L lists the specifiers")
    ascii_pid = str(pids[0])
    number = re.compile(r"^-?\d+(\.\d+)?$")
    clock = re.compile(r"^(?:(\d+)-)?(?:(\d+):)?(\d+):(\d+)$")
    def compare_spec(spec):
        """The complaints about one specifier's JSON value against its text column."""
        complaints = []
        def expect(condition, what):
            if not condition:
                complaints.append(what)
        rows, _ = run_json("-o", spec, "-p", ascii_pid)
        if len(rows) != 1 or list(rows[0]) != [spec]:
            return [f"{spec}: one row keyed {spec!r}: {rows!r}"]
        value = rows[0][spec]
        text = run("-o", spec + "=", "-p", ascii_pid).stdout.decode("utf-8", "replace").strip()
        if spec in ("lstart", "start", "stime", "bsdstart", "start_time"):
            # The text shows a date or a time of day; the epoch value must print as it.
            local = time.localtime(value) if isinstance(value, int) else None
            expect(local is not None and any(time.strftime(f, local) in text for f in ("%H:%M", "%b%d", "%Y")),
                   f"{spec}: epoch {value!r} against {text!r}")
        elif value is None:
            expect(text in ("-", "xx", ""), f"{spec}: null where text says {text!r}")
        elif isinstance(value, bool):
            expect(False, f"{spec}: boolean")
        elif isinstance(value, (int, float)):
            m = clock.match(text)
            if number.match(text):
                # pss moves between the two runs: each tdps maps the same library pages, and
                # the share of the fixture changes with who else maps them.
                slack = max(1.0, float(text) * 0.05) if spec == "pss" else 0.999
                expect(abs(float(text) - value) <= slack, f"{spec}: {value} against text {text!r}")
            elif m:
                days, hours, minutes, seconds = (int(g) if g else 0 for g in m.groups())
                expect(int(value) == ((days * 24 + hours) * 60 + minutes) * 60 + seconds,
                       f"{spec}: {value} s against {text!r}")
            else:
                expect(False, f"{spec}: number {value} against text {text!r}")
        else:
            expect(value == text or (spec in ("args", "cmd", "command", "comm", "ucmd", "ucomm", "fname")),
                   f"{spec}: {value!r} against text {text!r}")
        return complaints

    for spec in specs:
        # The two runs are two readings of the clock: a second may tick between them (etime,
        # %CPU), so a difference counts only when it persists.
        for attempt in range(3):
            complaints = compare_spec(spec)
            if not complaints:
                break
            time.sleep(0.2)
        for complaint in complaints:
            check(False, complaint)

    # Numbers equal the text columns for all fixtures.
    numeric = "pid,ppid,pgid,sid,rss,vsz,sz,uid,gid,nlwp,ni,pri,psr,etimes,times"
    def compare_numbers():
        """The complaints about the numeric columns' JSON values against their text."""
        complaints = []
        rows, _ = run_json("-o", numeric, "-p", pid_list)
        text_lines = run("-o", ",".join(s + "=" for s in numeric.split(",")), "-p", pid_list).stdout.decode().splitlines()
        if len(rows) != len(text_lines):
            complaints.append("as many JSON rows as text lines")
        for row, line in zip(rows, text_lines):
            fields = line.split()
            for key, cell in zip(numeric.split(","), fields):
                got = int(row[key]) if key == "times" else row[key]
                if got != int(cell):
                    complaints.append(f"{key} of {row['pid']}: {row[key]} against {cell}")
        return complaints

    # etimes and times are clock readings: a second may tick between the two runs.
    for attempt in range(3):
        complaints = compare_numbers()
        if not complaints:
            break
        time.sleep(0.2)
    for complaint in complaints:
        check(False, complaint)

    # Selections, sorting, forest and threads give the text report's rows in its order.
    for args in (["--ppid", me, "--sort=-pid"], ["--ppid", me, "--sort=comm,pid"],
                 ["--ppid", me, "--forest"], ["--sid", pid_list, "--sort=-pid"], ["-L", "-p", str(threaded.pid)],
                 ["-T", "-p", str(threaded.pid)], ["H", "-p", str(threaded.pid)],
                 ["-p", pid_list, "-N", "--ppid", me], ["-e", "--sort=pid", "--pid", pid_list]):
        rows, _ = run_json(*args, "-o", "pid,tid")
        text = run(*args, "-o", "pid=,tid=").stdout.decode().split()
        # tdps itself is a child of this script: keep only the processes spawned here.
        ours = {str(p) for p in pids + [threaded.pid]}
        got = [str(v) for row in rows for v in (row["pid"], row["tid"]) if str(row["pid"]) in ours]
        text = [v for pid, tid in zip(text[::2], text[1::2]) if pid in ours for v in (pid, tid)]
        if "-N" in args:
            check(len(rows) > 0 and not set(pids) & {row["pid"] for row in rows}, f"{args}: negated selection")
        else:
            check(got == text and got, f"{args}: rows {got[:20]} against text {text[:20]}")

    # m: process lines have null thread columns, thread lines null process columns.
    rows, _ = run_json("-m", "-p", str(threaded.pid), "-o", "pid,tid,rss")
    check(len(rows) == 5, f"-m: a process line and four thread lines: {rows}")
    if rows:
        check(rows[0]["tid"] is None and rows[0]["rss"] is not None, f"-m process line: {rows[0]}")
        check(all(r["rss"] is None and r["tid"] is not None for r in rows[1:]), f"-m thread lines: {rows[1:]}")

    # Keys: renames, duplicates, empty headers.
    rows, _ = run_json("-o", "pid,pid", "-o", "pid=PROCESS", "-o", "comm=", "-o", "rss=RSS",
                       "-o", "tid=pid_2", "-p", ascii_pid)
    check(rows and list(rows[0]) == ["pid", "pid_2", "PROCESS", "comm", "rss", "pid_2_2"],
          f"keys: {rows and list(rows[0])}")

    # Nothing selected: an empty array and ps' exit status 1.
    rows, status = run_json("-p", "999999999")
    check(rows == [] and status == 1, f"empty selection: {rows} {status}")

    # Ids as the kernel keeps them: unsigned in JSON, though text prints them as ps does
    # ("%d": uid 4294967294 shows as -2). Needs root to run a process under such ids.
    id_specs = ["uid", "euid", "ruid", "suid", "svuid", "fuid", "fsuid",
                "gid", "egid", "rgid", "sgid", "svgid", "fgid", "fsgid"]
    setpriv = shutil.which("setpriv")
    if os.geteuid() == 0 and setpriv:
        odd = subprocess.Popen([setpriv, "--reuid=4294967294", "--regid=2147483648",
                                "--clear-groups", "sleep", "1000"])
        try:
            time.sleep(0.3)
            rows, _ = run_json("-o", ",".join(id_specs + ["user", "group", "luid"]), "-p", str(odd.pid))
            row = rows[0] if rows else {}
            for spec in id_specs:
                want = 4294967294 if "u" in spec else 2147483648
                check(row.get(spec) == want, f"{spec} of uid 4294967294, gid 2147483648: {row.get(spec)!r}")
            check(row.get("user") == "4294967294" and row.get("group") == "2147483648",
                  f"names of unnamed ids: {row.get('user')!r} {row.get('group')!r}")
            with open(f"/proc/{odd.pid}/loginuid") as f:
                login = int(f.read())
            check(row.get("luid") == (None if login == 4294967295 else login),
                  f"luid {row.get('luid')!r} against loginuid {login}")
            text = run("-o", ",".join(s + "=" for s in id_specs), "-p", str(odd.pid)).stdout.split()
            check(text == [b"-2" if "u" in s else b"-2147483648" for s in id_specs],
                  f"text prints these ids signed, as ps does: {text}")
        finally:
            odd.kill()
    else:
        print("SKIP: unsigned ids (needs root and setpriv)")

    # Default formats work too and agree with their text columns' count.
    for fmt in (["-ef"], ["aux"], ["-elf"], ["axjf"], ["-eLf"], ["-eo", "pid,ppid,comm,rss"]):
        rows, _ = run_json(*fmt)
        check(len(rows) > 0, f"{fmt}: rows")
finally:
    for proc, _, _ in fixtures:
        os.killpg(proc.pid, 9)
    threaded.kill()

print(f"{len(failures)} failures")
sys.exit(1 if failures else 0)
