#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine: install what is missing, build, then
#   ./setup.sh          run `tdps ax`
#   ./setup.sh --test   run the whole test suite (gcc build, then clang with ASan+UBSan,
#                       which also replays the fuzz targets' seed corpora)
set -euo pipefail
cd "$(dirname "$0")"

mode=run
case "${1:-}" in
  "") ;;
  --test) mode=test ;;
  *) echo "usage: $0 [--test]" >&2; exit 2 ;;
esac

# Build tools and libraries, plus what the tests compare against or drive (tmux: the
# terminals of top-interactive, tests/diff/tty_diff_main.cpp).
packages=(meson ninja-build g++ clang pkg-config libfmt-dev libcli11-dev nlohmann-json3-dev
          catch2 libncurses-dev libsystemd-dev liburing-dev procps util-linux python3 passwd libbpf-dev
          bpftool tmux lsof strace)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "Missing Debian packages. As root, run:" >&2
    echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

configure() {  # build-dir, extra meson options...
  local dir=$1; shift
  if [[ ! -f $dir/build.ninja ]]; then
    meson setup "$dir" -Dwerror=true "$@" >/dev/null
  fi
  # Quiet when it works; the compiler's and linker's words when it does not.
  local log
  if ! log=$(ninja -C "$dir" 2>&1); then
    echo "$log" | tail -n 60
    echo "setup.sh: building $dir failed" >&2
    exit 1
  fi
}

configure build
if [[ $mode == run ]]; then
  exec build/tools/ps/tdps ax
fi

status=0
meson test -C build --print-errorlogs --num-processes 2 || status=1
CXX=clang++ CC=clang configure build-sanitize -Db_sanitize=address,undefined -Db_lundef=false -Dfuzz=true
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  meson test -C build-sanitize --print-errorlogs --num-processes 2 || status=1

# One closing line over both runs, for readers that look for it.
python3 - build/meson-logs/testlog.json build-sanitize/meson-logs/testlog.json <<'PY'
import json, sys
passed = failed = skipped = 0
for path in sys.argv[1:]:
    for line in open(path):
        result = json.loads(line)["result"]
        if result in ("OK", "EXPECTEDFAIL"): passed += 1
        elif result == "SKIP": skipped += 1
        else: failed += 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
