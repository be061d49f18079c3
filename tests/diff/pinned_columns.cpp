#include "pinned_columns.h"

#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "host_runs.h"
#include "idle_children.h"
#include "pinned_reader.h"

namespace td::diff::host {

namespace {

constexpr uid_t kNobody = 65534;

// Drops this forked process to nobody's ids; `keep_caps` keeps its permitted capabilities.
bool become_nobody(bool keep_caps) {
  if (keep_caps && ::prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) != 0) return false;
  return ::setgroups(0, nullptr) == 0 && ::setresgid(kNobody, kNobody, kNobody) == 0 &&
         ::setresuid(kNobody, kNobody, kNobody) == 0;
}

// /bin/sleep of root or of nobody, returned once exec'd (its end of a close-on-exec pipe
// closes then); the caller kills it.
pid_t start_sleep(bool of_nobody) {
  int exec_done[2];
  if (::pipe2(exec_done, O_CLOEXEC) != 0) return -1;
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(exec_done[0]);
    if (of_nobody && !become_nobody(false)) _exit(126);
    ::execl("/bin/sleep", "sleep", "1000", static_cast<char*>(nullptr));
    _exit(127);
  }
  ::close(exec_done[1]);
  char byte;
  (void)!::read(exec_done[0], &byte, 1);
  ::close(exec_done[0]);
  return pid;
}

void end_sleep(pid_t pid) {
  if (pid <= 0) return;
  ::kill(pid, SIGKILL);
  int status;
  ::waitpid(pid, &status, 0);
}

// A process of nobody that nobody may not ptrace: it made itself not dumpable.
Child start_undumpable() {
  return start_child([](int from_parent, int ready) {
    if (!become_nobody(false) || ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) _exit(1);
    (void)!::write(ready, "r", 1);
    idle_on(from_parent);
  });
}

// A process of nobody, dumpable, whose permitted set holds CAP_SYS_NICE: a reader whose
// effective set lacks it may not ptrace it (cap_ptrace_access_check()).
Child start_capable() {
  return start_child([](int from_parent, int ready) {
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[2]{};
    data[0].permitted = 1U << CAP_SYS_NICE;
    // The uid change made the process not dumpable; it says otherwise.
    if (!become_nobody(true) || ::syscall(SYS_capset, &header, data) != 0 ||
        ::prctl(PR_SET_DUMPABLE, 1, 0, 0, 0) != 0)
      _exit(1);
    (void)!::write(ready, "r", 1);
    idle_on(from_parent);
  });
}

struct Target {
  std::string what;
  pid_t pid;
  bool hidden;  // nobody may not ptrace it: /proc hides its text addresses from nobody
};

// The first word of each line of `tdps L`: every format specifier.
std::vector<std::string> all_columns(const std::string& tdps) {
  std::vector<std::string> columns;
  std::istringstream lines(run({tdps, "L"}, "procfs").out);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string spec;
    if (words >> spec) columns.push_back(spec);
  }
  return columns;
}

std::string joined(const std::vector<std::string>& words) {
  std::string text;
  for (const auto& w : words)
    text += (text.empty() ? "" : " ") + w;
  return text;
}

// Whether procfs, as nobody, shows each target as its `hidden` says (TRS 0: stat's start
// and end of code are both 1), and its rows: what the test's world must be for the
// comparison to mean anything. Empty when it is.
std::string world_problem(const std::string& tdps, const std::string& pin_dir,
                          const std::vector<Target>& targets, const std::string& pid_list) {
  const Run procfs = run(as_nobody(pin_dir, tdps, {"-p", pid_list, "-o", "pid=,trs="}), "procfs");
  std::string problem;
  for (const auto& target : targets) {
    std::istringstream lines(procfs.out);
    std::string line, trs = "(no row)";
    while (std::getline(lines, line)) {
      std::istringstream words(line);
      std::string pid, value;
      if (words >> pid >> value && pid == std::to_string(target.pid)) trs = value;
    }
    if (target.hidden ? trs != "0" : (trs == "0" || trs == "(no row)"))
      problem += "\n  " + target.what + " (" + std::to_string(target.pid) + "): TRS " + trs +
                 (target.hidden ? ", want 0" : ", want its text size");
  }
  if (problem.empty()) return "";
  return problem + "\n--- procfs as nobody (status " + std::to_string(procfs.status) + ")\n" +
         procfs.out;
}

// Whether a run's --debug line says that it read some /proc file for every row: then the
// backend did not serve that column from its dump, and both backends read it from /proc.
bool read_from_proc(const std::string& out) {
  const auto at = out.find("tdps: backend=");
  if (at == std::string::npos) return false;
  std::istringstream words(out.substr(at, out.find('\n', at) - at));
  std::string word;
  unsigned long rows = 0;
  bool reads = false, every_row = false;
  while (words >> word) {
    const auto eq = word.find('=');
    if (eq == std::string::npos) {
      reads = reads || word == "reads:";
      continue;
    }
    const std::string key = word.substr(0, eq);
    const unsigned long value = std::strtoul(word.c_str() + eq + 1, nullptr, 10);
    if (key == "rows") rows = value;
    if (reads && key != "batched" && key != "split" && rows > 0 && value >= rows) every_row = true;
  }
  return every_row;
}

}  // namespace

int compare_pinned_columns(const std::string& tdps, const std::string& pin_dir,
                           const std::string& self) {
  const char* shown = "pinned iterator, as nobody, every column";
  const pid_t root_sleep = start_sleep(false), nobody_sleep = start_sleep(true);
  Child threads = start_idle(self, 4, 0), undumpable = start_undumpable(),
        capable = start_capable();
  const std::vector<Target> targets = {
      {"sleep of root", root_sleep, true},
      {"4 threads of root", threads.pid, true},
      {"sleep of nobody", nobody_sleep, false},
      {"nobody, not dumpable", undumpable.pid, true},
      {"nobody, CAP_SYS_NICE permitted", capable.pid, true},
  };
  std::set<std::string> pids;
  std::string pid_list, about = "\n--- targets";
  for (const auto& target : targets) {
    pids.insert(std::to_string(target.pid));
    pid_list += (pid_list.empty() ? "" : ",") + std::to_string(target.pid);
    about += "\n  " + std::to_string(target.pid) + " " + target.what;
  }
  about += "\n";
  const bool started = std::none_of(targets.begin(), targets.end(),
                                    [](const Target& target) { return target.pid <= 0; });
  const std::string problem =
      started ? world_problem(tdps, pin_dir, targets, pid_list) : ": a target did not start";
  std::vector<std::string> columns = all_columns(tdps);
  if (!problem.empty() || columns.size() < 100) {
    std::cout << "FAIL " << shown << ": the world is not as the test needs it" << problem << about
              << "--- tdps L gave " << columns.size() << " columns\n";
    columns.clear();
  }
  int failures = columns.empty() ? 1 : 0;
  // Each column alone (a column that makes the backend read stat would mend the others'
  // values), as processes and as threads (the two pins). Columns the bpf backend reads
  // from /proc for every row are not compared: there both backends read the same files,
  // and some values move between any two runs (PSS, whenever a process maps or unmaps a
  // library the target shares).
  constexpr std::size_t kProcesses = 5, kThreads = 8;
  constexpr int kAttempts = 5;
  std::string from_proc;
  for (const std::string& column : columns) {
    const std::vector<std::pair<std::vector<std::string>, std::size_t>> formats = {
        {{"-p", pid_list, "-o", "pid," + column, "--debug"}, kProcesses},
        {{"-L", "-p", pid_list, "-o", "pid,lwp," + column, "--debug"}, kThreads},
    };
    bool served = true;
    // A clock tick (etime, %cpu) may change a value between two runs: retried, later each
    // time.
    std::string why;
    for (int attempt = 0; served && attempt < kAttempts; ++attempt) {
      if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(250 * attempt));
      why.clear();
      for (const auto& [args, rows] : formats) {
        const auto argv = as_nobody(pin_dir, tdps, args);
        // procfs before and after bpf: a lifetime CPU share (%CUC, %CUU: three decimals)
        // falls by a step every few hundred milliseconds as a busy-once target ages, and on
        // a loaded machine each task's elapsed seconds tick at their own instants, so each
        // of bpf's lines must be that line of one of the two procfs runs around it.
        const Run procfs = run(argv, "procfs"), bpf = run(argv, "bpf"),
                  procfs_after = run(argv, "procfs");
        const std::string want = lines_of(procfs.out, pids), got = lines_of(bpf.out, pids),
                          want_after = lines_of(procfs_after.out, pids);
        const auto lines = static_cast<std::size_t>(std::count(want.begin(), want.end(), '\n'));
        served = served && !read_from_proc(bpf.out);
        if (procfs.status == 0 && bpf.status == 0 && procfs_after.status == 0 &&
            bpf.out.find("backend=bpf") != std::string::npos &&
            each_line_of_either(got, want, want_after) && lines == 1 + rows)
          continue;
        why += "\n--- " + joined(argv) + "\n--- procfs (status " + std::to_string(procfs.status) +
               ")\n" + procfs.out + "--- bpf (status " + std::to_string(bpf.status) + ")\n" +
               bpf.out + "--- procfs again (status " + std::to_string(procfs_after.status) + ")\n" +
               procfs_after.out;
      }
      if (why.empty()) break;
    }
    if (!served) {
      from_proc += " " + column;
    } else if (why.empty()) {
      std::cout << "ok   " << shown << ": " << column << "\n";
    } else {
      std::cout << "FAIL " << shown << ": " << column << why << about;
      ++failures;
    }
  }
  if (!columns.empty())
    std::cout << "--   " << shown
              << ": read from /proc by both backends, not compared:" << from_proc << "\n";
  // The column world_problem() saw hidden must be one the program serves, or nothing
  // above compared what it hides.
  if (!columns.empty() && (from_proc + " ").find(" trs ") != std::string::npos) {
    std::cout << "FAIL " << shown << ": the bpf backend read trs from /proc\n";
    ++failures;
  }
  // In the reverse order of their start: a child that did not exec holds the write ends of
  // the pipes of those started before it, which would keep them idle.
  capable.end();
  undumpable.end();
  threads.end();
  end_sleep(nobody_sleep);
  end_sleep(root_sleep);
  return failures;
}

}  // namespace td::diff::host
