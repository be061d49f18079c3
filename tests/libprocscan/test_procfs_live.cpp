// The procfs backend on processes this test spawns.
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>
#include "test_skip.h"

#include "procfs/directory_reader.h"
#include "procfs/open_batch.h"
#include "procfs/procfs_backend.h"
#include "procscan/scanner.h"

using namespace procscan;
using namespace std::string_literals;

namespace {

TaskTable scan_pid(pid_t pid, const FieldSet& fields, Scope scope = Scope::Processes) {
  Scanner scanner(ScannerOptions{BackendChoice::Procfs, "/proc"});
  Query query;
  query.fields = fields;
  query.scope = scope;
  query.pid_list_only = true;
  query.pids = {pid};
  return scanner.scan(query);
}

// Waits until the task reaches `state` (the child needs a moment to get there).
bool wait_for_state(pid_t pid, char state) {
  for (int i = 0; i < 500; ++i) {
    const TaskTable t = scan_pid(pid, FieldSet{Field::State});
    if (t.size() == 1 && t[0].u64(Field::State) == static_cast<std::uint64_t>(state)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

struct Child {
  pid_t pid = -1;
  ~Child() {
    if (pid > 0) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
    }
  }
};

}  // namespace

TEST_CASE("a hostile name with parentheses and newlines is read whole", "[procfs][live]") {
  Child child;
  child.pid = ::fork();
  if (child.pid == 0) {
    ::prctl(PR_SET_NAME, "a) (b\nc) R 1", 0, 0, 0);
    for (;;)
      ::pause();
  }
  REQUIRE(wait_for_state(child.pid, 'S'));
  const TaskTable t = scan_pid(child.pid, FieldSet{Field::Comm, Field::Ppid, Field::State});
  REQUIRE(t.size() == 1);
  CHECK(t[0].str(Field::Comm) == "a) (b\nc) R 1");
  CHECK(t[0].u64(Field::Ppid) == static_cast<std::uint64_t>(::getpid()));
}

TEST_CASE("an enormous command line is read to the end", "[procfs][live]") {
  // Three arguments of 100 KiB each: one argument may not exceed 128 KiB (MAX_ARG_STRLEN).
  const std::string big(100 * 1024, 'q');
  int pipefd[2];
  REQUIRE(::pipe(pipefd) == 0);
  Child child;
  child.pid = ::fork();
  if (child.pid == 0) {
    ::dup2(pipefd[0], 0);
    ::close(pipefd[1]);
    ::execl("/bin/sh", "sh", "-c", "read x", "name", big.c_str(), big.c_str(), big.c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(pipefd[0]);
  REQUIRE(wait_for_state(child.pid, 'S'));
  const TaskTable t = scan_pid(child.pid, FieldSet{Field::Cmdline});
  REQUIRE(t.size() == 1);
  CHECK(t[0].str(Field::Cmdline) ==
        "sh\0-c\0read x\0name\0"s + big + '\0' + big + '\0' + big + '\0');
  ::close(pipefd[1]);
}

TEST_CASE("a zombie is listed with an empty command line", "[procfs][live]") {
  Child child;
  child.pid = ::fork();
  if (child.pid == 0) ::_exit(0);
  REQUIRE(wait_for_state(child.pid, 'Z'));
  const TaskTable t =
      scan_pid(child.pid, FieldSet{Field::Cmdline, Field::Exe, Field::VmRss, Field::Euid});
  REQUIRE(t.size() == 1);
  CHECK(t[0].has(Field::Cmdline));
  CHECK(t[0].str(Field::Cmdline).empty());
  CHECK_FALSE(t[0].has(Field::Exe));
  CHECK_FALSE(t[0].has(Field::VmRss));
  CHECK(t[0].has(Field::Euid));
}

TEST_CASE("a reaped pid yields no row", "[procfs][live]") {
  const pid_t pid = ::fork();
  if (pid == 0) ::_exit(0);
  ::waitpid(pid, nullptr, 0);
  CHECK(scan_pid(pid, FieldSet{Field::Comm}).empty());
}

TEST_CASE("threads are listed only when asked for", "[procfs][live]") {
  std::mutex m;
  std::condition_variable cv;
  bool stop = false;
  std::vector<std::thread> threads;
  for (int i = 0; i < 3; ++i)
    threads.emplace_back([&] {
      std::unique_lock lock(m);
      cv.wait(lock, [&] { return stop; });
    });
  const FieldSet fields{Field::Tgid, Field::Tid, Field::NumThreads};
  const TaskTable processes = scan_pid(::getpid(), fields);
  const TaskTable tasks = scan_pid(::getpid(), fields, Scope::Threads);
  {
    std::lock_guard lock(m);
    stop = true;
  }
  cv.notify_all();
  for (auto& t : threads)
    t.join();

  REQUIRE(processes.size() == 1);
  CHECK(processes[0].u64(Field::NumThreads) >= 4);
  CHECK(tasks.size() >= 4);
  CHECK(tasks[0].u64(Field::Tid) == static_cast<std::uint64_t>(::getpid()));
  for (std::size_t i = 0; i < tasks.size(); ++i)
    CHECK(tasks[i].u64(Field::Tgid) == static_cast<std::uint64_t>(::getpid()));
}

TEST_CASE("a listed thread id is read at /proc/TID only when the query reads lists as ps -q",
          "[procfs][live]") {
  std::mutex m;
  std::condition_variable cv;
  bool stop = false;
  pid_t tid = 0;
  std::thread thread([&] {
    std::unique_lock lock(m);
    tid = static_cast<pid_t>(::syscall(SYS_gettid));
    ::prctl(PR_SET_NAME, "td-listed");
    cv.notify_all();
    cv.wait(lock, [&] { return stop; });
  });
  {
    std::unique_lock lock(m);
    cv.wait(lock, [&] { return tid != 0; });
  }
  Scanner scanner(ScannerOptions{BackendChoice::Procfs, "/proc"});
  Query query;
  query.fields = FieldSet{Field::Tgid, Field::Tid, Field::Comm, Field::NumThreads};
  query.pid_list_only = true;
  query.pids = {tid, ::getpid(), tid};
  const TaskTable as_listing = scanner.scan(query);
  query.listed_threads = true;
  const TaskTable as_quick = scanner.scan(query);
  query.scope = Scope::ProcessesAndThreads;
  const TaskTable with_threads = scanner.scan(query);
  {
    std::lock_guard lock(m);
    stop = true;
  }
  cv.notify_all();
  thread.join();

  const auto self = static_cast<std::uint64_t>(::getpid());
  REQUIRE(as_listing.size() == 1);
  CHECK(as_listing[0].u64(Field::Tid) == self);
  REQUIRE(as_quick.size() == 2);
  CHECK(as_quick[0].u64(Field::Tid) == self);
  CHECK(as_quick[1].kind() == RowKind::Process);
  CHECK(as_quick[1].u64(Field::Tid) == static_cast<std::uint64_t>(tid));
  CHECK(as_quick[1].u64(Field::Tgid) == self);
  CHECK(as_quick[1].str(Field::Comm) == "td-listed");
  CHECK(as_quick[1].u64(Field::NumThreads) >= 2);
  // The thread's own row comes once, after its process's rows, with no thread rows.
  REQUIRE(with_threads.size() >= 3);
  const TaskRef last = with_threads[with_threads.size() - 1];
  CHECK(last.kind() == RowKind::Process);
  CHECK(last.u64(Field::Tid) == static_cast<std::uint64_t>(tid));
  CHECK(with_threads[with_threads.size() - 2].kind() == RowKind::Thread);
}

TEST_CASE("files the caller may not read are unavailable, the task still listed",
          "[procfs][live]") {
  if (::geteuid() != 0) {
    td_test::skip_test("needs root to switch to an unprivileged user");
    return;
  }
  const pid_t pid = ::fork();
  if (pid == 0) {
    if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(10);
    const TaskTable t = scan_pid(1, FieldSet{Field::Comm, Field::Environ, Field::Exe});
    if (t.size() != 1) ::_exit(11);
    if (!t[0].has(Field::Comm)) ::_exit(12);
    if (t[0].has(Field::Environ) || t[0].has(Field::Exe)) ::_exit(13);
    ::_exit(0);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("oom, loginuid, autogroup and smaps_rollup of a live process", "[procfs][live]") {
  const FieldSet fields{Field::OomScore,          Field::OomScoreAdj,      Field::LoginUid,
                        Field::AutogroupId,       Field::AutogroupNice,    Field::SmapsPss,
                        Field::SmapsPrivateClean, Field::SmapsPrivateDirty};
  const TaskTable t = scan_pid(::getpid(), fields);
  REQUIRE(t.size() == 1);
  CHECK(t[0].has(Field::OomScore));
  CHECK(t[0].i64(Field::OomScoreAdj, 5000) >= -1000);
  CHECK(t[0].i64(Field::OomScoreAdj, 5000) <= 1000);
  CHECK(t[0].has(Field::LoginUid));
  // We map memory of our own: the rollup can be read and is not empty.
  CHECK(t[0].u64(Field::SmapsPss) > 0);
  CHECK(t[0].u64(Field::SmapsPrivateClean) + t[0].u64(Field::SmapsPrivateDirty) > 0);
  // pid 1 and kernel threads have no autogroup line; a session leader's child does, when
  // the kernel has autogroups at all.
  if (t[0].has(Field::AutogroupId)) CHECK(t[0].i64(Field::AutogroupId) > 0);
}

TEST_CASE("sd-login fields are served on the live /proc only", "[procfs][live]") {
  const TaskTable t = scan_pid(::getpid(), FieldSet{Field::SdSlice, Field::SdUnit});
  REQUIRE(t.size() == 1);
#if TD_HAVE_LIBSYSTEMD
  // libsystemd names a slice for any task whose cgroup it can parse ("-.slice" at the root).
  if (t[0].has(Field::SdSlice)) CHECK(t[0].str(Field::SdSlice).ends_with(".slice"));
#endif
  Scanner captured(
      ScannerOptions{BackendChoice::Procfs, std::string(TESTS_DATA_DIR) + "/proc-tree"});
  Query query;
  query.fields = FieldSet{Field::Tgid, Field::SdSlice, Field::SdUnit};
  const TaskTable tree = captured.scan(query);
  REQUIRE(tree.size() > 0);
  for (std::size_t i = 0; i < tree.size(); ++i)
    CHECK_FALSE(tree[i].has(Field::SdSlice));
}

TEST_CASE("euid and egid from the task directories' owner match status, thread by thread",
          "[procfs][live]") {
  // As root, one thread takes other ids by raw syscalls (credentials are per thread; glibc's
  // wrappers would change them all), which also makes the process not dumpable.
  const bool root = ::geteuid() == 0;
  std::mutex m;
  std::condition_variable cv;
  bool switched = false, stop = false;
  pid_t switched_tid = 0;
  std::thread other([&] {
    std::unique_lock lock(m);
    switched_tid = static_cast<pid_t>(::syscall(SYS_gettid));
    if (root) {
      REQUIRE(::syscall(SYS_setresgid, -1, 65534, -1) == 0);
      REQUIRE(::syscall(SYS_setresuid, -1, 65534, -1) == 0);
    }
    switched = true;
    cv.notify_all();
    cv.wait(lock, [&] { return stop; });
  });
  {
    std::unique_lock lock(m);
    cv.wait(lock, [&] { return switched; });
  }
  auto scan = [](const FieldSet& fields, ScanStats& stats) {
    Scanner scanner(ScannerOptions{BackendChoice::Procfs, "/proc"});
    Query query;
    query.fields = fields;
    query.scope = Scope::ProcessesAndThreads;
    query.pid_list_only = true;
    query.pids = {::getpid()};
    TaskTable table = scanner.scan(query);
    stats = scanner.last_stats();
    return table;
  };
  ScanStats by_owner_stats, by_status_stats;
  const TaskTable by_owner =
      scan(FieldSet{Field::Tgid, Field::Tid, Field::Euid, Field::Egid}, by_owner_stats);
  const TaskTable by_status = scan(
      FieldSet{Field::Tgid, Field::Tid, Field::Euid, Field::Egid, Field::Ruid}, by_status_stats);
  {
    std::lock_guard lock(m);
    stop = true;
  }
  cv.notify_all();
  other.join();

  CHECK(by_owner_stats.reads[static_cast<std::size_t>(Group::Status)] == 0);
  CHECK(by_owner_stats.owner_reads == by_owner.size());
  CHECK(by_status_stats.owner_reads == 0);
  REQUIRE(by_owner.size() == by_status.size());
  REQUIRE(by_owner.size() >= 2);
  bool saw_switched = false;
  for (std::size_t i = 0; i < by_owner.size(); ++i) {
    CHECK(by_owner[i].u64(Field::Tid) == by_status[i].u64(Field::Tid));
    REQUIRE(by_owner[i].has(Field::Euid));
    CHECK(by_owner[i].u64(Field::Euid) == by_status[i].u64(Field::Euid));
    CHECK(by_owner[i].u64(Field::Egid) == by_status[i].u64(Field::Egid));
    if (by_owner[i].u64(Field::Tid) == static_cast<std::uint64_t>(switched_tid)) {
      saw_switched = true;
      if (root) CHECK(by_owner[i].u64(Field::Euid) == 65534);
    }
  }
  CHECK(saw_switched);
}

TEST_CASE("two scanning threads give the rows of one, in the same order", "[procfs][live]") {
  Query query;
  query.fields = FieldSet{Field::Tgid, Field::Tid, Field::Comm, Field::Euid, Field::Cmdline};
  query.scope = Scope::ProcessesAndThreads;
  // Our own process and its children hold still while both scans run.
  std::vector<pid_t> children;
  for (int i = 0; i < 40; ++i) {
    const pid_t pid = ::fork();
    if (pid == 0) {
      for (;;)
        ::pause();
    }
    children.push_back(pid);
  }
  query.pid_list_only = true;
  query.pids = children;
  query.pids.push_back(::getpid());
  std::size_t batched = 0;
  auto rows = [&](unsigned threads, bool batch_opens = false) {
    Scanner scanner(ScannerOptions{BackendChoice::Procfs, "/proc", threads, batch_opens});
    std::vector<std::string> out;
    scanner.scan(query, [&](const TaskRef& row) {
      out.push_back(std::to_string(row.u64(Field::Tgid)) + " " +
                    std::to_string(row.u64(Field::Tid)) + " " + std::string(row.str(Field::Comm)) +
                    " " + std::to_string(row.u64(Field::Euid)) + " " +
                    std::string(row.str(Field::Cmdline)));
    });
    batched = scanner.last_stats().batched_opens;
    return out;
  };
  const auto serial = rows(1);
  const auto parallel = rows(2);
  CHECK(batched == 0);
  // Twice: the first batched scan may find the children's dentries uncached and stop
  // batching after its first run; the second finds them cached.
  const auto batched_cold = rows(2, true);
  const auto batched_warm = rows(2, true);
  const std::size_t batched_files = batched;
  for (pid_t pid : children) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
  }
  CHECK(serial.size() == children.size() + 1);
  CHECK(parallel == serial);
  CHECK(batched_cold == serial);
  CHECK(batched_warm == serial);
  if (procfs::OpenBatch::create()) {
    // stat and cmdline of every child (Euid comes from the directory's owner); our own
    // process is read after the scan threads end.
    CHECK(batched_files == 2 * children.size());
  } else {
    CHECK(batched_files == 0);
    td_test::skip_test("the batched part: io_uring cannot open files here");
  }
}

TEST_CASE("the root is listed on a second thread while work runs, and the thread is gone after",
          "[procfs][live]") {
  procfs::ProcfsBackend procfs("/proc");
  auto own_threads = [] {
    std::vector<pid_t> tids;
    procfs::ProcfsBackend self("/proc");
    REQUIRE(self.list_ids("self/task", tids));
    return tids.size();
  };
  const std::size_t before = own_threads();
  std::size_t during = 0;
  const auto listed = procfs.list_root_while([&] {
    // The work sees the listing thread (or its end): it ran while the thread was there.
    during = own_threads();
  });
  REQUIRE(listed);
  CHECK(std::find(listed->begin(), listed->end(), ::getpid()) != listed->end());
  CHECK(std::find(listed->begin(), listed->end(), 1) != listed->end());
  CHECK(during >= before);
  // Gone from the process before the call returns: a scan after it shows no extra thread.
  CHECK(own_threads() == before);

  // In pid order without repeats, the two ranges (below half our pid, and from there)
  // joined: with children on both sides of the middle, none is lost at the seam.
  CHECK(std::is_sorted(listed->begin(), listed->end()));
  CHECK(std::adjacent_find(listed->begin(), listed->end()) == listed->end());

  SECTION("an exception from the work comes through after the thread is joined") {
    CHECK_THROWS_AS(procfs.list_root_while([] { throw std::runtime_error("load failed"); }),
                    std::runtime_error);
  }
}

TEST_CASE("the proc root lists a range of pids from a seek to the first one's position",
          "[procfs][live]") {
  // Children on both sides of a middle pid, which the two ranges must each list once.
  std::vector<pid_t> children;
  for (int i = 0; i < 4; ++i) {
    const pid_t child = ::fork();
    if (child == 0) {
      ::pause();
      _exit(0);
    }
    REQUIRE(child > 0);
    children.push_back(child);
  }
  std::vector<pid_t> sorted = children;
  std::sort(sorted.begin(), sorted.end());
  const pid_t middle = sorted[2];  // two below, two at or above

  std::vector<pid_t> whole, lower, upper;
  const int root = ::open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  const int second = ::open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  REQUIRE(root >= 0);
  REQUIRE(second >= 0);
  const procfs::PidRange below = procfs::list_proc_pids(root, 0, middle, lower);
  const procfs::PidRange from = procfs::list_proc_pids(second, middle, 1 << 30, upper);
  CHECK(below.read);
  CHECK(from.read);
  CHECK(below.positions_seen);
  CHECK_FALSE(below.positions_wrong);
  CHECK_FALSE(from.positions_wrong);
  CHECK(std::all_of(lower.begin(), lower.end(), [&](pid_t pid) { return pid < middle; }));
  CHECK(std::all_of(upper.begin(), upper.end(), [&](pid_t pid) { return pid >= middle; }));
  for (const pid_t child : children) {
    const auto& side = child < middle ? lower : upper;
    CHECK(std::count(side.begin(), side.end(), child) == 1);
  }
  CHECK(std::count(lower.begin(), lower.end(), 1) == 1);
  ::close(root);
  ::close(second);
  for (const pid_t child : children) {
    ::kill(child, SIGKILL);
    ::waitpid(child, nullptr, 0);
  }
}
