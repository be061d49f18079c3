#include "pinned_reader.h"

#include <sys/mount.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <thread>
#include <vector>

#include "host_runs.h"

namespace td::diff::host {

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

// `args` run as nobody, without capabilities, reading the pins in `pin_dir`.
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

}  // namespace

int compare_pinned_reader(const std::string& tdps, const std::string& pin_tool,
                          const std::set<std::string>& pids, const std::string& pid_list) {
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
    std::string why;
    bool ok = false;
    for (int attempt = 0; attempt < 4 && !ok; ++attempt) {
      if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(300 * attempt));
      const Run procfs = run(as_nobody(pin_dir, tdps, args), "procfs");
      const Run bpf = run(as_nobody(pin_dir, tdps, args), "bpf");
      const std::string want = lines_of(procfs.out, pids), got = lines_of(bpf.out, pids);
      ok = procfs.status == 0 && bpf.status == 0 &&
           bpf.out.find("backend=bpf") != std::string::npos && want == got && want.size() > 0 &&
           want.find('\n') + 1 < want.size();
      if (!ok)
        why = "\n--- procfs (status " + std::to_string(procfs.status) + ")\n" + want +
              "--- bpf (status " + std::to_string(bpf.status) + ")\n" + got +
              "--- bpf, other lines\n" + other_lines(bpf.out);
    }
    if (!ok) ++failures;
    std::cout << (ok ? "ok   " : "FAIL ") << shown << (ok ? "" : why) << "\n";
  }
  run({pin_tool, "--remove", pin_dir}, "auto");
  return failures;
}

}  // namespace td::diff::host
