// scan_open_files on a live child whose files the test made itself: a regular file, a deleted
// one, a directory, a pipe, a socket, an eventfd and a memfd, held by a process with one
// thread that shares its tables and one with a files table of its own.
#include <catch2/catch.hpp>

#include "test_skip.h"

#include <fcntl.h>
#include <linux/kcmp.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "procscan/open_files.h"

using namespace procscan;

namespace {

// What the test knows of one descriptor it made.
struct Known {
  int fd;
  std::string link;  // what readlink of /proc/PID/fd/N must say
  struct stat st;
  int flags;  // F_GETFL
};

int g_own_table_fd = -1;  // the descriptor only the unsharing thread has
int g_ready_write = -1;

void* sharing_thread(void*) {
  for (;;)
    pause();
}

void* unsharing_thread(void*) {
  if (unshare(CLONE_FILES) != 0) _exit(3);
  // The lowest free number in the new table: the parent learns it through the pipe.
  g_own_table_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (write(g_ready_write, &g_own_table_fd, sizeof g_own_table_fd) < 0) _exit(4);
  for (;;)
    pause();
}

// The child: two threads, then a note to the parent, then sleep until killed.
[[noreturn]] void run_child(int ready_write) {
  g_ready_write = ready_write;
  pthread_t a, b;
  if (pthread_create(&a, nullptr, sharing_thread, nullptr) != 0) _exit(1);
  if (pthread_create(&b, nullptr, unsharing_thread, nullptr) != 0) _exit(2);
  for (;;)
    pause();
}

class Child {
 public:
  Child() {
    int ready[2];
    REQUIRE(pipe2(ready, O_CLOEXEC) == 0);
    pid_ = fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      close(ready[0]);
      run_child(ready[1]);
    }
    close(ready[1]);
    REQUIRE(read(ready[0], &own_table_fd_, sizeof own_table_fd_) == sizeof own_table_fd_);
    close(ready[0]);
  }
  ~Child() {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  pid_t pid() const { return pid_; }
  int own_table_fd() const { return own_table_fd_; }

 private:
  pid_t pid_ = -1;
  int own_table_fd_ = -1;
};

std::string inode_link(const char* kind, const struct stat& st) {
  return std::string(kind) + ":[" + std::to_string(st.st_ino) + "]";
}

Known know(int fd, std::string link) {
  Known k{fd, std::move(link), {}, fcntl(fd, F_GETFL)};
  REQUIRE(fstat(fd, &k.st) == 0);
  return k;
}

// Descriptors the child inherits: the open file descriptions are the parent's, so their
// inodes, flags and offsets are the ones fstat and fcntl show here.
std::vector<Known> make_files() {
  std::vector<Known> known;
  char regular[] = "/tmp/td-open-files-XXXXXX";
  const int reg = mkstemp(regular);
  REQUIRE(reg >= 0);
  REQUIRE(write(reg, "hello", 5) == 5);
  known.push_back(know(reg, regular));
  char deleted[] = "/tmp/td-open-files-deleted-XXXXXX";
  const int del = mkstemp(deleted);
  REQUIRE(del >= 0);
  REQUIRE(unlink(deleted) == 0);
  known.push_back(know(del, std::string(deleted) + " (deleted)"));
  const int dir = open("/tmp", O_RDONLY | O_DIRECTORY);
  known.push_back(know(dir, "/tmp"));
  int p[2];
  REQUIRE(pipe(p) == 0);
  struct stat pst;
  REQUIRE(fstat(p[0], &pst) == 0);
  known.push_back(know(p[0], inode_link("pipe", pst)));
  known.push_back(know(p[1], inode_link("pipe", pst)));
  int sv[2];
  REQUIRE(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
  struct stat sst;
  REQUIRE(fstat(sv[0], &sst) == 0);
  known.push_back(know(sv[0], inode_link("socket", sst)));
  known.push_back(know(eventfd(0, EFD_NONBLOCK), "anon_inode:[eventfd]"));
  known.push_back(know(memfd_create("td-memfd", 0), "/memfd:td-memfd (deleted)"));
  return known;
}

// After the scan: the regular file goes too (it was known[0]).
void close_files(const std::vector<Known>& known) {
  unlink(known[0].link.c_str());
  for (const auto& k : known)
    close(k.fd);
}

struct CloseAtEnd {
  const std::vector<Known>& known;
  ~CloseAtEnd() { close_files(known); }
};

// The kernel's O_LARGEFILE, which glibc spells 0 on 64-bit machines; fdinfo and F_GETFL
// both show the bit the kernel forces on.
constexpr unsigned kKernelLargeFile = 0100000;

const OpenFile* find_fd(std::span<const OpenFile> rows, int fd) {
  for (const auto& f : rows)
    if (f.fd == fd) return &f;
  return nullptr;
}

bool kcmp_works() {
  return syscall(SYS_kcmp, getpid(), getpid(), KCMP_FILES, 0, 0) == 0;
}

FileGroups all_groups() {
  FileGroups g;
  for (const auto& row : kFileGroupTable)
    g.add(row.group);
  return g;
}

}  // namespace

TEST_CASE("every group of a child's files, against what the test made", "[files][live]") {
  const auto known = make_files();
  const CloseAtEnd closer{known};
  Child child;
  OpenFilesQuery query;
  query.pids = {child.pid()};
  query.threads = true;
  query.groups = all_groups();
  const OpenFilesResult result = scan_open_files(query);

  REQUIRE(result.tasks().size() == 3);
  const TaskFiles& process = result.tasks()[0];
  CHECK(process.tgid == child.pid());
  CHECK(process.tid == child.pid());
  CHECK_FALSE(process.is_thread());
  CHECK(process.fd_dir_errno == 0);
  CHECK(process.maps_errno == 0);

  SECTION("cwd, rtd, txt and mem rows in lsof's order") {
    const auto fs = result.rows(process, FileSection::Fs);
    REQUIRE(fs.size() == 2);
    CHECK(fs[0].slot == FileSlot::Cwd);
    CHECK(fs[1].slot == FileSlot::Root);
    char cwd[4096];
    REQUIRE(getcwd(cwd, sizeof cwd));
    CHECK(result.name(fs[0]) == cwd);
    CHECK(result.name(fs[1]) == "/");
    CHECK(S_ISDIR(fs[0].target.mode));
    const auto vm = result.rows(process, FileSection::Vm);
    REQUIRE(vm.size() >= 2);
    CHECK(vm[0].slot == FileSlot::Exe);
    struct stat self;
    REQUIRE(stat("/proc/self/exe", &self) == 0);
    CHECK(vm[0].target.ino == self.st_ino);
    CHECK(vm[0].target.dev == self.st_dev);
    bool exe_mapped = false;
    for (std::size_t i = 1; i < vm.size(); ++i) {
      CHECK(vm[i].slot == FileSlot::Mem);
      if (vm[i].map_ino == self.st_ino && vm[i].map_dev == self.st_dev) exe_mapped = true;
    }
    CHECK(exe_mapped);
  }

  SECTION("numbered descriptors: link text, mode, target, fdinfo") {
    const auto fds = result.rows(process, FileSection::Fds);
    CHECK(std::is_sorted(fds.begin(), fds.end(),
                         [](const OpenFile& a, const OpenFile& b) { return a.fd < b.fd; }));
    for (const auto& k : known) {
      INFO("fd " << k.fd << " " << k.link);
      const OpenFile* f = find_fd(fds, k.fd);
      REQUIRE(f);
      CHECK(f->slot == FileSlot::Fd);
      REQUIRE(f->has_link());
      CHECK(result.name(*f) == k.link);
      REQUIRE(f->has_target());
      CHECK(f->target.ino == k.st.st_ino);
      CHECK(f->target.dev == k.st.st_dev);
      CHECK(f->target.mode == k.st.st_mode);
      CHECK(f->target.size == static_cast<std::uint64_t>(k.st.st_size));
      REQUIRE(f->has_link_mode());
      CHECK(S_ISLNK(f->link_mode));
      const int access = k.flags & O_ACCMODE;
      CHECK(((f->link_mode & S_IRUSR) != 0) == (access != O_WRONLY));
      CHECK(((f->link_mode & S_IWUSR) != 0) == (access != O_RDONLY));
      REQUIRE(f->has_fdinfo());
      // fdinfo adds close-on-exec, which belongs to the table, not the open file.
      CHECK((f->fdinfo.flags & ~(O_CLOEXEC | kKernelLargeFile)) ==
            (static_cast<unsigned>(k.flags) & ~kKernelLargeFile));
      const off_t pos = lseek(k.fd, 0, SEEK_CUR);
      CHECK(f->fdinfo.pos == static_cast<std::uint64_t>(pos < 0 ? 0 : pos));
    }
    CHECK(find_fd(fds, known[0].fd)->fdinfo.pos == 5);
    CHECK(find_fd(fds, known[6].fd)->fdinfo.eventfd_id >= 0);
  }

  SECTION("threads: one shares every table, one has a files table of its own") {
    if (!kcmp_works()) {
      td_test::skip_test("kcmp(2) is not available here: thread sharing not checked");
      return;
    }
    const TaskFiles& sharing =
        result.tasks()[1].tid < result.tasks()[2].tid ? result.tasks()[1] : result.tasks()[2];
    const TaskFiles& own = &sharing == &result.tasks()[1] ? result.tasks()[2] : result.tasks()[1];
    for (const TaskFiles* t : {&sharing, &own}) {
      CHECK(t->is_thread());
      CHECK(t->tgid == child.pid());
      CHECK(t->leader == 0);
      CHECK(t->shares_leader(FileSection::Fs));
      CHECK(t->shares_leader(FileSection::Vm));
      CHECK(result.rows(*t, FileSection::Vm).data() ==
            result.rows(process, FileSection::Vm).data());
    }
    CHECK(sharing.shares_leader_files());
    CHECK(sharing.sections[static_cast<int>(FileSection::Fds)].count == 0);
    CHECK(result.rows(sharing, FileSection::Fds).data() ==
          result.rows(process, FileSection::Fds).data());
    CHECK_FALSE(own.shares_leader_files());
    CHECK(own.sections[static_cast<int>(FileSection::Fds)].sharing == Sharing::Own);
    const auto own_rows = result.rows(own, FileSection::Fds);
    const OpenFile* extra = find_fd(own_rows, child.own_table_fd());
    REQUIRE(extra);
    CHECK(result.name(*extra) == "/dev/null");
    CHECK(find_fd(own_rows, known[0].fd));  // the copy keeps what the table held
    // The leader's table never had the thread's descriptor (the number may be reused there
    // only if the leader opened something since, which it did not).
    const OpenFile* in_leader =
        find_fd(result.rows(process, FileSection::Fds), child.own_table_fd());
    CHECK((in_leader == nullptr || result.name(*in_leader) != "/dev/null"));
    CHECK(result.stats().sections_shared == 5);
    CHECK(result.stats().kcmp_calls == 6);
    // The leader's directory and the own-table thread's: the sharing thread has nothing
    // to read, so its directory is never opened.
    CHECK(result.stats().task_dirs_opened == 2);
  }
}

TEST_CASE("a mapped path is stat'ed once per scan, however many processes map it",
          "[files][live][cost]") {
  Child first, second;
  OpenFilesQuery query;
  query.pids = {first.pid(), second.pid()};
  query.groups = {FileGroup::Maps, FileGroup::Target};
  const OpenFilesResult result = scan_open_files(query);
  REQUIRE(result.tasks().size() == 2);
  const auto one = result.rows(result.tasks()[0], FileSection::Vm);
  const auto two = result.rows(result.tasks()[1], FileSection::Vm);
  REQUIRE(!one.empty());
  // The same program and libraries: the same paths, with the same stat.
  REQUIRE(one.size() == two.size());
  for (std::size_t i = 0; i < one.size(); ++i) {
    CHECK(result.name(one[i]) == result.name(two[i]));
    CHECK(one[i].target_errno == two[i].target_errno);
    CHECK(one[i].target.ino == two[i].target.ino);
    CHECK(one[i].target.size == two[i].target.size);
    if (one[i].target_errno == 0) CHECK(one[i].target.ino == one[i].map_ino);
  }
  CHECK(result.stats().reads_of(FileGroup::Target) == one.size());
}

TEST_CASE("a query for link text reads nothing else", "[files][live][cost]") {
  const auto known = make_files();
  const CloseAtEnd closer{known};
  Child child;
  OpenFilesQuery query;
  query.pids = {child.pid()};
  query.groups = {FileGroup::Fds, FileGroup::Link};
  const OpenFilesResult result = scan_open_files(query);

  REQUIRE(result.tasks().size() == 1);  // threads were not asked for
  const auto fds = result.rows(result.tasks()[0], FileSection::Fds);
  REQUIRE(fds.size() >= known.size());
  CHECK(result.rows(result.tasks()[0], FileSection::Fs).empty());
  CHECK(result.rows(result.tasks()[0], FileSection::Vm).empty());
  for (const auto& f : fds) {
    CHECK(f.has_link());
    CHECK(f.link_mode_errno == -1);
    CHECK(f.target_errno == -1);
    CHECK(f.fdinfo_errno == -1);
  }
  const auto& stats = result.stats();
  CHECK(stats.reads_of(FileGroup::Link) == fds.size());
  CHECK(stats.reads_of(FileGroup::Fds) == 1);  // one getdents64 for a short directory
  CHECK(stats.reads_of(FileGroup::LinkMode) == 0);
  CHECK(stats.reads_of(FileGroup::Target) == 0);
  CHECK(stats.reads_of(FileGroup::FdInfo) == 0);
  CHECK(stats.reads_of(FileGroup::Maps) == 0);
  CHECK(stats.reads_of(FileGroup::CwdRootExe) == 0);
  CHECK(stats.thread_listings == 0);
  CHECK(stats.kcmp_calls == 0);
  CHECK(stats.task_dirs_opened == 1);
}

TEST_CASE("without kcmp every thread's own directory is read", "[files][live]") {
  Child child;
  OpenFilesQuery query;
  query.pids = {child.pid()};
  query.threads = true;
  query.use_kcmp = false;
  query.groups = {FileGroup::Fds, FileGroup::Link};
  const OpenFilesResult result = scan_open_files(query);
  REQUIRE(result.tasks().size() == 3);
  CHECK(result.stats().kcmp_calls == 0);
  const auto leader_rows = result.rows(result.tasks()[0], FileSection::Fds);
  for (std::size_t i = 1; i < 3; ++i) {
    const TaskFiles& t = result.tasks()[i];
    CHECK(t.sections[static_cast<int>(FileSection::Fds)].sharing == Sharing::Unknown);
    const auto rows = result.rows(t, FileSection::Fds);
    CHECK(rows.data() != leader_rows.data());
    CHECK(rows.size() >= leader_rows.size());
  }
  CHECK(result.stats().reads_of(FileGroup::Fds) == 3);
}

TEST_CASE("a pid that is gone is left out, not an error", "[files][live]") {
  pid_t gone = fork();
  REQUIRE(gone >= 0);
  if (gone == 0) _exit(0);
  REQUIRE(waitpid(gone, nullptr, 0) == gone);
  OpenFilesQuery query;
  query.pids = {gone, getpid()};
  query.groups = {FileGroup::Fds};
  const OpenFilesResult result = scan_open_files(query);
  REQUIRE(result.tasks().size() == 1);
  CHECK(result.tasks()[0].tgid == getpid());
  CHECK(result.stats().vanished == 1);
}
