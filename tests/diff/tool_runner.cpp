#include "tool_runner.h"

#include <fcntl.h>
#include <grp.h>
#include <linux/sched.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/personality.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "exec_args.h"
#include "protocol.h"

namespace td::diff {
namespace {

using Clock = std::chrono::steady_clock;

// What the child reports through the close-on-exec sync pipe when it cannot exec.
struct ChildFailure {
  int step;
  int error;
};
enum Step {
  kMountNs,
  kNetNs,
  kLastPid,
  kSetsid,
  kOpenTty,
  kCtty,
  kRaw,
  kWinsize,
  kNull,
  kFull,
  kDup,
  kChdir,
  kUser,
  kExec
};
constexpr const char* kStepNames[] = {
    "setns(mnt)", "setns(net)", "write ns_last_pid", "setsid",         "open tty",
    "TIOCSCTTY",  "tcsetattr",  "TIOCSWINSZ",        "open /dev/null", "open /dev/full",
    "dup2",       "chdir",      "setresuid",         "execve"};

// Only async-signal-safe calls from here on: the child of a raw clone3() is a fork.
[[noreturn]] void child_fail(int sync_fd, Step step) {
  ChildFailure failure{step, errno};
  ssize_t ignored = write(sync_fd, &failure, sizeof failure);
  (void)ignored;
  _exit(127);
}

// Bytes a killed earlier run left in the tool pty must not leak into this one.
void drain(int master) {
  int flags = fcntl(master, F_GETFL);
  fcntl(master, F_SETFL, flags | O_NONBLOCK);
  char chunk[4096];
  while (read(master, chunk, sizeof chunk) > 0) {
  }
  fcntl(master, F_SETFL, flags);
}

}  // namespace

std::string describe_wait_status(int wait_status) {
  if (WIFEXITED(wait_status)) return "exit " + std::to_string(WEXITSTATUS(wait_status));
  if (WIFSIGNALED(wait_status)) {
    int sig = WTERMSIG(wait_status);
    const char* abbrev = sigabbrev_np(sig);
    std::string text = "killed by ";
    text += abbrev ? std::string("SIG") + abbrev : "signal " + std::to_string(sig);
    if (WCOREDUMP(wait_status)) text += " (core dumped)";
    return text;
  }
  return "wait status " + std::to_string(wait_status);
}

ToolRunner::ToolRunner(int pid_ns, int mnt_ns, int net_ns)
    : pid_ns_(pid_ns),
      mnt_ns_(mnt_ns),
      net_ns_(net_ns),
      own_pid_ns_(open("/proc/self/ns/pid", O_RDONLY | O_CLOEXEC)) {}

void ToolRunner::set_tool_tty(int tty_master, std::string tty_path) {
  if (tty_master_ >= 0) close(tty_master_);
  tty_master_ = tty_master;
  tty_path_ = std::move(tty_path);
}

pid_t ToolRunner::start_helper(const std::string& exe, std::vector<std::string> argv,
                               std::vector<std::string> env, int fd, std::string* error) {
  auto argv_ptrs = td::fixtures::exec_pointers(argv);
  auto env_ptrs = td::fixtures::exec_pointers(env);
  pid_t child = clone_into_world(0, error);
  if (child != 0) return child;
  for (int sig = 1; sig < NSIG; ++sig)
    signal(sig, SIG_DFL);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  if (setns(mnt_ns_, CLONE_NEWNS) != 0 || (net_ns_ >= 0 && setns(net_ns_, CLONE_NEWNET) != 0) ||
      setsid() < 0 || dup2(fd, 0) < 0 || dup2(fd, 1) < 0) {
    _exit(127);
  }
  syscall(SYS_close_range, 3, ~0U, 0);
  execve(exe.c_str(), argv_ptrs.data(), env_ptrs.data());
  _exit(127);
}

ToolRunner::~ToolRunner() {
  for (int fd : {pid_ns_, mnt_ns_, net_ns_, own_pid_ns_, tty_master_}) {
    if (fd >= 0) close(fd);
  }
}

void ToolRunner::run_child(const RunRequest& request, char** argv, char** envp, int out_fd,
                           int err_fd, int sync_fd, const char* last_pid_text,
                           std::size_t last_pid_length) {
  for (int sig = 1; sig < NSIG; ++sig)
    signal(sig, SIG_DFL);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  // The world's mount namespace has its /proc and its private devpts.
  if (setns(mnt_ns_, CLONE_NEWNS) != 0) child_fail(sync_fd, kMountNs);
  // A world of its own network namespace (lsof's): the tool sees only the fixtures' sockets.
  if (net_ns_ >= 0 && setns(net_ns_, CLONE_NEWNET) != 0) child_fail(sync_fd, kNetNs);
  // A set_tid clone leaves the namespace's pid cursor where it was, so a child the tool
  // forks (lsof 4.95's stat helper) would get a new pid on every run; from here on it gets
  // the tool's pid + 1 (the {pid:self-child} of the case tables).
  if (request.pid != 0) {
    int last_pid = open("/proc/sys/kernel/ns_last_pid", O_WRONLY | O_CLOEXEC);
    if (last_pid < 0 ||
        write(last_pid, last_pid_text, last_pid_length) != static_cast<ssize_t>(last_pid_length))
      child_fail(sync_fd, kLastPid);
    close(last_pid);
  }
  if (setsid() < 0) child_fail(sync_fd, kSetsid);
  int tty = -1;
  if (request.ctty || request.output == Output::tty) {
    // A session leader opening a terminal without O_NOCTTY makes it its controlling one.
    tty = open(tty_path_.c_str(), O_RDWR | O_CLOEXEC);
    if (tty < 0) child_fail(sync_fd, kOpenTty);
    if (ioctl(tty, TIOCSCTTY, 0) != 0) child_fail(sync_fd, kCtty);
    // Raw mode: the harness compares what the tool wrote, not what ONLCR made of it.
    termios mode{};
    if (tcgetattr(tty, &mode) != 0) child_fail(sync_fd, kRaw);
    cfmakeraw(&mode);
    if (tcsetattr(tty, TCSANOW, &mode) != 0) child_fail(sync_fd, kRaw);
    winsize size{};
    size.ws_col = static_cast<unsigned short>(request.cols);
    size.ws_row = static_cast<unsigned short>(request.rows);
    if (ioctl(tty, TIOCSWINSZ, &size) != 0) child_fail(sync_fd, kWinsize);
  }
  int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (null < 0) child_fail(sync_fd, kNull);
  int stdout_fd = request.output == Output::tty ? tty : out_fd;
  if (request.output == Output::full) {
    stdout_fd = open("/dev/full", O_WRONLY | O_CLOEXEC);
    if (stdout_fd < 0) child_fail(sync_fd, kFull);
  }
  // Lift everything above 0..3 first so the dup2 calls below cannot clobber each other.
  int fds[] = {null, stdout_fd, err_fd, sync_fd};
  for (int& fd : fds) {
    fd = fcntl(fd, F_DUPFD_CLOEXEC, 64);
    if (fd < 0) child_fail(sync_fd, kDup);
  }
  sync_fd = fds[3];
  for (int target = 0; target <= 2; ++target) {
    if (dup2(fds[target], target) < 0) child_fail(sync_fd, kDup);
  }
  if (dup3(fds[3], 3, O_CLOEXEC) < 0) child_fail(sync_fd, kDup);
  sync_fd = 3;
  syscall(SYS_close_range, 4, ~0U, 0);
  // Same layout on every run, so the tool's own VSZ does not wobble between runs.
  personality(ADDR_NO_RANDOMIZE);
  if (chdir(request.cwd.c_str()) != 0) child_fail(sync_fd, kChdir);
  // Last, once the root-only steps are done: the tool runs with this user's ids alone.
  if (request.user && (setgroups(0, nullptr) != 0 ||
                       setresgid(request.user->gid, request.user->gid, request.user->gid) != 0 ||
                       setresuid(request.user->uid, request.user->uid, request.user->uid) != 0))
    child_fail(sync_fd, kUser);
  execve(request.exe.c_str(), argv, envp);
  child_fail(sync_fd, kExec);
}

pid_t ToolRunner::clone_into_world(pid_t pid, std::string* error) {
  // pid_for_children only: the harness itself stays in its own namespace, and is put back
  // to forking there right after.
  if (setns(pid_ns_, CLONE_NEWPID) != 0) {
    *error = std::string("setns(pid): ") + std::strerror(errno);
    return -1;
  }
  clone_args args{};
  args.exit_signal = SIGCHLD;
  pid_t wanted = pid;
  if (pid != 0) {
    args.set_tid = reinterpret_cast<__u64>(&wanted);
    args.set_tid_size = 1;  // the innermost namespace only: the world's
  }
  long child = syscall(SYS_clone3, &args, sizeof args);
  // The pid may still be held for a moment by what the last run left behind (a child of the
  // tool in its session, which pid 1 reaps once it exits): wait up to two seconds.
  for (int retry = 0; child < 0 && errno == EEXIST && pid != 0 && retry < 200; ++retry) {
    usleep(10000);
    child = syscall(SYS_clone3, &args, sizeof args);
  }
  if (child == 0) return 0;
  int clone_errno = errno;
  if (setns(own_pid_ns_, CLONE_NEWPID) != 0) {
    *error = std::string("setns(own pid ns): ") + std::strerror(errno);
  }
  if (child < 0) {
    *error =
        std::string("clone3 with pid ") + std::to_string(pid) + ": " + std::strerror(clone_errno);
  }
  return static_cast<pid_t>(child);
}

void ToolRunner::run(const RunRequest& request, RunResult* result) {
  *result = {};
  // Everything the child needs is built before the clone: the child only makes syscalls.
  std::vector<std::string> argv = request.argv, env = request.env;
  auto argv_ptrs = td::fixtures::exec_pointers(argv);
  auto env_ptrs = td::fixtures::exec_pointers(env);
  const std::string last_pid = std::to_string(request.pid);
  int out_pipe[2] = {-1, -1}, err_pipe[2], sync_pipe[2];
  if (pipe2(err_pipe, O_CLOEXEC) != 0 || pipe2(sync_pipe, O_CLOEXEC) != 0 ||
      (request.output != Output::tty && request.output != Output::full &&
       pipe2(out_pipe, O_CLOEXEC) != 0)) {
    result->error = std::string("pipe: ") + std::strerror(errno);
    return;
  }
  if (request.output == Output::closed) {
    // Closed before the clone: the tool's first write fails whatever the timing.
    close(out_pipe[0]);
    out_pipe[0] = -1;
  }
  if (request.output == Output::tty || request.ctty) {
    if (tty_master_ < 0) {
      result->error = "no tool pty";
      return;
    }
    drain(tty_master_);
  }

  pid_t child = clone_into_world(request.pid, &result->error);
  if (child == 0) {
    run_child(request, argv_ptrs.data(), env_ptrs.data(), out_pipe[1], err_pipe[1], sync_pipe[1],
              last_pid.data(), last_pid.size());
  }
  for (int fd : {out_pipe[1], err_pipe[1], sync_pipe[1]}) {
    if (fd >= 0) close(fd);
  }
  if (child < 0) {
    for (int fd : {out_pipe[0], err_pipe[0], sync_pipe[0]}) {
      if (fd >= 0) close(fd);
    }
    return;
  }
  ChildFailure failure{};
  ssize_t got = read(sync_pipe[0], &failure, sizeof failure);
  close(sync_pipe[0]);
  if (got == sizeof failure) {
    result->error = std::string("tool child: ") + kStepNames[failure.step] + ": " +
                    std::strerror(failure.error);
  }
  // After the exec the slave is open, so reading the master is safe: it returns everything
  // written, then EIO once the last slave fd is closed.
  int out_fd = request.output == Output::tty ? tty_master_ : out_pipe[0];
  collect(request, child, out_fd, err_pipe[0], result);
}

void ToolRunner::collect(const RunRequest& request, pid_t child, int out_fd, int err_fd,
                         RunResult* result) {
  unsigned lines = 0;
  auto deadline = Clock::now() + std::chrono::milliseconds(request.timeout_ms);
  auto close_fd = [&](int* fd) {
    if (*fd != tty_master_) close(*fd);
    *fd = -1;
  };
  while (out_fd >= 0 || err_fd >= 0) {
    pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    int ready = left.count() > 0 ? poll(fds, 2, static_cast<int>(left.count())) : 0;
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) {
      kill(child, SIGKILL);
      result->error = "timeout after " + std::to_string(request.timeout_ms) + " ms";
      break;
    }
    char chunk[65536];
    for (int i = 0; i < 2; ++i) {
      int* fd = i == 0 ? &out_fd : &err_fd;
      if (*fd < 0 || fds[i].revents == 0) continue;
      ssize_t n = read(*fd, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        // EOF, or EIO on the pty master: the tool closed its end.
        close_fd(fd);
        continue;
      }
      std::string_view data(chunk, static_cast<size_t>(n));
      if (i == 1) {
        result->err.append(data);
        continue;
      }
      if (request.head_lines > 0) {
        // Like `head -N`: keep N lines, then close the pipe under the writer.
        for (size_t pos = 0; pos < data.size(); ++pos) {
          if (data[pos] == '\n' && ++lines == request.head_lines) {
            data = data.substr(0, pos + 1);
            break;
          }
        }
      }
      result->out.append(data);
      if (request.head_lines > 0 && lines >= request.head_lines) close_fd(fd);
    }
  }
  if (out_fd >= 0) close_fd(&out_fd);
  if (err_fd >= 0) close_fd(&err_fd);
  while (waitpid(child, &result->wait_status, 0) < 0 && errno == EINTR) {
  }
}

}  // namespace td::diff
