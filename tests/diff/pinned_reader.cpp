#include "pinned_reader.h"

#include <sys/mount.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

#include "host_runs.h"
#include "idle_children.h"
#include "pinned_columns.h"

namespace td::diff::host {

std::vector<std::string> as_nobody(const std::string& pin_dir, const std::string& tdps,
                                   const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"/usr/bin/setpriv",
                                   "--reuid=65534",
                                   "--regid=65534",
                                   "--clear-groups",
                                   "--inh-caps=-all",
                                   "/usr/bin/env",
                                   "PROCSCAN_BPF_PIN_DIR=" + pin_dir,
                                   tdps};
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

namespace {

// A bpffs mounted on a fresh directory for as long as this lives.
struct Bpffs {
  std::string dir;
  bool mounted = false;
  Bpffs() {
    char name[] = "/tmp/td-bpffs.XXXXXX";
    if (!::mkdtemp(name)) return;
    dir = name;
    mounted = ::mount("bpf", name, "bpf", 0, nullptr) == 0;
  }
  ~Bpffs() {
    if (mounted) ::umount2(dir.c_str(), MNT_DETACH);
    if (!dir.empty()) ::rmdir(dir.c_str());
  }
};

std::string file_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Four readers of the pins at once, a few rounds: each must see all 200 threads of a
// process that writes its threads one by one, in procfs' order. (With one scratch per CPU
// and one solo mark per process for every reader, a reader lost threads whose mark another
// reader's dump had taken over, or mixed up another's messages.)
int concurrent_readers(const std::string& tdps, const std::string& pin_dir,
                       const std::string& self) {
  const char* shown = "pinned iterator, as nobody: four readers at once, a 200-thread process";
  Child solo = start_idle(self, 200, 0);
  if (solo.pid <= 0) {
    std::cout << "FAIL " << shown << ": it did not start\n";
    return 1;
  }
  const std::set<std::string> only{std::to_string(solo.pid)};
  const std::vector<std::string> args = {"-eL", "-o", "pid,lwp,stat,args"};
  const std::string want = lines_of(run(as_nobody(pin_dir, tdps, args), "procfs").out, only);
  char dir[] = "/tmp/td-readers.XXXXXX";
  std::string why = ::mkdtemp(dir) ? "" : ": no temporary directory";
  if (std::count(want.begin(), want.end(), '\n') != 1 + 200)
    why = ": procfs shows it with other than 200 threads:\n" + want;
  const std::string out = std::string(dir) + "/out";
  // Readers overlap often but not always: enough rounds that a reader losing threads to
  // another is all but certain to show (measured with the per-CPU scratch: 2 of 45 runs).
  constexpr int kReaders = 4, kRounds = 30;
  std::string script;
  for (int i = 1; i <= kReaders; ++i)
    script += "\"$0\" \"$@\" >" + out + std::to_string(i) + " & ";
  script += "wait";
  for (int round = 0; round < kRounds && why.empty(); ++round) {
    std::vector<std::string> argv = {"/bin/sh", "-c", script};
    const auto reader = as_nobody(pin_dir, tdps, args);
    argv.insert(argv.end(), reader.begin(), reader.end());
    run(argv, "bpf");
    for (int i = 1; i <= kReaders && why.empty(); ++i) {
      const std::string got = lines_of(file_text(out + std::to_string(i)), only);
      if (got != want)
        why = "\n--- procfs\n" + want + "--- reader " + std::to_string(i) + " of round " +
              std::to_string(round + 1) + "\n" + got;
    }
  }
  for (int i = 1; i <= kReaders; ++i)
    ::unlink((out + std::to_string(i)).c_str());
  ::rmdir(dir);
  solo.end();
  std::cout << (why.empty() ? "ok   " : "FAIL ") << shown << why << "\n";
  return why.empty() ? 0 : 1;
}

}  // namespace

int compare_pinned_reader(const std::string& tdps, const std::string& pin_tool,
                          const std::string& self, const std::set<std::string>& pids,
                          const std::string& pid_list) {
  const Bpffs bpffs;
  if (!bpffs.mounted) {
    std::cout << "FAIL pinned iterator: cannot mount a bpffs: " << std::strerror(errno) << "\n";
    return 1;
  }
  const std::string pin_dir = bpffs.dir + "/procscan";
  const Run pinned = run({pin_tool, "--mode=0444", pin_dir}, "auto");
  if (pinned.status != 0) {
    std::cout << "FAIL pinned iterator: procscan-bpf-pin failed:\n" << pinned.out;
    return 1;
  }
  // Whole listings (the processes and threads pins, each a dump of its own), and pid lists
  // (the pins' dumps filtered by the reader).
  const std::vector<std::vector<std::string>> cases = {
      {"-eL", "-o", "pid,lwp,ppid,nlwp,stat,time,args"},
      {"-e", "-o", "pid,ppid,pgid,sid,tty,stat,ni,pri,time,args"},
      {"-L", "-p", pid_list, "-o", "pid,lwp,stat,psr,args"},
      {"-p", pid_list, "-o", "pid,user,ppid,stime,tty,time,cmd,uid,euid,gid,nlwp"},
  };
  int failures = 0;
  for (auto args : cases) {
    std::string shown = "pinned iterator, as nobody: tdps";
    for (const auto& a : args)
      shown += " " + a;
    args.push_back("--debug");
    const bool ok = retried(shown, 4, [&]() -> std::string {
      const Run procfs = run(as_nobody(pin_dir, tdps, args), "procfs");
      const Run bpf = run(as_nobody(pin_dir, tdps, args), "bpf");
      const std::string want = lines_of(procfs.out, pids), got = lines_of(bpf.out, pids);
      const bool rows = want.size() > 0 && want.find('\n') + 1 < want.size();
      if (procfs.status == 0 && bpf.status == 0 &&
          bpf.out.find("backend=bpf") != std::string::npos && want == got && rows)
        return "";
      return mismatch_report(procfs, want, bpf, got);
    });
    if (!ok) ++failures;
  }
  failures += concurrent_readers(tdps, pin_dir, self);
  failures += compare_pinned_columns(tdps, pin_dir, self);
  run({pin_tool, "--remove", pin_dir}, "auto");
  return failures;
}

}  // namespace td::diff::host
