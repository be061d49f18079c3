// The kept files' table and its budgets (kernel memory, descriptors), on plain files in a
// scratch directory; budgets that change RLIMIT_NOFILE run in a child process.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "procfs/file_reader.h"
#include "procfs/kept_files.h"

using namespace procscan;
namespace fs = std::filesystem;
using Table = KeptFiles::Table;

namespace {

// The groups a task's kept files belong to, and their file names.
struct KeptFile {
  Group group;
  const char* name;
};
constexpr KeptFile kFiles[] = {
    {Group::Stat, "stat"}, {Group::Statm, "statm"}, {Group::Status, "status"}};

// Tasks 1..count, each a directory with its stat, statm and status, whose text names them.
struct ScratchTasks {
  explicit ScratchTasks(int count) {
    char name[] = "/tmp/td-kept-XXXXXX";
    REQUIRE(::mkdtemp(name));
    path = name;
    for (int tid = 1; tid <= count; ++tid) {
      fs::create_directories(path / std::to_string(tid));
      for (const KeptFile& file : kFiles)
        std::ofstream(path / std::to_string(tid) / file.name) << file.name << " of " << tid << "\n";
    }
    dir = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    REQUIRE(dir >= 0);
  }
  ~ScratchTasks() {
    ::close(dir);
    fs::remove_all(path);
  }
  fs::path path;
  int dir = -1;
};

// One scan of tasks `tids`, each of its files in `files`; true when every read gave the text
// of that very file.
bool scan(Table& table, const ScratchTasks& tasks, const std::vector<int>& tids,
          std::initializer_list<KeptFile> files = {kFiles[0], kFiles[1], kFiles[2]}) {
  procfs::FileReader reader;
  bool all_right = true;
  table.begin_scan();
  for (int tid : tids) {
    for (const KeptFile& file : files) {
      const std::string path = std::to_string(tid) + "/" + file.name;
      std::string_view text;
      const auto status = table.read(tid, RowKind::Process, file.group, tasks.dir, path.c_str(),
                                     reader, text, procfs::FileEnd::ShortRead);
      all_right = all_right && status == procfs::ReadStatus::Ok &&
                  text == std::string(file.name) + " of " + std::to_string(tid) + "\n";
    }
  }
  table.end_scan();
  return all_right;
}

std::vector<int> tids_up_to(int count) {
  std::vector<int> tids;
  for (int tid = 1; tid <= count; ++tid)
    tids.push_back(tid);
  return tids;
}

// Runs `test` in a child (it may change RLIMIT_NOFILE) and returns its exit status.
int in_child(const std::function<int()>& test) {
  const pid_t pid = ::fork();
  if (pid == 0) ::_exit(test());
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 100;
}

bool set_descriptor_limits(rlim_t soft, rlim_t hard) {
  const struct rlimit limit { soft, hard };
  return ::setrlimit(RLIMIT_NOFILE, &limit) == 0;
}

rlim_t soft_descriptor_limit() {
  struct rlimit limit;
  ::getrlimit(RLIMIT_NOFILE, &limit);
  return limit.rlim_cur;
}

}  // namespace

TEST_CASE("stat, statm and status are kept; other files are not", "[kept]") {
  CHECK(Table::keeps(Group::Stat));
  CHECK(Table::keeps(Group::Statm));
  CHECK(Table::keeps(Group::Status));
  CHECK_FALSE(Table::keeps(Group::Cmdline));
  CHECK_FALSE(Table::keeps(Group::Io));
}

TEST_CASE("kept files are read again, and closed when their task is not read", "[kept]") {
  ScratchTasks tasks(4);
  KeptFiles kept(std::size_t{64} << 20);
  Table& table = kept.table();
  REQUIRE(scan(table, tasks, tids_up_to(4)));
  CHECK(kept.stats().kept == 12);
  CHECK(kept.stats().opened == 12);
  CHECK(kept.stats().rereads == 0);
  CHECK(kept.stats().kernel_bytes == 12 * kKeptFileKernelBytes);

  // Rewritten in place: the kept descriptor reads the new text.
  std::ofstream(tasks.path / "2" / "statm") << "statm of 2\n";
  REQUIRE(scan(table, tasks, tids_up_to(4)));
  CHECK(kept.stats().rereads == 12);
  CHECK(kept.stats().opened == 0);
  CHECK(kept.stats().closed == 0);
  CHECK(kept.stats().unkept == 0);

  // Tasks 3 and 4 not read: their files are closed.
  REQUIRE(scan(table, tasks, {1, 2}));
  CHECK(kept.stats().closed == 6);
  CHECK(kept.stats().kept == 6);
  CHECK(kept.stats().kernel_bytes == 6 * kKeptFileKernelBytes);
  REQUIRE(scan(table, tasks, {}));
  CHECK(kept.stats().kept == 0);
  CHECK(kept.stats().closed == 6);
}

TEST_CASE("the memory budget goes to the files that save most", "[kept]") {
  ScratchTasks tasks(4);
  KeptFiles kept(5 * kKeptFileKernelBytes + 100);
  Table& table = kept.table();
  REQUIRE(scan(table, tasks, tids_up_to(4)));
  CHECK(kept.stats().limit == 5);
  // Who came first kept the files of the first scan; 12 wanted, 5 fit.
  CHECK(kept.stats().opened == 5);
  CHECK(kept.stats().unkept == 7);
  // Then the budget goes to status (4 wanted), and the one left to statm; stat gets none.
  REQUIRE(scan(table, tasks, tids_up_to(4)));
  REQUIRE(scan(table, tasks, tids_up_to(4)));
  CHECK(kept.stats().kept == 5);
  CHECK(kept.stats().rereads == 5);
  CHECK(kept.stats().opened == 0);
  CHECK(kept.stats().closed == 0);
  CHECK(kept.stats().unkept == 7);
  // Which: the rereads of status alone.
  REQUIRE(scan(table, tasks, tids_up_to(4), {kFiles[2]}));
  CHECK(kept.stats().rereads == 4);

  KeptFiles none(kKeptFileKernelBytes - 1);
  REQUIRE(scan(none.table(), tasks, tids_up_to(4)));
  CHECK(none.stats().limit == 0);
  CHECK(none.stats().kept == 0);
  CHECK(none.stats().unkept == 12);
}

TEST_CASE("the soft descriptor limit is raised to the hard one when the files need it",
          "[kept][rlimit]") {
  ScratchTasks tasks(40);  // 120 files
  const int status = in_child([&] {
    if (!set_descriptor_limits(64, 1024)) return 1;
    KeptFiles kept(std::size_t{64} << 20);
    if (kept.stats().limit != 48) return 2;  // a quarter of a small limit stays the caller's
    if (!scan(kept.table(), tasks, tids_up_to(40))) return 3;
    if (!kept.stats().raised_descriptor_limit) return 4;
    if (soft_descriptor_limit() != 1024) return 5;
    if (kept.stats().limit != 1024 - 256) return 6;
    if (kept.stats().kept != 120 || kept.stats().unkept != 0) return 7;
    return 0;
  });
  CHECK(status == 0);
}

TEST_CASE("memory, not descriptors, short: the soft limit stays", "[kept][rlimit]") {
  ScratchTasks tasks(40);
  const int status = in_child([&] {
    if (!set_descriptor_limits(64, 1024)) return 1;
    KeptFiles kept(10 * kKeptFileKernelBytes);
    if (!scan(kept.table(), tasks, tids_up_to(40))) return 2;
    if (kept.stats().raised_descriptor_limit || soft_descriptor_limit() != 64) return 3;
    if (kept.stats().opened != 10 || kept.stats().unkept != 110) return 4;
    return 0;
  });
  CHECK(status == 0);
}

TEST_CASE("no room above the soft limit: files past the budget are read and closed",
          "[kept][rlimit]") {
  ScratchTasks tasks(40);
  const int status = in_child([&] {
    if (!set_descriptor_limits(64, 64)) return 1;
    KeptFiles kept(std::size_t{64} << 20);
    // The first scan keeps the files of the first 16 tasks; the next ones give the budget to
    // status and statm, and from the third on, the same 48 files are read again.
    for (int round = 0; round < 3; ++round)
      if (!scan(kept.table(), tasks, tids_up_to(40))) return 2;
    if (kept.stats().raised_descriptor_limit) return 3;
    if (kept.stats().kept != 48 || kept.stats().unkept != 72 || kept.stats().rereads != 48)
      return 4;
    return 0;
  });
  CHECK(status == 0);
}

TEST_CASE("an open that meets EMFILE shrinks the budget below what the caller holds",
          "[kept][rlimit]") {
  ScratchTasks tasks(100);  // 300 files
  const int status = in_child([&] {
    if (!set_descriptor_limits(512, 512)) return 1;
    // The caller holds 400 descriptors, more than the 128 the budget leaves it.
    std::vector<int> held;
    for (int i = 0; i < 400; ++i)
      held.push_back(::open("/dev/null", O_RDONLY | O_CLOEXEC));
    if (held.back() < 0) return 2;
    KeptFiles kept(std::size_t{64} << 20);
    if (kept.stats().limit != 384) return 3;
    scan(kept.table(), tasks, tids_up_to(100));  // some reads fail: no descriptor left
    if (kept.stats().limit == 0 || kept.stats().limit + 64 + 400 > 512) return 4;
    if (kept.stats().kept > kept.stats().limit) return 5;
    // Now every read finds a descriptor: the kept ones, and room for the others.
    if (!scan(kept.table(), tasks, tids_up_to(100))) return 6;
    if (!scan(kept.table(), tasks, tids_up_to(100))) return 7;
    if (kept.stats().kept == 0 || kept.stats().rereads != kept.stats().kept ||
        kept.stats().opened != 0)
      return 8;
    return 0;
  });
  CHECK(status == 0);
}
