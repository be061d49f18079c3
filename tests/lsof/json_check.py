#!/usr/bin/env python3
"""tdlsof --json against what this script knows of the files it holds, and against
tdlsof's own -F output; plus `kill $(tdlsof -t FILE)` and -F parsed back, as scripts use them.

Usage: json_check.py TDLSOF
"""
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time

TDLSOF = sys.argv[1]
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what)


workdir = tempfile.mkdtemp(prefix="td-lsof-json-")
path = os.path.join(workdir, "name \"with\" quote\n\xff".encode("utf-8", "surrogateescape").decode("utf-8", "surrogateescape"))
# A child holding a regular file (fd 5), a listening TCP socket (fd 6) and a pipe (fd 7).
script = r"""
import os, signal, socket, sys
f = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
os.write(f, b"twelve bytes")
os.dup2(f, 5)
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen()
os.dup2(s.fileno(), 6)
r, w = os.pipe()
os.dup2(r, 7)
print(s.getsockname()[1], flush=True)
signal.pause()
"""
child = subprocess.Popen([sys.executable, "-c", script, path], stdout=subprocess.PIPE)
port = int(child.stdout.readline())
try:
    st = os.stat(path)
    run = subprocess.run([TDLSOF, "--json", "-p", str(child.pid)], capture_output=True, timeout=60)
    check(run.returncode == 0, f"exit status {run.returncode}: {run.stderr!r}")
    doc = json.loads(run.stdout.decode("utf-8"))
    check(isinstance(doc, list) and len(doc) == 1, f"one process, got {doc!r:.200}")
    proc = doc[0]
    check(proc["pid"] == child.pid, f"pid {proc.get('pid')}")
    check(proc["uid"] == os.getuid(), f"uid {proc.get('uid')}")
    check(isinstance(proc["ppid"], int) and proc["ppid"] == os.getpid(), f"ppid {proc.get('ppid')}")
    files = {f.get("fd_number"): f for f in proc["files"] if "fd_number" in f}
    regular = files.get(5, {})
    check(regular.get("type") == "REG", f"fd 5 type {regular.get('type')}")
    check(regular.get("inode") == st.st_ino, f"fd 5 inode {regular.get('inode')} != {st.st_ino}")
    check(regular.get("size") == 12, f"fd 5 size {regular.get('size')}")
    check(regular.get("access") == "u", f"fd 5 access {regular.get('access')}")
    check(regular.get("name", "").encode("utf-8", "surrogateescape") != b"", "fd 5 has a name")
    tcp = files.get(6, {})
    check(tcp.get("type") == "IPv4" and tcp.get("protocol") == "TCP", f"fd 6 {tcp}")
    check(tcp.get("state") == "LISTEN", f"fd 6 state {tcp.get('state')}")
    check(tcp.get("name", "").endswith(f":{port}"), f"fd 6 name {tcp.get('name')}")
    fifo = files.get(7, {})
    check(fifo.get("type") == "FIFO" and fifo.get("name") == "pipe", f"fd 7 {fifo}")
    check(any(f["fd"] == "cwd" for f in proc["files"]), "a cwd row")

    # The same files through -F, parsed back as scripts do.
    run = subprocess.run([TDLSOF, "-F", "pfitn", "-p", str(child.pid)], capture_output=True,
                         timeout=60)
    fields, current = {}, None
    for line in run.stdout.split(b"\n"):
        if line.startswith(b"f"):
            current = line[1:].decode()
            fields[current] = {}
        elif current and line[:1] in (b"i", b"t", b"n"):
            fields[current][line[:1].decode()] = line[1:]
    check(fields.get("5", {}).get("i") == str(st.st_ino).encode(), f"-F inode of fd 5: {fields.get('5')}")
    check(fields.get("6", {}).get("t") == b"IPv4", f"-F type of fd 6: {fields.get('6')}")

    # kill $(tdlsof -t FILE)
    run = subprocess.run([TDLSOF, "-t", path], capture_output=True, timeout=60)
    check(run.stdout.split() == [str(child.pid).encode()], f"-t FILE gave {run.stdout!r}")
    os.kill(int(run.stdout.split()[0]), signal.SIGTERM)
    child.wait(timeout=10)
    check(child.returncode == -signal.SIGTERM, f"the child ended by {child.returncode}")
    run = subprocess.run([TDLSOF, "-t", path], capture_output=True, timeout=60)
    check(run.returncode == 1 and run.stdout == b"", f"-t after the kill: {run.returncode} {run.stdout!r}")
finally:
    if child.poll() is None:
        child.kill()
    os.unlink(path)
    os.rmdir(workdir)

# A backend this user cannot use, asked for by name, ends the run with its reason (as tdps
# does), never with an abort. Only root can become another user here.
if os.getuid() == 0:
    def as_nobody():
        os.setgroups([])
        os.setresgid(65534, 65534, 65534)
        os.setresuid(65534, 65534, 65534)
    # A copy nobody can run: the build tree may sit below a directory only root may search.
    copy_dir = tempfile.mkdtemp(prefix="td-lsof-nobody-")
    os.chmod(copy_dir, 0o755)
    copy = os.path.join(copy_dir, "tdlsof")
    with open(TDLSOF, "rb") as src, open(copy, "wb") as dst:
        dst.write(src.read())
    os.chmod(copy, 0o755)
    try:
        run = subprocess.run([copy, "-p", "1"], capture_output=True, timeout=60,
                             env=dict(os.environ, PROCSCAN_BACKEND="bpf"), preexec_fn=as_nobody)
        check(run.returncode == 1 and run.stdout == b"" and run.stderr.startswith(b"tdlsof: ")
              and b"terminate called" not in run.stderr,
              f"PROCSCAN_BACKEND=bpf as nobody: exit {run.returncode}, stderr {run.stderr!r}")
    finally:
        os.unlink(copy)
        os.rmdir(copy_dir)

if failures:
    print(f"{len(failures)} failures")
    sys.exit(1)
print("ok")
