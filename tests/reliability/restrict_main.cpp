// td-restrict: runs a command the way a restricted user or container would, for the
// reliability tests (restricted_runs.py):
//   td-restrict [--user=NAME] [--deny-fast-syscalls] [--nofile=N] [--as=BYTES] -- CMD ARG...
// --user drops to that user's uid and gid (no supplementary groups); --deny-fast-syscalls
// installs a seccomp filter that refuses bpf(2) and io_uring_setup(2) with EPERM, as a
// locked-down container does; --nofile and --as set RLIMIT_NOFILE and RLIMIT_AS. Then it
// execs CMD, so CMD's pid is td-restrict's.
#include <grp.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <pwd.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

namespace {

#if defined(__x86_64__)
constexpr unsigned kAuditArch = AUDIT_ARCH_X86_64;
#elif defined(__aarch64__)
constexpr unsigned kAuditArch = AUDIT_ARCH_AARCH64;
#else
#error "td-restrict: add this architecture's AUDIT_ARCH"
#endif

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "td-restrict: %s: %s\n", what.c_str(), std::strerror(errno));
  std::exit(125);
}

void deny_fast_syscalls() {
  constexpr unsigned kDeny = SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA);
  sock_filter filter[] = {
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, arch)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, kAuditArch, 1, 0),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_bpf, 0, 1),
      BPF_STMT(BPF_RET | BPF_K, kDeny),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_io_uring_setup, 0, 1),
      BPF_STMT(BPF_RET | BPF_K, kDeny),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
  };
  sock_fprog program{static_cast<unsigned short>(sizeof filter / sizeof filter[0]), filter};
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) fail("PR_SET_NO_NEW_PRIVS");
  if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program) != 0) fail("PR_SET_SECCOMP");
}

void set_limit(int resource, const char* text, const char* name) {
  char* end = nullptr;
  const unsigned long long value = std::strtoull(text, &end, 10);
  if (!*text || *end) {
    errno = EINVAL;
    fail(std::string(name) + " " + text);
  }
  rlimit limit{value, value};
  if (setrlimit(resource, &limit) != 0) fail(std::string("setrlimit ") + name);
}

void become(const char* name) {
  const passwd* user = getpwnam(name);
  if (!user) {
    errno = ENOENT;
    fail(std::string("user ") + name);
  }
  if (setgroups(0, nullptr) != 0 || setresgid(user->pw_gid, user->pw_gid, user->pw_gid) != 0 ||
      setresuid(user->pw_uid, user->pw_uid, user->pw_uid) != 0)
    fail(std::string("become ") + name);
}

}  // namespace

int main(int argc, char** argv) {
  const char* user = nullptr;
  bool deny = false;
  int i = 1;
  for (; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") {
      ++i;
      break;
    }
    if (arg.starts_with("--user=")) {
      user = argv[i] + 7;
    } else if (arg == "--deny-fast-syscalls") {
      deny = true;
    } else if (arg.starts_with("--nofile=")) {
      set_limit(RLIMIT_NOFILE, argv[i] + 9, "RLIMIT_NOFILE");
    } else if (arg.starts_with("--as=")) {
      set_limit(RLIMIT_AS, argv[i] + 5, "RLIMIT_AS");
    } else {
      std::fprintf(stderr, "td-restrict: unknown option %s\n", argv[i]);
      return 125;
    }
  }
  if (i >= argc) {
    std::fprintf(stderr,
                 "usage: td-restrict [--user=NAME] [--deny-fast-syscalls] "
                 "[--nofile=N] [--as=BYTES] -- CMD ARG...\n");
    return 125;
  }
  if (user) become(user);
  if (deny) deny_fast_syscalls();
  execvp(argv[i], argv + i);
  fail(std::string("exec ") + argv[i]);
}
