// OpenBatch: many files opened in one io_uring submission and closed with the next.
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cerrno>
#include <cstdio>
#include <string>
#include <vector>
#include "test_skip.h"

#include "procfs/open_batch.h"
#include "util/unique_fd.h"

using namespace procscan;
using namespace procscan::procfs;

namespace {

// A batch, or the reason there is none (printed when a test skips).
std::unique_ptr<OpenBatch> make_batch() {
  auto batch = OpenBatch::create();
  if (batch) return batch;
  const char* why =
      "io_uring cannot open files here (liburing missing at build, kernel before 5.6, "
      "kernel.io_uring_disabled or a seccomp filter)";
  // CI's machines have io_uring: a batch that cannot be made there is a failure.
  td_test::skip_test(why);
  return nullptr;
}

struct TempDir {
  std::string path;
  UniqueFd fd;
  TempDir() {
    char name[] = "/tmp/td-open-batch-XXXXXX";
    REQUIRE(::mkdtemp(name));
    path = name;
    fd.reset(::open(name, O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    REQUIRE(fd);
  }
  ~TempDir() {
    fd.reset();
    std::string command = "rm -rf '" + path + "'";
    (void)std::system(command.c_str());
  }
  void write(const std::string& name, const std::string& text) {
    UniqueFd f(::openat(fd.get(), name.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    REQUIRE(f);
    REQUIRE(::write(f.get(), text.data(), text.size()) == static_cast<ssize_t>(text.size()));
  }
};

std::string read_all(int fd) {
  std::string text;
  char buf[256];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0)
    text.append(buf, static_cast<std::size_t>(n));
  return text;
}

bool is_open(int fd) {
  return ::fcntl(fd, F_GETFD) != -1;
}

}  // namespace

TEST_CASE("each file is opened read-only and close-on-exec, a missing one says why",
          "[open_batch]") {
  auto batch = make_batch();
  if (!batch) return;
  TempDir dir;
  dir.write("a", "first");
  dir.write("b", "second");
  const std::vector<OpenBatch::Request> requests{
      {dir.fd.get(), "a"}, {dir.fd.get(), "missing"}, {dir.fd.get(), "b"}, {-1, "a"}};
  std::vector<int> fds(requests.size(), 0);
  batch->open(requests, fds);
  REQUIRE(fds[0] >= 0);
  REQUIRE(fds[2] >= 0);
  CHECK(fds[1] == -ENOENT);
  CHECK(fds[3] == -EBADF);  // a relative path needs a directory descriptor
  CHECK(read_all(fds[0]) == "first");
  CHECK(read_all(fds[2]) == "second");
  CHECK((::fcntl(fds[0], F_GETFL) & O_ACCMODE) == O_RDONLY);
  CHECK((::fcntl(fds[0], F_GETFD) & FD_CLOEXEC) != 0);
  for (int fd : {fds[0], fds[2]})
    batch->close_later(fd);
  // Closing waits for the next submission.
  CHECK(is_open(fds[0]));
  batch->flush();
  CHECK_FALSE(is_open(fds[0]));
  CHECK_FALSE(is_open(fds[2]));
}

TEST_CASE("a batch larger than the ring is submitted in parts", "[open_batch]") {
  auto batch = make_batch();
  if (!batch) return;
  TempDir dir;
  constexpr std::size_t kFiles = 1300;  // more than twice the ring
  std::vector<std::string> names;
  for (std::size_t i = 0; i < kFiles; ++i) {
    names.push_back("f" + std::to_string(i));
    dir.write(names.back(), std::to_string(i * 7));
  }
  std::vector<OpenBatch::Request> requests;
  for (const auto& name : names)
    requests.push_back({dir.fd.get(), name.c_str()});
  std::vector<int> fds(requests.size(), 0);
  // The first batch may find some dentries uncached: only the result counts here.
  batch->open(requests, fds);
  for (std::size_t i = 0; i < kFiles; ++i) {
    REQUIRE(fds[i] >= 0);
    CHECK(read_all(fds[i]) == std::to_string(i * 7));
    batch->close_later(fds[i]);
  }
  // The closes fill the ring too: queuing them submitted the earlier ones.
  CHECK_FALSE(is_open(fds[0]));
  batch.reset();  // the destructor sends the rest
  for (int fd : fds)
    CHECK_FALSE(is_open(fd));
}

TEST_CASE("an uncached /proc entry is opened by a kernel worker, and open() counts it",
          "[open_batch]") {
  auto batch = make_batch();
  if (!batch) return;
  UniqueFd proc(::open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  REQUIRE(proc);
  // A child nobody has looked at: no dentry of /proc/PID/status exists yet, so the open
  // cannot be done in line (LOOKUP_CACHED); once done, the dentry is cached.
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::pause();
    ::_exit(0);
  }
  const std::string path = std::to_string(child) + "/status";
  std::vector<OpenBatch::Request> requests{{proc.get(), path.c_str()}};
  std::vector<int> fds(1, 0);
  const std::size_t first_waited = batch->open(requests, fds);
  REQUIRE(fds[0] >= 0);
  CHECK(read_all(fds[0]).find("Pid:\t" + std::to_string(child) + "\n") != std::string::npos);
  batch->close_later(fds[0]);
  const std::size_t second_waited = batch->open(requests, fds);
  REQUIRE(fds[0] >= 0);
  batch->close_later(fds[0]);
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  CHECK(first_waited == 1);
  CHECK(second_waited == 0);
}

TEST_CASE("descriptors queued for closing are closed when the batch ends", "[open_batch]") {
  auto batch = make_batch();
  if (!batch) return;
  TempDir dir;
  dir.write("x", "x");
  std::vector<OpenBatch::Request> requests{{dir.fd.get(), "x"}};
  std::vector<int> fds(1, 0);
  batch->open(requests, fds);
  REQUIRE(fds[0] >= 0);
  const int first = fds[0];
  batch->close_later(first);
  batch.reset();
  // The lowest free descriptor is the one the batch held: nothing was left open.
  UniqueFd probe(::open("/dev/null", O_RDONLY | O_CLOEXEC));
  CHECK(probe.get() <= first);
}
