// The proc connector live: a listener (root, initial pid namespace) sees a child fork, exec
// and exit; a listener inside a new pid namespace is refused rather than left deaf.
// Skips (77) without root, fails under CI.
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "proc_events.h"

using procscan::ProcEvent;
using Kind = procscan::ProcEvent::Kind;

namespace {

bool in_ci() {
  const char* ci = std::getenv("CI");
  return ci && *ci && std::strcmp(ci, "false") != 0 && std::strcmp(ci, "0") != 0;
}

int failures = 0;
void check(bool ok, const std::string& what) {
  std::printf("%s: %s\n", ok ? "ok" : "FAILED", what.c_str());
  if (!ok) ++failures;
}

std::string describe(const std::vector<ProcEvent>& events, pid_t about) {
  std::string out;
  for (const auto& e : events)
    if (e.pid == about || e.tgid == about)
      out += std::string(e.kind == Kind::Fork   ? " fork "
                         : e.kind == Kind::Exec ? " exec "
                                                : " exit ") +
             std::to_string(e.pid) + "/" + std::to_string(e.tgid);
  return out.empty() ? " (none)" : out;
}

void sees_a_child_fork_exec_and_exit() {
  int error = 0;
  auto listener = procscan::ProcEventListener::open(error);
  check(listener != nullptr, std::string("open: ") + std::strerror(error));
  if (!listener) return;
  const pid_t child = ::fork();
  if (child == 0) {
    ::execl("/bin/true", "true", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  std::vector<ProcEvent> events;
  // Events are queued before waitpid returns, but give a loaded machine a moment.
  for (int tries = 0; tries < 50; ++tries) {
    check(listener->drain(events), "drain lost nothing");
    bool exited = false;
    for (const auto& e : events)
      exited |= e.kind == Kind::Exit && e.pid == child;
    if (exited) break;
    ::usleep(20'000);
  }
  const std::string seen = "events of " + std::to_string(child) + ":" + describe(events, child);
  auto saw = [&](Kind kind) {
    for (const auto& e : events)
      if (e.kind == kind && e.pid == child && e.tgid == child) return true;
    return false;
  };
  check(saw(Kind::Fork), "fork seen; " + seen);
  check(saw(Kind::Exec), "exec seen; " + seen);
  check(saw(Kind::Exit), "exit seen; " + seen);
}

void refused_inside_a_new_pid_namespace() {
  const pid_t outer = ::fork();
  if (outer == 0) {
    if (::unshare(CLONE_NEWPID) != 0) ::_exit(100);
    const pid_t inner = ::fork();
    if (inner == 0) {
      int error = 0;
      auto listener = procscan::ProcEventListener::open(error);
      ::_exit(listener ? 0 : error == ENOTSUP ? 1 : 2);
    }
    int status = 0;
    ::waitpid(inner, &status, 0);
    ::_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 3);
  }
  int status = 0;
  ::waitpid(outer, &status, 0);
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  check(code == 1, "a listener in a new pid namespace is refused with ENOTSUP (child said " +
                       std::to_string(code) + ": 0 opened, 2 another error, 100 no unshare)");
}

}  // namespace

int main() {
  if (::geteuid() != 0) {
    std::printf("%s: needs root (CAP_NET_ADMIN) to listen to the proc connector\n",
                in_ci() ? "FAILED" : "SKIPPED");
    return in_ci() ? 1 : 77;
  }
  sees_a_child_fork_exec_and_exit();
  refused_inside_a_new_pid_namespace();
  return failures ? 1 : 0;
}
