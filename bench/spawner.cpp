// td-bench-spawner: builds an idle workload of processes, threads and open files for
// bench/run, reports when every task exists, and tears it all down again.
//
//   td-bench-spawner --procs N --threads T --files F [--kind mixed|null|tmp|tcp]
//                    [--stack-kib K] [--lifetime SECONDS] [--ignore-stdin]
//
// Process tree (all workers are idle, blocked in pause()):
//
//   td-bench-spawner            the controller: limits, readiness, teardown, sysctl restore
//     td-bench-worker ...       the template: exec'd once, forks the other N-1 workers and
//       td-bench-worker ...     then becomes a worker itself; every worker has comm and argv
//       ...                     "td-bench-worker", 1 main thread + T-1 pthreads (small
//                               stacks) and F open files
//
// Every worker is in one process group (the template's), has PR_SET_PDEATHSIG(SIGKILL) and
// the controller is a child subreaper, so the controller can kill the whole group and reap
// every worker itself. The controller tears down on SIGINT, SIGTERM, SIGHUP, end of file on
// its stdin, the end of --lifetime, or the death of its own parent (PR_SET_PDEATHSIG).
//
// stdout (for scripts), once every task exists:
//   pgid <pgid>
//   pids <pid> <pid> ...
//   ready procs=N threads=T files=F tasks=N*T pgid=<pgid> template=<pid>
// Everything else (sysctl changes, errors, teardown) goes to stderr.
//
// A second mode times one command for bench/run:
//
//   td-bench-spawner --measure FILE -- COMMAND [ARG...]
//
// forks, execs COMMAND, waits for it with wait4() and writes one line to FILE:
// "<exit status or -signal> <wall seconds> <user seconds> <sys seconds> <max RSS KiB>".
// bench/run goes through this small process rather than spawning from Python because the
// kernel's max-RSS figure of a child starts from what its parent had mapped at fork/exec
// time: from Python it would never be under ~18 MiB.
//
// Exit status: 0 after a clean teardown, 2 bad usage, 3 the machine cannot host the workload
// (limits that cannot be raised, fork/clone refused), 1 anything else, 130/143 when a signal
// ended the run before the workload was ready.

#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr const char* kWorkerName = "td-bench-worker";  // 15 chars: fits TASK_COMM_LEN
constexpr int kExitFail = 1;
constexpr int kExitUsage = 2;
constexpr int kExitEnv = 3;
constexpr long kMaxTmpFiles = 256;  // distinct files in the tmpdir; workers open them repeatedly

// What a worker sends on the ready pipe: its pid and 0, or a failure (stage, errno).
enum Stage : int32_t { kOk = 0, kFork = 1, kThread = 2, kOpen = 3, kExec = 4 };
struct Record {
  int32_t pid;
  int32_t stage;
  int32_t err;
};
static_assert(sizeof(Record) <= PIPE_BUF, "ready records must be written atomically");

const char* stage_name(int32_t stage) {
  switch (stage) {
    case kFork:
      return "fork";
    case kThread:
      return "pthread_create";
    case kOpen:
      return "open";
    case kExec:
      return "exec";
    default:
      return "?";
  }
}

struct Options {
  long procs = 1;
  long threads = 1;  // per process, including the main thread
  long files = 0;    // extra open files per process
  long stack_kib = 64;
  std::string kind = "mixed";  // null | tmp | mixed | tcp
  double lifetime = 0;         // seconds; 0 = until told to stop
  bool ignore_stdin = false;
  // worker mode only
  std::string dir;
  int ready_fd = -1;
};

void say(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
void say(const char* fmt, ...) {
  char buf[1024];
  int n = snprintf(buf, sizeof buf, "td-bench-spawner: ");
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf + n, sizeof buf - static_cast<size_t>(n), fmt, ap);
  va_end(ap);
  std::string line(buf);
  line += '\n';
  if (write(STDERR_FILENO, line.data(), line.size()) < 0) {
    // nothing sensible to do
  }
}

bool write_all(int fd, std::string_view s) {
  while (!s.empty()) {
    ssize_t n = write(fd, s.data(), s.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    s.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

bool parse_long(std::string_view s, long& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

double now_seconds() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

[[noreturn]] void usage(const char* msg) {
  if (msg) say("%s", msg);
  static const char text[] =
      "usage: td-bench-spawner --procs N --threads T --files F [--kind mixed|null|tmp|tcp]\n"
      "                        [--stack-kib K] [--lifetime SECONDS] [--ignore-stdin]\n"
      "  --procs N       worker processes (default 1)\n"
      "  --threads T     tasks per process: 1 main thread + T-1 pthreads (default 1)\n"
      "  --files F       extra open files per process (default 0)\n"
      "  --kind K        null: /dev/null; tmp: files in a tmpdir; mixed: tmp files, /dev/null,\n"
      "                  pipes and unix socket pairs in turn (default mixed); tcp: a loopback\n"
      "                  listener and established connections to it, both ends held\n"
      "  --stack-kib K   pthread stack size (default 64)\n"
      "  --lifetime S    tear down after S seconds (default: never)\n"
      "  --ignore-stdin  do not tear down at end of file on stdin\n"
      "or:    td-bench-spawner --measure FILE -- COMMAND [ARG...]\n"
      "  runs COMMAND; writes \"status wall user sys maxrss_kib\" to FILE\n"
      "Tears down on SIGINT/SIGTERM/SIGHUP, stdin EOF, or the death of its parent.\n";
  if (write(STDERR_FILENO, text, sizeof text - 1) < 0) {
  }
  exit(kExitUsage);
}

// Accepts "--name value" and "--name=value".
Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    std::string_view value;
    bool has_value = false;
    if (auto eq = arg.find('='); eq != std::string_view::npos) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
      has_value = true;
    }
    auto need_value = [&]() -> std::string_view {
      if (has_value) return value;
      if (i + 1 >= argc) usage(("missing value for " + std::string(arg)).c_str());
      return argv[++i];
    };
    auto need_long = [&](long min) {
      long v = 0;
      std::string_view s = need_value();
      if (!parse_long(s, v) || v < min) {
        usage(("bad value for " + std::string(arg) + ": " + std::string(s)).c_str());
      }
      return v;
    };
    if (arg == "--procs") {
      o.procs = need_long(1);
    } else if (arg == "--threads") {
      o.threads = need_long(1);
    } else if (arg == "--files") {
      o.files = need_long(0);
    } else if (arg == "--stack-kib") {
      o.stack_kib = need_long(16);
    } else if (arg == "--kind") {
      o.kind = need_value();
      if (o.kind != "null" && o.kind != "tmp" && o.kind != "mixed" && o.kind != "tcp")
        usage("bad --kind");
    } else if (arg == "--lifetime") {
      long v = need_long(0);
      o.lifetime = static_cast<double>(v);
    } else if (arg == "--ignore-stdin") {
      o.ignore_stdin = true;
    } else if (arg == "--dir") {
      o.dir = need_value();
    } else if (arg == "--ready-fd") {
      long v = need_long(0);
      o.ready_fd = static_cast<int>(v);
    } else if (arg == "-h" || arg == "--help") {
      usage(nullptr);
    } else {
      usage(("unknown option " + std::string(argv[i])).c_str());
    }
  }
  return o;
}

// ---------------------------------------------------------------------------------------
// Worker side

void send_record(int fd, int32_t stage, int32_t err) {
  Record r{static_cast<int32_t>(getpid()), stage, err};
  while (write(fd, &r, sizeof r) < 0 && errno == EINTR) {
  }
}

void* idle_thread(void*) {
  for (;;)
    pause();
}

// A listener on 127.0.0.1 (a port the kernel picks) and connections to it, each end held:
// `files` descriptors in all, the last one /dev/null when the count is even. Returns 0 or
// an errno.
int open_tcp(long files) {
  const int listener = socket(AF_INET, SOCK_STREAM, 0);
  if (listener < 0) return errno;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) < 0 ||
      listen(listener, SOMAXCONN) < 0 ||
      getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) < 0)
    return errno;
  long opened = 1;
  for (; opened + 2 <= files; opened += 2) {
    const int client = socket(AF_INET, SOCK_STREAM, 0);
    if (client < 0) return errno;
    if (connect(client, reinterpret_cast<sockaddr*>(&address), sizeof address) < 0) return errno;
    if (accept(listener, nullptr, nullptr) < 0) return errno;
  }
  if (opened < files && open("/dev/null", O_RDWR) < 0) return errno;
  return 0;
}

// Opens `files` descriptors of the requested kind; returns 0 or an errno.
int open_files(const Options& o) {
  if (o.kind == "tcp") return o.files > 0 ? open_tcp(o.files) : 0;
  long tmp_count = std::min(o.files, kMaxTmpFiles);
  long opened = 0;
  long tmp_index = 0;
  auto open_tmp = [&]() {
    char path[4096];
    snprintf(path, sizeof path, "%s/f%04ld", o.dir.c_str(), tmp_index++ % tmp_count);
    return open(path, O_RDONLY);
  };
  for (long turn = 0; opened < o.files; ++turn) {
    long left = o.files - opened;
    int kind = o.kind == "null" ? 1 : o.kind == "tmp" ? 0 : static_cast<int>(turn % 4);
    if (kind >= 2 && left < 2) kind = 1;
    int fds[2];
    switch (kind) {
      case 0:
        if (open_tmp() < 0) return errno;
        opened += 1;
        break;
      case 1:
        if (open("/dev/null", O_RDWR) < 0) return errno;
        opened += 1;
        break;
      case 2:
        if (pipe(fds) < 0) return errno;
        opened += 2;
        break;
      default:
        if (socketpair(AF_UNIX, SOCK_STREAM, 0, fds) < 0) return errno;
        opened += 2;
        break;
    }
  }
  return 0;
}

// Becomes an idle worker: threads, files, one ready record, then pause() forever.
[[noreturn]] void be_worker(const Options& o) {
  int err = open_files(o);
  if (err) {
    send_record(o.ready_fd, kOpen, err);
    _exit(1);
  }
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, static_cast<size_t>(o.stack_kib) * 1024);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  for (long i = 1; i < o.threads; ++i) {
    pthread_t t;
    if (int rc = pthread_create(&t, &attr, idle_thread, nullptr)) {
      send_record(o.ready_fd, kThread, rc);
      _exit(1);
    }
  }
  pthread_attr_destroy(&attr);
  send_record(o.ready_fd, kOk, 0);
  close(o.ready_fd);
  for (;;)
    pause();
}

// The template: forks procs-1 workers, then becomes the last one.
[[noreturn]] void template_main(const Options& o) {
  pid_t self = getpid();
  prctl(PR_SET_NAME, kWorkerName);
  for (long i = 1; i < o.procs; ++i) {
    pid_t pid = fork();
    if (pid < 0) {
      send_record(o.ready_fd, kFork, errno);
      _exit(1);
    }
    if (pid == 0) {
      if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != self) _exit(1);
      be_worker(o);
    }
  }
  be_worker(o);
}

// ---------------------------------------------------------------------------------------
// Controller side

long read_long_file(const char* path) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  char buf[64];
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (n <= 0) return -1;
  long v = -1;
  std::from_chars(buf, buf + n, v);
  return v;
}

bool write_long_file(const char* path, long v) {
  int fd = open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  std::string s = std::to_string(v) + "\n";
  bool ok = write(fd, s.data(), s.size()) == static_cast<ssize_t>(s.size());
  int saved = errno;
  close(fd);
  errno = saved;
  return ok;
}

// Number of tasks (threads) on the machine: the denominator of /proc/loadavg's 4th field.
long system_tasks() {
  int fd = open("/proc/loadavg", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  char buf[128];
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (n <= 0) return 0;
  buf[n] = 0;
  const char* slash = strchr(buf, '/');
  return slash ? strtol(slash + 1, nullptr, 10) : 0;
}

struct SysctlChange {
  const char* path;
  const char* name;
  long old_value;
  long new_value;
};
std::vector<SysctlChange> g_sysctl_changes;

// Raises a sysctl to `target` when it is below `needed`; exits kExitEnv if it cannot.
void ensure_sysctl(const char* path, const char* name, long needed, long target, const char* why) {
  long cur = read_long_file(path);
  if (cur < 0 || cur >= needed) return;
  if (!write_long_file(path, target)) {
    say("%s is %ld but %s needs at least %ld, and it cannot be raised: %s%s", name, cur, why,
        needed, strerror(errno), geteuid() == 0 ? "" : " (needs root)");
    exit(kExitEnv);
  }
  say("raising %s from %ld to %ld for %s (restored at exit)", name, cur, target, why);
  g_sysctl_changes.push_back({path, name, cur, target});
}

// Restores what ensure_sysctl changed, unless someone else changed it since.
void restore_sysctls() {
  for (auto it = g_sysctl_changes.rbegin(); it != g_sysctl_changes.rend(); ++it) {
    long cur = read_long_file(it->path);
    if (cur != it->new_value) {
      say("not restoring %s: it is now %ld (someone else changed it)", it->name, cur);
    } else if (write_long_file(it->path, it->old_value)) {
      say("restored %s to %ld", it->name, it->old_value);
    } else {
      say("could not restore %s to %ld: %s", it->name, it->old_value, strerror(errno));
    }
  }
  g_sysctl_changes.clear();
}

void ensure_rlimit(int resource, const char* name, rlim_t needed) {
  rlimit rl;
  if (getrlimit(resource, &rl) < 0 || rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur >= needed) return;
  rlimit want = rl;
  want.rlim_cur = needed;
  if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < needed) want.rlim_max = needed;
  if (setrlimit(resource, &want) < 0) {
    say("%s is %llu (hard %llu) but the workload needs %llu, and it cannot be raised: %s", name,
        static_cast<unsigned long long>(rl.rlim_cur), static_cast<unsigned long long>(rl.rlim_max),
        static_cast<unsigned long long>(needed), strerror(errno));
    exit(kExitEnv);
  }
  say("raising %s soft limit from %llu to %llu for the workers", name,
      static_cast<unsigned long long>(rl.rlim_cur), static_cast<unsigned long long>(needed));
}

long round_up(long v, long unit) {
  return (v + unit - 1) / unit * unit;
}

void check_limits(const Options& o) {
  long tasks = o.procs * o.threads;
  long needed_tasks = system_tasks() + tasks + 1024;
  std::string why = std::to_string(tasks) + " more tasks";
  // pids are handed out cyclically, so leave the allocator room to breathe.
  ensure_sysctl("/proc/sys/kernel/pid_max", "kernel.pid_max", needed_tasks,
                std::min(4194304L, round_up(needed_tasks * 2, 32768)), why.c_str());
  ensure_sysctl("/proc/sys/kernel/threads-max", "kernel.threads-max", needed_tasks,
                round_up(needed_tasks * 2, 32768), why.c_str());
  // Each pthread stack is a mapping plus a guard mapping; the libraries add a few dozen.
  long maps = 2 * o.threads + 256;
  ensure_sysctl("/proc/sys/vm/max_map_count", "vm.max_map_count", maps, round_up(maps * 2, 65536),
                "the thread stacks of one worker");
  long fds = o.files + 64;
  ensure_sysctl("/proc/sys/fs/nr_open", "fs.nr_open", fds, round_up(fds, 1048576),
                "the open files of one worker");
  ensure_rlimit(RLIMIT_NOFILE, "RLIMIT_NOFILE", static_cast<rlim_t>(fds));
  if (geteuid() != 0) {
    ensure_rlimit(RLIMIT_NPROC, "RLIMIT_NPROC", static_cast<rlim_t>(needed_tasks));
  }
}

std::string g_tmpdir;
long g_tmpfiles = 0;

bool make_tmpfiles(const Options& o) {
  if (o.files == 0 || o.kind == "null" || o.kind == "tcp") return true;
  const char* base = getenv("TMPDIR");
  std::string templ = std::string(base && *base ? base : "/tmp") + "/td-bench.XXXXXX";
  std::vector<char> buf(templ.begin(), templ.end());
  buf.push_back(0);
  if (!mkdtemp(buf.data())) {
    say("mkdtemp %s: %s", templ.c_str(), strerror(errno));
    return false;
  }
  g_tmpdir = buf.data();
  g_tmpfiles = std::min(o.files, kMaxTmpFiles);
  for (long i = 0; i < g_tmpfiles; ++i) {
    char path[4096];
    snprintf(path, sizeof path, "%s/f%04ld", g_tmpdir.c_str(), i);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
      say("create %s: %s", path, strerror(errno));
      return false;
    }
    close(fd);
  }
  return true;
}

void remove_tmpfiles() {
  if (g_tmpdir.empty()) return;
  for (long i = 0; i < g_tmpfiles; ++i) {
    char path[4096];
    snprintf(path, sizeof path, "%s/f%04ld", g_tmpdir.c_str(), i);
    unlink(path);
  }
  if (rmdir(g_tmpdir.c_str()) < 0) say("rmdir %s: %s", g_tmpdir.c_str(), strerror(errno));
  g_tmpdir.clear();
}

pid_t g_pgid = 0;

void close_fds_from(unsigned first) {
  if (syscall(SYS_close_range, first, ~0U, 0) == 0) return;
  rlimit rl;
  getrlimit(RLIMIT_NOFILE, &rl);
  for (unsigned fd = first; fd < rl.rlim_cur; ++fd)
    close(static_cast<int>(fd));
}

// Kills the whole group and reaps every child (orphaned workers come to us: we are a
// child subreaper). Returns the number of processes reaped.
long teardown(const std::vector<pid_t>& pids) {
  double t0 = now_seconds();
  long reaped = 0;
  if (g_pgid > 0) kill(-g_pgid, SIGKILL);
  for (pid_t p : pids)
    kill(p, SIGKILL);
  for (;;) {
    pid_t p = waitpid(-1, nullptr, __WALL);
    if (p > 0) {
      ++reaped;
      continue;
    }
    if (errno == EINTR) continue;
    break;  // ECHILD: nothing left
  }
  if (g_pgid > 0 && kill(-g_pgid, 0) == 0) {
    say("warning: process group %d still has members after teardown", g_pgid);
  }
  say("tore down %ld processes in %.2f s", reaped, now_seconds() - t0);
  return reaped;
}

int controller_main(const Options& o) {
  // If whoever started us dies, we tear down too.
  pid_t parent = getppid();
  prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (getppid() != parent) return kExitFail;
  prctl(PR_SET_CHILD_SUBREAPER, 1);

  sigset_t mask;
  sigemptyset(&mask);
  for (int s : {SIGINT, SIGTERM, SIGHUP, SIGCHLD, SIGPIPE})
    sigaddset(&mask, s);
  sigprocmask(SIG_BLOCK, &mask, nullptr);
  int sfd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
  if (sfd < 0) {
    say("signalfd: %s", strerror(errno));
    return kExitFail;
  }

  check_limits(o);
  if (!make_tmpfiles(o)) {
    remove_tmpfiles();
    restore_sysctls();
    return kExitFail;
  }

  int ready[2];
  if (pipe2(ready, O_CLOEXEC) < 0) {
    say("pipe: %s", strerror(errno));
    return kExitFail;
  }

  // The template's argv is what every worker shows in /proc/PID/cmdline.
  std::vector<std::string> args = {kWorkerName,
                                   "--procs=" + std::to_string(o.procs),
                                   "--threads=" + std::to_string(o.threads),
                                   "--files=" + std::to_string(o.files),
                                   "--kind=" + o.kind,
                                   "--stack-kib=" + std::to_string(o.stack_kib),
                                   "--ready-fd=3"};
  if (!g_tmpdir.empty()) args.push_back("--dir=" + g_tmpdir);
  std::vector<char*> argv;
  for (auto& a : args)
    argv.push_back(a.data());
  argv.push_back(nullptr);

  double t0 = now_seconds();
  pid_t me = getpid();
  pid_t tmpl = fork();
  if (tmpl < 0) {
    say("fork: %s", strerror(errno));
    return kExitEnv;
  }
  if (tmpl == 0) {
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    setpgid(0, 0);
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != me) _exit(1);
    int null = open("/dev/null", O_RDWR);
    if (null >= 0) {
      dup2(null, STDIN_FILENO);
      dup2(null, STDOUT_FILENO);
      if (null > STDERR_FILENO) close(null);
    }
    // Workers hold only stdin/stdout/stderr, the ready pipe (fd 3, until ready) and their
    // own files: nothing else we may have inherited.
    if (ready[1] == 3 ? fcntl(3, F_SETFD, 0) < 0 : dup2(ready[1], 3) < 0) _exit(127);
    close_fds_from(4);
    execv("/proc/self/exe", argv.data());
    Record r{static_cast<int32_t>(getpid()), kExec, errno};
    if (write(3, &r, sizeof r) < 0) {
    }
    _exit(127);
  }
  setpgid(tmpl, tmpl);  // also done by the child: whichever runs first wins the race
  g_pgid = tmpl;
  close(ready[1]);

  std::vector<pid_t> pids;
  pids.reserve(static_cast<size_t>(o.procs));
  int status = 0;
  bool stop = false;
  std::string failure;
  int failure_code = kExitFail;
  double deadline = o.lifetime > 0 ? t0 + o.lifetime : 0;

  // Phase 1: collect one record per worker.
  std::vector<char> pending;
  while (!stop && static_cast<long>(pids.size()) < o.procs) {
    pollfd pf[2] = {{ready[0], POLLIN, 0}, {sfd, POLLIN, 0}};
    int timeout = deadline > 0 ? static_cast<int>((deadline - now_seconds()) * 1000) + 1 : -1;
    if (deadline > 0 && timeout <= 0) {
      failure = "lifetime ended before the workload was ready";
      break;
    }
    if (poll(pf, 2, timeout) < 0 && errno != EINTR) {
      failure = std::string("poll: ") + strerror(errno);
      break;
    }
    if (pf[1].revents & POLLIN) {
      signalfd_siginfo si;
      while (read(sfd, &si, sizeof si) == sizeof si) {
        if (si.ssi_signo == SIGCHLD || si.ssi_signo == SIGPIPE) continue;
        say("interrupted by signal %u while spawning", si.ssi_signo);
        status = 128 + static_cast<int>(si.ssi_signo);
        stop = true;
      }
    }
    if (pf[0].revents & (POLLIN | POLLHUP)) {
      char buf[65536];
      ssize_t n = read(ready[0], buf, sizeof buf);
      if (n == 0) {
        failure = "workers exited before the workload was ready (" + std::to_string(pids.size()) +
                  " of " + std::to_string(o.procs) + " ready)";
        break;
      }
      if (n < 0) continue;
      pending.insert(pending.end(), buf, buf + n);
      size_t used = 0;
      for (; used + sizeof(Record) <= pending.size(); used += sizeof(Record)) {
        Record r;
        memcpy(&r, pending.data() + used, sizeof r);
        if (r.stage == kOk) {
          pids.push_back(r.pid);
          continue;
        }
        if (failure.empty()) {
          failure = std::string("worker ") + std::to_string(r.pid) + ": " + stage_name(r.stage) +
                    ": " + strerror(r.err) + " (after " + std::to_string(pids.size()) +
                    " ready processes)";
          if (r.err == EAGAIN || r.err == ENOMEM || r.err == EMFILE || r.err == ENFILE) {
            failure_code = kExitEnv;
          }
        }
        stop = true;
      }
      pending.erase(pending.begin(), pending.begin() + static_cast<long>(used));
    }
  }
  close(ready[0]);

  if (!failure.empty() || stop) {
    if (!failure.empty()) say("%s", failure.c_str());
    teardown(pids);
    remove_tmpfiles();
    restore_sysctls();
    return failure.empty() ? status : failure_code;
  }

  double spawn_time = now_seconds() - t0;
  std::string out = "pgid " + std::to_string(g_pgid) + "\npids";
  for (pid_t p : pids) {
    out += ' ';
    out += std::to_string(p);
  }
  out += "\nready procs=" + std::to_string(o.procs) + " threads=" + std::to_string(o.threads) +
         " files=" + std::to_string(o.files) + " tasks=" + std::to_string(o.procs * o.threads) +
         " pgid=" + std::to_string(g_pgid) + " template=" + std::to_string(tmpl) + "\n";
  write_all(STDOUT_FILENO, out);
  say("ready: %ld processes x %ld threads, %ld files each, in %.2f s", o.procs, o.threads, o.files,
      spawn_time);

  // Phase 2: idle until told to stop.
  bool stdin_open = !o.ignore_stdin;
  while (!stop) {
    pollfd pf[2] = {{sfd, POLLIN, 0}, {stdin_open ? STDIN_FILENO : -1, POLLIN, 0}};
    int timeout = deadline > 0 ? static_cast<int>((deadline - now_seconds()) * 1000) + 1 : -1;
    if (deadline > 0 && timeout <= 0) {
      say("lifetime of %.0f s reached", o.lifetime);
      break;
    }
    if (poll(pf, 2, timeout) < 0 && errno != EINTR) break;
    if (pf[0].revents & POLLIN) {
      signalfd_siginfo si;
      while (read(sfd, &si, sizeof si) == sizeof si) {
        if (si.ssi_signo == SIGCHLD) {
          // A worker died under us (someone killed it): keep going, but say so.
          int st;
          pid_t p;
          while ((p = waitpid(-1, &st, WNOHANG | __WALL)) > 0) {
            say("worker %d exited unexpectedly", p);
          }
          continue;
        }
        if (si.ssi_signo == SIGPIPE) continue;
        stop = true;
      }
    }
    if (pf[1].revents & (POLLIN | POLLHUP | POLLERR | POLLNVAL)) {
      char buf[256];
      ssize_t n = read(STDIN_FILENO, buf, sizeof buf);
      if (n <= 0) stop = true;  // EOF (or error): our driver has gone
    }
  }
  teardown(pids);
  remove_tmpfiles();
  restore_sysctls();
  return 0;
}

// --measure FILE -- COMMAND...: see the top of the file.
int measure_main(const char* report, char** command) {
  double t0 = now_seconds();
  pid_t pid = fork();
  if (pid < 0) {
    say("fork: %s", strerror(errno));
    return kExitFail;
  }
  if (pid == 0) {
    execvp(command[0], command);
    say("exec %s: %s", command[0], strerror(errno));
    _exit(127);
  }
  int status = 0;
  rusage ru{};
  while (wait4(pid, &status, 0, &ru) < 0) {
    if (errno != EINTR) {
      say("wait4: %s", strerror(errno));
      return kExitFail;
    }
  }
  double wall = now_seconds() - t0;
  auto secs = [](const timeval& tv) {
    return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6;
  };
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
  char line[256];
  int n = snprintf(line, sizeof line, "%d %.6f %.6f %.6f %ld\n", code, wall, secs(ru.ru_utime),
                   secs(ru.ru_stime), ru.ru_maxrss);
  int fd = open(report, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0 || !write_all(fd, std::string_view(line, static_cast<size_t>(n)))) {
    say("%s: %s", report, strerror(errno));
    return kExitFail;
  }
  close(fd);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 4 && strcmp(argv[1], "--measure") == 0 && strcmp(argv[3], "--") == 0) {
    if (argc == 4) usage("--measure needs a command");
    return measure_main(argv[2], argv + 4);
  }
  Options o = parse_options(argc, argv);
  if (argc > 0 && strcmp(argv[0], kWorkerName) == 0) {
    if (o.ready_fd < 0) usage("worker mode needs --ready-fd");
    template_main(o);
  }
  return controller_main(o);
}
