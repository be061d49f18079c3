#include "idle_children.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <thread>
#include <vector>

namespace td::diff::host {

void Child::end() {
  if (to_child >= 0) ::close(to_child);
  to_child = -1;
  if (pid <= 0) return;
  int status;
  ::waitpid(pid, &status, 0);
  pid = -1;
}

void idle_on(int fd) {
  char byte;
  while (::read(fd, &byte, 1) > 0) {
  }
}

Child start_child(const std::function<void(int from_parent, int ready)>& body) {
  Child child;
  int to_child[2], ready[2];
  if (::pipe2(to_child, O_CLOEXEC) != 0) return child;
  if (::pipe2(ready, O_CLOEXEC) != 0) {
    ::close(to_child[0]);
    ::close(to_child[1]);
    return child;
  }
  child.pid = ::fork();
  if (child.pid == 0) {
    ::close(to_child[1]);
    ::close(ready[0]);
    body(to_child[0], ready[1]);
    _exit(0);
  }
  ::close(to_child[0]);
  ::close(ready[1]);
  child.to_child = to_child[1];
  char byte;
  if (child.pid < 0 || ::read(ready[0], &byte, 1) != 1) child.end();
  ::close(ready[0]);
  return child;
}

int idle_main(int argc, char** argv) {
  const int threads = argc > 2 ? std::atoi(argv[2]) : 1;
  std::vector<std::thread> started;
  for (int i = 1; i < threads; ++i)
    started.emplace_back(idle_on, 0);
  (void)!::write(1, "r", 1);
  idle_on(0);
  for (auto& t : started)
    t.join();
  return 0;
}

Child start_idle(const std::string& self, int threads, std::size_t padding) {
  const std::string count = std::to_string(threads), pad(padding, 'p');
  return start_child([&](int from_parent, int ready) {
    ::dup2(from_parent, 0);
    ::dup2(ready, 1);
    const char* argv[] = {self.c_str(), kIdleMode, count.c_str(), pad.c_str(), nullptr};
    ::execv("/proc/self/exe", const_cast<char**>(argv));
    _exit(127);
  });
}

}  // namespace td::diff::host
