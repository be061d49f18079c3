// Runs one tool inside the fixture world, the same way every time. The harness stays
// outside the namespace and starts the tool with clone3() into the world's pid namespace
// (pid_for_children) with set_tid, so every run gets the same pid and nothing inside the
// namespace does any work: pid 1's CPU time and memory stay put between two runs.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace td::diff {

// Where the tool's standard output goes.
enum class Output {
  pipe,    // a pipe read to the end
  tty,     // the tool pty, which is then also the controlling terminal
  closed,  // a pipe whose read end is already closed (`tool | true`)
  full,    // /dev/full: every write fails with ENOSPC (`tool > /dev/full`)
};

struct RunRequest {
  std::string exe;                // path to execute; its basename becomes comm
  std::vector<std::string> argv;  // exactly the argv, argv[0] included
  std::vector<std::string> env;   // exactly the environment
  std::string cwd = "/";
  pid_t pid = 0;  // pid in the world's namespace; 0 for any
  Output output = Output::pipe;
  bool ctty = false;              // give the tool the tool pty as controlling terminal
  unsigned cols = 80, rows = 24;  // tool pty window size
  unsigned head_lines = 0;        // close stdout after this many lines (`| head -N`); 0: all
  unsigned timeout_ms = 30000;    // then the tool is killed and the run is an error
  // Run with this user's ids (no supplementary groups) instead of root's.
  struct User {
    uid_t uid;
    gid_t gid;
  };
  std::optional<User> user;
};

struct RunResult {
  std::string out, err;
  int wait_status = 0;  // as from waitpid()
  std::string error;    // the run itself failed (clone, exec, timeout); empty if fine
};

// "exit 0", "killed by SIGPIPE", ...
std::string describe_wait_status(int wait_status);

class ToolRunner {
 public:
  // pid_ns, mnt_ns: fds of the world's pid namespace (for children) and mount namespace;
  // net_ns: its network namespace when it has one of its own, else -1. The runner owns them.
  ToolRunner(int pid_ns, int mnt_ns, int net_ns = -1);
  ~ToolRunner();
  ToolRunner(const ToolRunner&) = delete;
  ToolRunner& operator=(const ToolRunner&) = delete;

  // tty_master: master of the world's tool pty (the runner owns it from now on); tty_path:
  // its slave inside the world. Needed before runs with Output::tty or ctty.
  void set_tool_tty(int tty_master, std::string tty_path);

  // Runs the request; problems of the run itself land in result->error.
  void run(const RunRequest& request, RunResult* result);

  // Starts a helper (td-world --spawn) in the world with `fd` as its stdin and stdout and
  // the harness's stderr. Returns its pid in the harness's namespace, or -1.
  pid_t start_helper(const std::string& exe, std::vector<std::string> argv,
                     std::vector<std::string> env, int fd, std::string* error);

 private:
  // last_pid_text: request.pid in decimal, made before the clone (the child only makes
  // syscalls).
  [[noreturn]] void run_child(const RunRequest& request, char** argv, char** envp, int out_fd,
                              int err_fd, int sync_fd, const char* last_pid_text,
                              std::size_t last_pid_length);
  pid_t clone_into_world(pid_t pid, std::string* error);
  void collect(const RunRequest& request, pid_t child, int out_fd, int err_fd, RunResult* result);

  int pid_ns_, mnt_ns_, net_ns_, own_pid_ns_, tty_master_ = -1;
  std::string tty_path_;
};

}  // namespace td::diff
