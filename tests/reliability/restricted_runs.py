#!/usr/bin/env python3
"""Every td tool against its reference tool, run the restricted ways users run them: as
nobody (each backend choice), under a seccomp filter that refuses bpf(2) and
io_uring_setup(2), with RLIMIT_NOFILE and RLIMIT_AS low, with /proc mounted hidepid=2 and
hidepid=invisible, inside a user namespace, a pid namespace, and both.

The runs look at two idle `sleep` children (one root's, one nobody's), so other processes of
the host cannot change the outputs. Expectations, per scenario and tool:
  same      exit status, stdout and whether stderr is empty equal the reference tool's
  refused   a backend named in PROCSCAN_BACKEND that cannot serve: status 1, a message on
            stderr, nothing on stdout, no abort (the reference tool is not run)
  same-or-refused  either of the two (limits that a tool may meet with a clear error)
  runs      exit status 0 and output, for what two tools cannot share (their own rows)

Usage: restricted_runs.py --td-ps TDPS --td-top TDTOP --td-lsof TDLSOF --restrict TD_RESTRICT
                          [--sanitized]
Needs root (it becomes nobody and mounts /proc); without root it prints SKIPPED and exits 77,
which CI (CI set) turns into a failure. A failure report shows both runs whole.
"""
import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field

NOBODY = 65534


@dataclass
class Tool:
    name: str                # the reference's name; the candidate copy gets it too (comm)
    reference: str
    args: object             # f(children) -> argv after the tool's name
    ns_args: object = None   # argv inside a fresh pid namespace (the tool alone there)
    rows_only: bool = False  # compare from the column header on (top's summary moves)


@dataclass
class Scenario:
    name: str
    restrict: list = field(default_factory=list)  # td-restrict options
    env: dict = field(default_factory=dict)
    wrap: list = field(default_factory=list)      # argv run before td-restrict (unshare ...)
    expect: str = "same"
    candidate_only_env: bool = False  # env for the candidate alone (backend names)
    fresh_pid_ns: bool = False        # children are not visible: use Tool.ns_args
    not_sanitized: bool = False       # ASan reserves terabytes of address space


def pids(children):
    return ",".join(str(c.pid) for c in children)


TOOLS = [
    Tool("ps", "/usr/bin/ps",
         lambda c: ["-o", "pid,ppid,user,group,stat,tty,comm,args", "-p", pids(c)],
         ns_args=["-e", "-o", "pid,ppid,user,comm"]),
    Tool("top", "/usr/bin/top", lambda c: ["-b", "-n", "1", "-p", pids(c)],
         ns_args=["-b", "-n", "1"], rows_only=True),
    Tool("lsof", "/usr/bin/lsof", lambda c: ["-nP", "-p", pids(c)],
         ns_args=["-nP", "-d", "0-2"]),
]

HIDEPID = 'mount -t proc -o hidepid={} proc /proc && exec "$@"'

SCENARIOS = [
    Scenario("root"),
    Scenario("nobody", restrict=["--user=nobody"]),
    Scenario("nobody, procfs named", restrict=["--user=nobody"],
             env={"PROCSCAN_BACKEND": "procfs"}, candidate_only_env=True),
    Scenario("nobody, bpf named", restrict=["--user=nobody"], env={"PROCSCAN_BACKEND": "bpf"},
             candidate_only_env=True, expect="refused"),
    Scenario("nobody, taskdiag named", restrict=["--user=nobody"],
             env={"PROCSCAN_BACKEND": "taskdiag"}, candidate_only_env=True, expect="refused"),
    Scenario("seccomp refuses bpf and io_uring", restrict=["--deny-fast-syscalls"]),
    Scenario("seccomp refuses bpf, bpf named", restrict=["--deny-fast-syscalls"],
             env={"PROCSCAN_BACKEND": "bpf"}, candidate_only_env=True, expect="refused"),
    Scenario("RLIMIT_NOFILE 16", restrict=["--nofile=16"], expect="same-or-refused"),
    Scenario("RLIMIT_NOFILE 16, nobody", restrict=["--nofile=16", "--user=nobody"],
             expect="same-or-refused"),
    Scenario("RLIMIT_AS 256 MiB", restrict=[f"--as={256 << 20}"], expect="same-or-refused",
             not_sanitized=True),
    Scenario("hidepid=2, nobody", restrict=["--user=nobody"],
             wrap=["unshare", "-m", "--propagation", "private", "sh", "-c",
                   HIDEPID.format(2), "sh"]),
    Scenario("hidepid=invisible, nobody", restrict=["--user=nobody"],
             wrap=["unshare", "-m", "--propagation", "private", "sh", "-c",
                   HIDEPID.format("invisible"), "sh"]),
    Scenario("user namespace", wrap=["unshare", "-Ur"]),
    Scenario("pid namespace", wrap=["unshare", "-pf", "--mount-proc"], fresh_pid_ns=True),
    Scenario("user and pid namespace", wrap=["unshare", "-Urpf", "--mount-proc"],
             fresh_pid_ns=True),
]


def as_nobody():
    os.setgroups([])
    os.setresgid(NOBODY, NOBODY, NOBODY)
    os.setresuid(NOBODY, NOBODY, NOBODY)


def start_children():
    root = subprocess.Popen(["sleep", "1000"], stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd="/")
    nobody = subprocess.Popen(["sleep", "1001"], stdin=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd="/",
                              preexec_fn=as_nobody)
    return [root, nobody]


def copy_tools(args, workdir):
    """td/NAME copies of the candidates and td-restrict, in a directory nobody may search,
    so that both tools run under one name wherever the build tree lies."""
    os.chmod(workdir, 0o755)
    tdir = os.path.join(workdir, "td")
    os.mkdir(tdir, 0o755)
    out = {}
    for name, path in (("ps", args.td_ps), ("top", args.td_top), ("lsof", args.td_lsof),
                       ("td-restrict", args.restrict)):
        dest = os.path.join(tdir, name)
        shutil.copyfile(path, dest)
        os.chmod(dest, 0o755)
        out[name] = dest
    return out


@dataclass
class Run:
    argv: list
    status: int
    out: bytes
    err: bytes

    def describe(self):
        how = (f"killed by {signal.Signals(-self.status).name}" if self.status < 0
               else f"exit {self.status}")
        return (f"  argv: {' '.join(self.argv)}\n  {how}\n  stdout:\n"
                + "".join(f"    |{line}\n" for line in self.out.decode(errors="replace").split("\n"))
                + f"  stderr: {self.err!r}\n")


def run(scenario, restrict, exe, argv, env):
    full = scenario.wrap + [restrict] + scenario.restrict + ["--", exe] + argv
    environment = dict(os.environ)
    environment.pop("PROCSCAN_BACKEND", None)  # only what the scenario names
    environment.update(LC_ALL="C", TZ="UTC", COLUMNS="200", **env)
    # Both tools get no terminal: stdin /dev/null, output to pipes.
    done = subprocess.run(full, stdin=subprocess.DEVNULL, capture_output=True, env=environment,
                          timeout=120, cwd="/")
    return Run(full, done.returncode, done.stdout, done.stderr)


def rows_from_header(text):
    lines = text.split(b"\n")
    for i, line in enumerate(lines):
        if line.lstrip().startswith(b"PID"):
            return b"\n".join(lines[i:])
    return text


def same(tool, ref, td):
    ref_out, td_out = ref.out, td.out
    if tool.rows_only:
        ref_out, td_out = rows_from_header(ref_out), rows_from_header(td_out)
    return (ref.status == td.status and ref_out == td_out
            and (ref.err == b"") == (td.err == b""))


def refused(td):
    return (td.status == 1 and td.out == b"" and td.err != b""
            and b"terminate called" not in td.err and b"Sanitizer" not in td.err)


def check(tool, scenario, tools, children):
    args = tool.ns_args if scenario.fresh_pid_ns else tool.args(children)
    ref_env = {} if scenario.candidate_only_env else scenario.env
    td = run(scenario, tools["td-restrict"], tools[tool.name], args, scenario.env)
    if scenario.expect == "refused":
        return refused(td), "a refusal (status 1, a message, no output)", None, td
    ref = run(scenario, tools["td-restrict"], tool.reference, args, ref_env)
    if scenario.fresh_pid_ns and tool.name != "ps":
        ok = td.status == 0 and td.out != b"" and ref.status == 0
        return ok, "status 0 and output (own rows differ)", ref, td
    if scenario.expect == "same-or-refused":
        return same(tool, ref, td) or refused(td), "the reference's output or a refusal", ref, td
    return same(tool, ref, td), "the reference's output", ref, td


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--td-ps", required=True)
    parser.add_argument("--td-top", required=True)
    parser.add_argument("--td-lsof", required=True)
    parser.add_argument("--restrict", required=True)
    parser.add_argument("--sanitized", action="store_true")
    args = parser.parse_args()
    if os.geteuid() != 0:
        print(("FAILED" if os.environ.get("CI") else "SKIPPED")
              + ": needs root to become nobody and mount /proc")
        return 1 if os.environ.get("CI") else 77
    missing = [t.reference for t in TOOLS if not os.access(t.reference, os.X_OK)]
    missing += [w for w in ("unshare", "sleep") if not shutil.which(w)]
    if missing:
        print(("FAILED" if os.environ.get("CI") else "SKIPPED") + ": missing " + ", ".join(missing))
        return 1 if os.environ.get("CI") else 77
    workdir = tempfile.mkdtemp(prefix="td-restricted-")
    children = start_children()
    failures = 0
    try:
        tools = copy_tools(args, workdir)
        for scenario in SCENARIOS:
            if scenario.not_sanitized and args.sanitized:
                print(f"-- {scenario.name}: not run in a sanitizer build (ASan needs the address space)")
                continue
            for tool in TOOLS:
                ok, wanted, ref, td = check(tool, scenario, tools, children)
                print(f"{'ok  ' if ok else 'FAIL'} {scenario.name}: {tool.name}")
                if not ok:
                    failures += 1
                    print(f"  wanted: {wanted}")
                    if ref:
                        print(" reference:\n" + ref.describe())
                    print(" td:\n" + td.describe())
    finally:
        for child in children:
            child.kill()
            child.wait()
        shutil.rmtree(workdir)
    print(f"{failures} failed" if failures else "all passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
