#include "awkward_tasks.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <iostream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "host_runs.h"
#include "idle_children.h"

namespace td::diff::host {

namespace {

// The tids of /proc/PID/task in the order the directory lists them: the kernel's thread
// order, which procps shows.
std::vector<long> listed_threads(pid_t pid) {
  std::vector<long> tids;
  const std::string dir = "/proc/" + std::to_string(pid) + "/task";
  if (DIR* d = ::opendir(dir.c_str())) {
    while (const dirent* entry = ::readdir(d))
      if (entry->d_name[0] != '.') tids.push_back(std::strtol(entry->d_name, nullptr, 10));
    ::closedir(d);
  }
  return tids;
}

bool pid_free(long pid) {
  return ::access(("/proc/" + std::to_string(pid)).c_str(), F_OK) != 0;
}

// A process whose threads are made at the tids `offsets` names (its own pid plus each, in
// that order) by setting ns_last_pid before each; the pid allocator may still hand out
// others if the machine forks meanwhile, so the caller checks the order it got.
Child start_threads_at(long first_pid, const std::vector<long>& offsets) {
  set_last_pid(first_pid - 1);
  return start_child([&](int from_parent, int ready) {
    std::vector<std::thread> threads;
    for (const long offset : offsets) {
      set_last_pid(::getpid() + offset - 1);
      threads.emplace_back(idle_on, from_parent);
    }
    (void)!::write(ready, "r", 1);
    for (auto& t : threads)
      t.join();
  });
}

// One case: tdps `args` (split or not, "" for the automatic choice) with each backend, on
// the lines of `pid`, which must be `lines` with the header.
bool compare_lines(const std::string& tdps, pid_t pid, std::vector<std::string> args,
                   const char* split, std::size_t lines, const std::string& what) {
  args.insert(args.begin(), tdps);
  std::string shown = what + ": ";
  if (*split) shown += std::string("PROCSCAN_SPLIT_DUMPS=") + split + " ";
  for (const auto& a : args)
    shown += a + " ";
  const std::set<std::string> only{std::to_string(pid)};
  return retried(shown, 4, [&]() -> std::string {
    const Run procfs = run(args, "procfs");
    const Run bpf = run(args, "bpf", *split ? split : nullptr);
    const std::string want = lines_of(procfs.out, only), got = lines_of(bpf.out, only);
    const auto count = static_cast<std::size_t>(std::count(want.begin(), want.end(), '\n'));
    if (procfs.status == 0 && bpf.status == 0 && want == got && count == lines) return "";
    return ": " + std::to_string(count) + " lines from procfs, " + std::to_string(lines) +
           " expected" + mismatch_report(procfs, want, bpf, got);
  });
}

// The formats and strategies of both kinds of case, for a process of `tasks` tasks: whole
// -eL listings (one walk of processes and threads when TIME asks for group totals; thread
// dumps without), split and not, and -L / -T / plain -p (THREAD and ONE dumps).
int compare_formats(const std::string& tdps, pid_t pid, std::size_t tasks,
                    const std::string& what) {
  const std::string p = std::to_string(pid);
  struct Case {
    std::vector<std::string> args;
    const char* split;
    std::size_t lines;
  };
  const std::vector<Case> cases = {
      {{"-eL", "-o", "pid,lwp,nlwp,stat,time,args"}, "0", 1 + tasks},
      {{"-eL", "-o", "pid,lwp,nlwp,stat,time,args"}, "1", 1 + tasks},
      {{"-eL", "-o", "pid,lwp,stat,args"}, "0", 1 + tasks},
      {{"-e", "-o", "pid,nlwp,time,args"}, "", 2},
      {{"-L", "-p", p, "-o", "pid,lwp,nlwp,stat,time,args"}, "", 1 + tasks},
      {{"-T", "-p", p}, "", 1 + tasks},
      {{"-p", p, "-o", "pid,user,ppid,c,stime,tty,time,cmd"}, "", 2},  // -f, PID first
  };
  int failures = 0;
  for (const auto& c : cases)
    if (!compare_lines(tdps, pid, c.args, c.split, c.lines, what)) ++failures;
  return failures;
}

}  // namespace

int compare_threads_out_of_order(const std::string& tdps) {
  int failures = 0;
  // 4 threads: the leader writes its group. 200 with a command line in each message: more
  // than one record holds, so each thread writes itself as the walk meets it.
  for (const int threads : {4, 200}) {
    const std::string what =
        "a process of " + std::to_string(threads + 1) + " tasks out of tid order";
    // One thread below the leader's tid (as after a wrap), the others above it, made in
    // falling tid order: +2n, ..., +4, +2.
    std::vector<long> offsets{-10};
    for (int i = threads - 1; i > 0; --i)
      offsets.push_back(2L * i);
    Child child;
    // A window of free pids, high enough for its part below the leader; tried a few times,
    // as other processes may take some of its pids meanwhile.
    for (int attempt = 0; attempt < 5 && child.pid <= 0; ++attempt) {
      long first = pid_max() * 3 / 4 - 1000L * attempt;
      const long span = 2L * threads + 2;
      while (first > 400 && !std::all_of(offsets.begin(), offsets.end(),
                                         [&](long o) { return pid_free(first + o); }))
        first -= span;
      if (first <= 400 || !pid_free(first)) continue;
      child = start_threads_at(first, offsets);
      const std::vector<long> listed =
          child.pid > 0 ? listed_threads(child.pid) : std::vector<long>{};
      const bool disordered = listed.size() == offsets.size() + 1 && listed[1] < listed[0] &&
                              !std::is_sorted(listed.begin(), listed.end());
      if (!disordered) child.end();
    }
    if (child.pid <= 0) {
      std::cout << "FAIL " << what << ": could not make its threads out of tid order\n";
      ++failures;
      continue;
    }
    failures += compare_formats(tdps, child.pid, static_cast<std::size_t>(threads) + 1, what);
    child.end();
  }
  return failures;
}

int compare_long_command_lines(const std::string& tdps, const std::string& self) {
  int failures = 0;
  // 20 KB: one message fits a 32 KiB record, a process message and a thread message with
  // it do not. 3 tasks: too many for the leader to write its group.
  for (const int threads : {1, 3}) {
    const std::string what =
        "a process of " + std::to_string(threads) + " tasks with a 20 KB command line";
    Child child = start_idle(self, threads, 20000);
    if (child.pid <= 0) {
      std::cout << "FAIL " << what << ": it did not start\n";
      ++failures;
      continue;
    }
    failures += compare_formats(tdps, child.pid, static_cast<std::size_t>(threads), what);
    child.end();
  }
  return failures;
}

}  // namespace td::diff::host
