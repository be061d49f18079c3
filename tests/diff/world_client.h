// The harness's handle on a fixture world (tests/fixtures/world_main.cpp): td-world as pid 1
// of a fresh pid namespace under `unshare --pid --fork --mount-proc --kill-child`, doing
// nothing, and the fixtures a `td-world --spawn` helper made there. The harness stays
// outside and starts everything else into the namespace (tool_runner.h), so neither its
// own allocations and CPU time nor those of pid 1 change between two runs of a tool.
#pragma once

#include <sys/types.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "quiet_window.h"
#include "tool_runner.h"

namespace td::diff {

struct WorldProcess {
  std::string name;
  pid_t pid = 0;  // in the world's pid namespace
  char state = '?';
  unsigned threads = 1;
  std::string fixture;
  std::vector<pid_t> tids;  // /proc/PID/task in its order, for processes with threads
};

class WorldClient {
 public:
  // Checks that `unshare --pid --fork --mount-proc` works here; "" if so, else why not.
  static std::string probe_unshare();

  // Starts the world and reads its announcement. nullptr with *error on failure. A world
  // `for_lsof` also has a network namespace of its own (loopback up) that tools enter, and
  // lsof's fixture rows (tests/fixtures/lsof_world.h).
  static std::unique_ptr<WorldClient> start(const std::string& world_exe, std::string* error,
                                            bool for_lsof = false);

  // Closing pid 1's socket ends it, and with it every process in the namespace.
  ~WorldClient();
  WorldClient(const WorldClient&) = delete;
  WorldClient& operator=(const WorldClient&) = delete;

  void run(const RunRequest& request, RunResult* result) { runner_->run(request, result); }
  // "" if every fixture is still in its expected state (td-world --check).
  std::string check();

  const std::vector<WorldProcess>& processes() const { return processes_; }
  // Start time of every task in the world, in clock ticks after boot.
  const std::vector<unsigned long long>& start_ticks() const { return start_ticks_; }
  // Tasks that had used CPU when the world was made (see td::fixtures::CpuUse).
  const std::vector<CpuShare>& cpu_use() const { return cpu_use_; }
  const std::vector<std::string>& notes() const { return notes_; }
  // "/proc/PID/ns/" of the process whose namespaces (pid_for_children, mnt) are the world's,
  // for a helper that enters the world itself (td-tty-diff's tools run under tmux).
  std::string namespace_dir() const { return "/proc/" + std::to_string(unshare_pid_) + "/ns/"; }
  std::optional<pid_t> pid_of(const std::string& name) const;
  // The first thread /proc/PID/task lists after the leader: a thread that is not its
  // process's leader, for {tid:NAME}.
  std::optional<pid_t> tid_of(const std::string& name) const;
  // "fixtures" or "tool": the terminal's name as ps prints it (pts/N).
  std::optional<std::string> tty_of(const std::string& which) const;

 private:
  WorldClient(std::string world_exe, pid_t unshare_pid, int init_socket, bool for_lsof)
      : world_exe_(std::move(world_exe)),
        unshare_pid_(unshare_pid),
        init_socket_(init_socket),
        for_lsof_(for_lsof) {}

  bool open_runner(std::string* error);
  bool spawn_fixtures(std::string* error);
  bool parse_announcement(const std::vector<std::string>& fields, std::string* error);

  std::string world_exe_;
  pid_t unshare_pid_;
  int init_socket_;
  bool for_lsof_;
  int fixture_tty_master_ = -1;  // held so the fixture terminal never hangs up
  std::unique_ptr<ToolRunner> runner_;
  std::string tool_tty_path_;
  std::vector<WorldProcess> processes_;
  std::vector<unsigned long long> start_ticks_;
  std::vector<CpuShare> cpu_use_;
  std::vector<std::string> notes_;
  std::map<std::string, std::string> ttys_;
};

}  // namespace td::diff
