// ps-bpf-vs-procfs-host: `tdps` with the BPF backend must print what the procfs backend
// prints in the host pid namespace too (ps-bpf-vs-procfs covers a fresh one). The machine's
// other tasks come and go, so the comparison covers rows that hold still: a few idle
// workers of td-bench-spawner (processes with threads and open files), selected with -p,
// under many formats, with and without threads; and pid 1, which a BPF task iterator may
// not show at all (the wire backend then reconciles it from procfs). Whole-machine -eL
// listings through split dumps are compared on the fixtures' lines, and on a process of the
// first part whose threads write themselves past the split; processes that take the BPF
// program off its usual path (awkward_tasks.h): threads out of tid order, long command
// lines; a split dump in a fresh pid namespace; and the pinned iterators of
// procscan-bpf-pin, read as nobody, alone, by several readers at once, and column by column
// on tasks nobody may not ptrace (pinned_reader.h).
//
// Usage: td-bpf-host TDPS SPAWNER PROCSCAN-BPF-PIN. Without root or BPF it prints
// "SKIPPED: reason" and exits 77 (meson's skip), or fails when CI is set.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "awkward_tasks.h"
#include "host_runs.h"
#include "idle_children.h"
#include "pinned_reader.h"

namespace {

using td::diff::host::lines_of;
using td::diff::host::mismatch_report;
using td::diff::host::pid_max;
using td::diff::host::retried;
using td::diff::host::Run;
using td::diff::host::run;
using td::diff::host::set_last_pid;

bool in_ci() {
  const char* ci = std::getenv("CI");
  return ci && *ci && std::strcmp(ci, "false") != 0 && std::strcmp(ci, "0") != 0;
}

int skip(const std::string& reason) {
  if (in_ci()) {
    std::cout << "FAILED: CI is set, so this must not skip: " << reason << std::endl;
    return 1;
  }
  std::cout << "SKIPPED: " << reason << std::endl;
  return 77;
}

// Idle workers of td-bench-spawner, ours until end() closes its stdin.
struct Spawned {
  pid_t spawner = -1;
  int to_spawner = -1;
  FILE* lines = nullptr;
  std::string pids;    // comma-separated
  std::string parent;  // the workers' parent
  void end() const {
    ::close(to_spawner);  // end of stdin: the spawner kills and reaps its workers
    int status;
    ::waitpid(spawner, &status, 0);
    std::fclose(lines);
  }
};

Spawned spawn(const char* spawner, const std::vector<std::string>& args) {
  Spawned out;
  int to_spawner[2], from_spawner[2];
  if (::pipe(to_spawner) != 0 || ::pipe(from_spawner) != 0) return out;
  out.spawner = ::fork();
  if (out.spawner == 0) {
    ::dup2(to_spawner[0], 0);
    ::dup2(from_spawner[1], 1);
    for (int fd : {to_spawner[0], to_spawner[1], from_spawner[0], from_spawner[1]})
      ::close(fd);
    std::vector<char*> argv{const_cast<char*>(spawner)};
    for (const auto& a : args)
      argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(spawner, argv.data());
    _exit(127);
  }
  ::close(to_spawner[0]);
  ::close(from_spawner[1]);
  out.to_spawner = to_spawner[1];
  out.lines = ::fdopen(from_spawner[0], "r");
  static char line[1 << 20];
  while (std::fgets(line, sizeof line, out.lines)) {
    std::string text(line);
    if (text.rfind("pids ", 0) == 0) {
      std::istringstream words(text.substr(5));
      std::string pid;
      while (words >> pid)
        out.pids += (out.pids.empty() ? "" : ",") + pid;
    }
    if (text.rfind("ready", 0) == 0) {
      if (const auto at = text.find(" template="); at != std::string::npos)
        out.parent = text.substr(at + 10, text.find_first_not_of("0123456789", at + 10) - at - 10);
      break;
    }
  }
  return out;
}

// The first reader of a split dump ends its walk at the first tid past its part, unless a
// process of its part writes its threads one by one (too many for one 32 KiB record) and
// some of them come later: here one with a low pid, 200 threads with tids above hundreds
// of newer processes, which put the split between the two.
bool solo_group_in_first_part(const std::string& tdps, const char* spawner) {
  const char* shown =
      "PROCSCAN_SPLIT_DUMPS=1 tdps -eL, a low pid whose 200 threads write themselves";
  int go[2], ready[2];
  if (::pipe2(go, O_CLOEXEC) != 0 || ::pipe2(ready, O_CLOEXEC) != 0 || !set_last_pid(300)) {
    std::cout << "FAIL " << shown << ": cannot set ns_last_pid\n";
    return false;
  }
  const pid_t solo = ::fork();
  if (solo == 0) {
    ::close(go[1]);
    ::close(ready[0]);
    char byte;
    if (::read(go[0], &byte, 1) != 1) _exit(1);
    std::vector<std::thread> threads;
    for (int i = 0; i < 200; ++i)
      threads.emplace_back([fd = go[0]] {
        char b;
        (void)!::read(fd, &b, 1);  // until the parent closes its end
      });
    (void)!::write(ready[1], "r", 1);
    for (auto& t : threads)
      t.join();
    _exit(0);
  }
  ::close(ready[1]);
  set_last_pid(pid_max() / 2);
  const Spawned newer = spawn(spawner, {"--procs", "400", "--threads", "1"});
  char byte;
  const bool started = ::write(go[1], "g", 1) == 1 && ::read(ready[0], &byte, 1) == 1;
  const std::set<std::string> only{std::to_string(solo)};
  bool ok = false;
  std::string why = started ? "" : ": the threads did not start";
  for (int attempt = 0; started && attempt < 3 && !ok; ++attempt) {
    // Columns enough for 200 messages to outgrow a record.
    const std::vector<std::string> args{tdps, "-eL", "-o", "pid,lwp,nlwp,user,stat,time,args",
                                        "--debug"};
    const Run procfs = run(args, "procfs");
    const Run bpf = run(args, "bpf", "1");
    const std::string want = lines_of(procfs.out, only), got = lines_of(bpf.out, only);
    const auto lines = static_cast<std::size_t>(std::count(got.begin(), got.end(), '\n'));
    ok = bpf.out.find(" split=1") != std::string::npos && want == got && lines == 1 + 201;
    if (!ok) why = mismatch_report(procfs, want, bpf, got);
  }
  ::close(go[1]);
  ::close(go[0]);
  ::close(ready[0]);
  int status;
  ::waitpid(solo, &status, 0);
  if (newer.spawner > 0) newer.end();
  std::cout << (ok ? "ok   " : "FAIL ") << shown << (ok ? "" : why) << "\n";
  return ok;
}

// A split dump read inside a fresh pid namespace: the program tells its two readers apart
// by the second one's tid as gettid() gave it there, not by its global tid; when it could
// not, both readers read the first part and the rest came from procfs. So every row must
// come from the dump: no stat or cmdline read.
bool split_in_pid_namespace(const std::string& tdps) {
  const char* shown = "PROCSCAN_SPLIT_DUMPS=1 tdps -eL in a fresh pid namespace";
  const Run bpf = run({"/usr/bin/unshare", "--pid", "--fork", "--mount-proc", "/bin/sh", "-c",
                       "sleep 30 & sleep 30 & sleep 30 & \"$0\" \"$@\"", tdps, "-eL", "-o",
                       "pid,lwp,time,args", "--debug"},
                      "bpf", "1");
  const bool ok = bpf.status == 0 && bpf.out.find(" split=1") != std::string::npos &&
                  bpf.out.find(" stat=0 ") != std::string::npos &&
                  bpf.out.find(" cmdline=0 ") != std::string::npos &&
                  std::count(bpf.out.begin(), bpf.out.end(), '\n') >= 6;
  std::cout << (ok ? "ok   " : "FAIL ") << shown << (ok ? "" : "\n" + bpf.out) << "\n";
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], td::diff::host::kIdleMode) == 0)
    return td::diff::host::idle_main(argc, argv);
  if (argc != 4) {
    std::cerr << "usage: td-bpf-host TDPS SPAWNER PROCSCAN-BPF-PIN\n";
    return 2;
  }
  const std::string tdps = argv[1];
  td::diff::host::FailureEcho echo;
  if (::geteuid() != 0) return skip("needs root to load BPF programs");
  const Run probe = run({tdps, "-A", "-o", "pid"}, "bpf");
  if (probe.status != 0) return skip("tdps --backend=bpf cannot run here: " + probe.out);

  // The fixtures: 4 idle processes of 3 tasks with 2 open files each, ours until stdin ends.
  const Spawned fixtures = spawn(argv[2], {"--procs", "4", "--threads", "3", "--files", "2"});
  if (fixtures.pids.empty() || fixtures.parent.empty()) {
    std::cout << "FAILED: the spawner gave no pids or no parent\n";
    return 1;
  }
  const std::string& pids = fixtures.pids;
  const std::string& parent = fixtures.parent;

  // Formats of tests/diff/ps_cases.txt that print one row per process or thread.
  const std::vector<std::vector<std::string>> cases = {
      {"-f"},
      {"-F"},
      {"-l"},
      {"u"},
      {"v"},
      {"j"},
      {"s"},
      {"-L"},
      {"-Lf"},
      {"-T"},
      {"m"},
      {"-o", "pid,ppid,pgid,sid,tpgid,comm,args,user,uid,ruser,group,gid,stat,tty,nlwp,ni,pri"},
      {"-o", "pid,rss,vsz,sz,start,lstart,time,etimes,cputime,psr,policy,rtprio,f,wchan"},
      {"-L", "-o", "pid,lwp,tid,comm,args,stat,nlwp,psr,time,start"},
  };
  int failures = 0;
  constexpr int kAttempts = 5;
  auto compare = [&](std::vector<std::string> args) {
    args.insert(args.begin(), tdps);
    std::string shown;
    for (const auto& a : args)
      shown += a + " ";
    // Besides the clock, the CPU share of a worker younger than a second (C, %CPU) may
    // change between the runs: bpf's lines must each be one of procfs's runs around it, and
    // the retries come later each time, as the workers age and their shares settle.
    const bool ok = retried(shown, kAttempts, [&]() -> std::string {
      const Run procfs = run(args, "procfs");
      const Run bpf = run(args, "bpf");
      const Run procfs_after = run(args, "procfs");
      if (procfs.status == bpf.status && procfs_after.status == bpf.status &&
          td::diff::host::each_line_of_either(bpf.out, procfs.out, procfs_after.out))
        return "";
      return "\n--- procfs\n" + procfs.out + "--- bpf\n" + bpf.out + "--- procfs again\n" +
             procfs_after.out;
    });
    if (!ok) ++failures;
  };

  for (auto args : cases) {
    args.insert(args.end(), {"-p", pids});
    compare(args);
  }
  // Whole-machine listings through a dump split between two reader threads (forced: this
  // machine may be small), compared on the fixtures' lines. Only dumps of processes and
  // threads in one walk split: threads shown, and a group total (TIME) asked for.
  std::set<std::string> fixture_pids;
  {
    std::istringstream words(pids);
    std::string pid;
    while (std::getline(words, pid, ','))
      fixture_pids.insert(pid);
  }
  // Each case with the number of fixture processes it shows.
  const std::size_t all = fixture_pids.size();
  const std::vector<std::pair<std::vector<std::string>, std::size_t>> whole_cases = {
      {{"-eL", "-o", "pid,lwp,ppid,comm,args,stat,nlwp,time,user"}, all},
      {{"-eL", "-o", "pid,user,ppid,lwp,c,nlwp,stime,tty,time,cmd"}, all},  // -eLf, PID first
      // The fixtures but their parent, the newest processes: the lines all come from the
      // second part, whose header goes first although the first part printed nothing.
      {{"-L", "--ppid", parent, "-o", "pid,lwp,comm,nlwp,time"}, all - 1},
      {{"-eL", "-o", "pid,ppid,pgid,comm,args,nlwp,rss,vsz,time"}, all},
      {{"-eL", "-o", "pid,tid,psr,policy,ni,pri,f,start,time"}, all},
  };
  for (const auto& [case_args, case_processes] : whole_cases) {
    // Named copies: clang 14 does not let a lambda capture structured bindings.
    std::vector<std::string> args = case_args;
    const std::size_t processes = case_processes;
    args.insert(args.begin(), tdps);
    std::string shown = "PROCSCAN_SPLIT_DUMPS=1";
    for (const auto& a : args)
      shown += " " + a;
    auto debug_args = args;
    debug_args.push_back("--debug");
    const bool ok = retried(shown, kAttempts, [&]() -> std::string {
      const Run procfs = run(args, "procfs");
      const Run bpf = run(debug_args, "bpf", "1");
      const bool split = bpf.out.find(" split=1") != std::string::npos;
      const std::string want = lines_of(procfs.out, fixture_pids);
      const std::string got = lines_of(bpf.out, fixture_pids);
      // Each fixture has three threads: a line each, and the header.
      const auto lines = static_cast<std::size_t>(std::count(want.begin(), want.end(), '\n'));
      if (procfs.status == 0 && bpf.status == 0 && split && want == got &&
          lines == 1 + 3 * processes)
        return "";
      return (split ? "" : " (the dump was not split)") + mismatch_report(procfs, want, bpf, got);
    });
    if (!ok) ++failures;
  }

  compare({"-p", "1", "-o", "pid,ppid,pgid,sid,comm,args,user,group"});
  compare({"-L", "-p", "1", "-o", "pid,lwp,comm,args,user"});

  if (!solo_group_in_first_part(tdps, argv[2])) ++failures;
  if (!split_in_pid_namespace(tdps)) ++failures;
  failures += td::diff::host::compare_threads_out_of_order(tdps);
  failures += td::diff::host::compare_long_command_lines(tdps, argv[0]);
  failures += td::diff::host::compare_pinned_reader(tdps, argv[3], argv[0], fixture_pids, pids);

  fixtures.end();
  echo.print_failures_again();
  return failures == 0 ? 0 : 1;
}
