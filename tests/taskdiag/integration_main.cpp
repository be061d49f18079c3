// td-taskdiag-integration: the whole path `tdps --backend=taskdiag` against the stand-in
// server (standin_server.cpp) on a world of idle processes in a fresh pid namespace, whose
// output must equal `tdps --backend=procfs` byte for byte.
//
//   td-taskdiag-integration --tdps=PATH --standin=PATH
//
// Outside, it re-runs itself as pid 1 of `unshare --pid --fork --mount-proc` (root needed;
// without it the test skips with exit 77, or fails when CI is set). Inside, it starts the
// fixtures and the stand-in, then compares for each stand-in mode (kernel attributes only;
// our extension attributes; tiny chunks that force continued tasks) and each format. The
// rows of tdps itself and of the stand-in are left out of the comparison: their pid, state
// and CPU differ between two runs by nature. Also checked: auto picks task_diag, and a
// stand-in that fails mid-dump makes auto fall back to procfs with the same output while
// --backend=taskdiag exits 1 with the reason.
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

struct Paths {
  std::string tdps;
  std::string standin;
};

struct Run {
  std::string out;
  std::string err;
  int status = -1;
};

std::string read_all(int fd) {
  std::string text;
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    text.append(buf, static_cast<std::size_t>(n));
  }
  return text;
}

Run run(const std::vector<std::string>& argv, const std::vector<std::string>& env) {
  int out[2], err[2];
  if (::pipe(out) || ::pipe(err)) return {};
  const pid_t child = ::fork();
  if (child == 0) {
    ::dup2(out[1], 1);
    ::dup2(err[1], 2);
    ::close(out[0]);
    ::close(err[0]);
    ::unsetenv("PROCSCAN_TASKDIAG_PATH");
    ::unsetenv("PROCSCAN_BACKEND");
    for (const std::string& assignment : env)
      ::putenv(const_cast<char*>(assignment.c_str()));
    std::vector<char*> args;
    for (const std::string& a : argv)
      args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    _exit(127);
  }
  ::close(out[1]);
  ::close(err[1]);
  Run result;
  // Read both pipes without deadlock: stderr is small, read stdout first in a thread.
  std::thread err_reader([&] { result.err = read_all(err[0]); });
  result.out = read_all(out[0]);
  err_reader.join();
  ::close(out[0]);
  ::close(err[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

// Lines of tdps' own row and the stand-in's are dropped; everything else is compared.
std::string comparable(const std::string& output) {
  std::istringstream lines(output);
  std::string line, kept;
  while (std::getline(lines, line))
    if (line.find("tdps") == std::string::npos && line.find("td-taskdiag") == std::string::npos)
      kept += line + "\n";
  return kept;
}

pid_t spawn(const std::vector<std::string>& argv) {
  const pid_t child = ::fork();
  if (child == 0) {
    std::vector<char*> args;
    for (const std::string& a : argv)
      args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    _exit(127);
  }
  return child;
}

// Idle processes of several kinds; their pids, for -p.
std::vector<pid_t> start_fixtures() {
  std::vector<pid_t> pids;
  pids.push_back(spawn({"/bin/sleep", "1000"}));
  // A shell with a command line longer than a 16 KiB chunk.
  pids.push_back(
      spawn({"/bin/sh", "-c", "sleep 1000; true", "long-args", std::string(20000, 'x')}));
  // A renamed process with threads.
  if (const pid_t child = ::fork(); child == 0) {
    ::prctl(PR_SET_NAME, "odd )( name");
    for (int i = 0; i < 3; ++i)
      std::thread([] {
        for (;;)
          ::pause();
      }).detach();
    for (;;)
      ::pause();
  } else {
    pids.push_back(child);
  }
  // A stopped process.
  if (const pid_t child = ::fork(); child == 0) {
    for (;;)
      ::pause();
  } else {
    ::kill(child, SIGSTOP);
    pids.push_back(child);
  }
  // A zombie: a parent that never reaps its exited child.
  if (const pid_t parent = ::fork(); parent == 0) {
    if (::fork() == 0) _exit(0);
    for (;;)
      ::pause();
  } else {
    pids.push_back(parent);
  }
  // Let everyone settle into S, T and Z.
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  return pids;
}

std::string join(const std::vector<pid_t>& pids) {
  std::string out;
  for (pid_t pid : pids)
    out += (out.empty() ? "" : ",") + std::to_string(pid);
  return out;
}

pid_t start_standin(const Paths& paths, const std::string& socket,
                    const std::vector<std::string>& mode) {
  std::vector<std::string> argv{paths.standin, socket};
  argv.insert(argv.end(), mode.begin(), mode.end());
  ::unlink(socket.c_str());
  const pid_t pid = spawn(argv);
  struct stat st;
  for (int i = 0; i < 200 && ::stat(socket.c_str(), &st) != 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  return pid;
}

void stop(pid_t pid) {
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
}

int failures = 0;

void expect(bool ok, const std::string& what, const std::string& detail = "") {
  std::printf("%s: %s\n", ok ? "ok" : "FAILED", what.c_str());
  if (!ok) {
    ++failures;
    if (!detail.empty()) std::printf("%s\n", detail.c_str());
  }
}

std::string first_difference(const std::string& a, const std::string& b) {
  std::istringstream la(a), lb(b);
  std::string x, y;
  for (int n = 1;; ++n) {
    const bool ga = static_cast<bool>(std::getline(la, x));
    const bool gb = static_cast<bool>(std::getline(lb, y));
    if (!ga && !gb) return "";
    if (!ga || !gb || x != y)
      return "  line " + std::to_string(n) + "\n  procfs:   " + (ga ? x : "<none>") +
             "\n  taskdiag: " + (gb ? y : "<none>");
  }
}

int inside(const Paths& paths) {
  const std::vector<pid_t> fixtures = start_fixtures();
  const std::string socket = "/tmp/td-taskdiag-standin." + std::to_string(::getppid()) + ".sock";
  const std::string env = "PROCSCAN_TASKDIAG_PATH=" + socket;
  const std::vector<std::vector<std::string>> formats = {
      {"ax"},
      {"-eo", "pid,ppid,uid,comm,args"},
      {"-eLf"},
      {"l", "-p", join(fixtures)},
      {"-p", join(fixtures), "-o", "pid,tid,stat,ni,pri,tty,rss,vsz,start,time,args"},
      {"-eo", "pid,user,ruser,group,comm,nlwp,maj_flt,min_flt,wchan,sz,rss,vsz"},
      {"-p", std::to_string(fixtures[1]), "-o", "pid,args"},
  };
  const std::vector<std::vector<std::string>> modes = {{}, {"--ext"}, {"--chunk=600"}};
  for (const auto& mode : modes) {
    const pid_t standin = start_standin(paths, socket, mode);
    const std::string mode_name = mode.empty() ? "kernel attributes" : mode[0];
    for (const auto& format : formats) {
      std::vector<std::string> procfs_argv{paths.tdps, "--backend=procfs"};
      std::vector<std::string> taskdiag_argv{paths.tdps, "--backend=taskdiag"};
      procfs_argv.insert(procfs_argv.end(), format.begin(), format.end());
      taskdiag_argv.insert(taskdiag_argv.end(), format.begin(), format.end());
      const Run reference = run(procfs_argv, {});
      const Run candidate = run(taskdiag_argv, {env});
      std::string what = "[" + mode_name + "] tdps";
      for (const std::string& word : format)
        what += " " + (word.size() > 40 ? word.substr(0, 40) + "..." : word);
      const std::string a = comparable(reference.out), b = comparable(candidate.out);
      expect(
          reference.status == 0 && candidate.status == reference.status && a == b &&
              candidate.err.empty() && std::count(a.begin(), a.end(), '\n') >= 2,
          what,
          first_difference(a, b) + (candidate.err.empty() ? "" : "\n  stderr: " + candidate.err));
    }
    // auto chooses task_diag for root (CAP_SYS_PTRACE) and gives the same bytes.
    const Run automatic = run({paths.tdps, "-eo", "pid,comm,args"}, {env});
    const Run reference = run({paths.tdps, "--backend=procfs", "-eo", "pid,comm,args"}, {});
    expect(comparable(automatic.out) == comparable(reference.out),
           "[" + mode_name + "] auto equals procfs");
    stop(standin);
  }

  // A stand-in that fails in the middle of whole dumps.
  const pid_t failing = start_standin(paths, socket, {"--fail-bulk"});
  const Run reference = run({paths.tdps, "--backend=procfs", "ax"}, {});
  const Run automatic = run({paths.tdps, "ax"}, {env});
  expect(automatic.status == 0 && comparable(automatic.out) == comparable(reference.out) &&
             automatic.err.empty(),
         "[fail-bulk] auto falls back to procfs with the same output",
         first_difference(comparable(reference.out), comparable(automatic.out)));
  const Run insisted = run({paths.tdps, "--backend=taskdiag", "ax"}, {env});
  expect(insisted.status == 1 && insisted.out.empty() &&
             insisted.err.find("Input/output error") != std::string::npos,
         "[fail-bulk] --backend=taskdiag exits 1 with the reason", insisted.err);
  stop(failing);

  // No such file: --backend=taskdiag says why.
  const Run missing = run({paths.tdps, "--backend=taskdiag", "ax"},
                          {"PROCSCAN_TASKDIAG_PATH=/nonexistent/task-diag"});
  expect(missing.status == 1 && missing.err.find("does not exist") != std::string::npos,
         "a missing PROCSCAN_TASKDIAG_PATH is a clear error", missing.err);
  ::unlink(socket.c_str());
  return failures == 0 ? 0 : 1;
}

bool in_ci() {
  const char* ci = std::getenv("CI");
  return ci && *ci && std::strcmp(ci, "false") != 0 && std::strcmp(ci, "0") != 0;
}

int skip(const std::string& why) {
  std::printf("%s: %s\n", in_ci() ? "FAILED" : "SKIPPED", why.c_str());
  return in_ci() ? 1 : 77;
}

}  // namespace

int main(int argc, char** argv) {
  Paths paths;
  bool is_inside = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--tdps=", 0) == 0) paths.tdps = arg.substr(7);
    if (arg.rfind("--standin=", 0) == 0) paths.standin = arg.substr(10);
    if (arg == "--inside") is_inside = true;
  }
  if (paths.tdps.empty() || paths.standin.empty()) {
    std::fprintf(stderr, "usage: td-taskdiag-integration --tdps=PATH --standin=PATH\n");
    return 2;
  }
  if (is_inside) return inside(paths);
  if (::geteuid() != 0) return skip("needs root for unshare --pid");
  std::fflush(stdout);
  const Run probe = run({"/usr/bin/unshare", "--pid", "--fork", "--mount-proc", "/bin/true"}, {});
  if (probe.status != 0) return skip("unshare --pid --fork --mount-proc failed: " + probe.err);
  const pid_t child =
      spawn({"/usr/bin/unshare", "--pid", "--fork", "--mount-proc", "--kill-child", argv[0],
             "--inside", "--tdps=" + paths.tdps, "--standin=" + paths.standin});
  int status = 0;
  ::waitpid(child, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
