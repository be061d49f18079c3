// Idle processes the ps-bpf-vs-procfs-host cases make for themselves: forked children that
// run a function, or td-bpf-host itself exec'd in its idle mode with threads and a command
// line of a chosen length. Each is ours until end().
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <functional>
#include <string>

namespace td::diff::host {

struct Child {
  pid_t pid = -1;
  int to_child = -1;
  // Closes the child's end-of-idle pipe and reaps it.
  void end();
};

// Blocks until the other end of `fd` is closed.
void idle_on(int fd);

// Forks a child that runs `body(from_parent, ready)`, and waits for its byte on `ready`:
// the child then idles until end() closes the other end of `from_parent`. Both
// descriptors are close-on-exec.
Child start_child(const std::function<void(int from_parent, int ready)>& body);

// The idle mode of td-bpf-host, run by exec of itself: `--idle THREADS PADDING`: starts
// THREADS - 1 more threads, writes one byte to standard output and idles until standard
// input ends. Returns the exit status.
inline constexpr const char* kIdleMode = "--idle";
int idle_main(int argc, char** argv);

// Execs td-bpf-host (`self` as argv[0]) in its idle mode: `threads` tasks, a command line
// of about `padding` bytes more.
Child start_idle(const std::string& self, int threads, std::size_t padding);

}  // namespace td::diff::host
