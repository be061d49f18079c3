// The open-files query's BPF source against its procfs source, field by field, on a live
// child holding files of many kinds and threads that share, own or empty their files table;
// and the stats showing that plain files cost no per-descriptor read of /proc. Root and BPF
// (skips with 77 and the reason without them; fails under CI=true).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>
#include <string>
#include <vector>

#include "procscan/open_files.h"

using namespace procscan;

namespace {

int g_ready = -1;

void* sharing_thread(void*) {
  for (;;)
    pause();
}

// A table of its own with one more descriptor.
void* unsharing_thread(void*) {
  if (unshare(CLONE_FILES) != 0) _exit(3);
  close(g_ready);  // its copy: the parent waits for every copy to go
  if (open("/dev/null", O_WRONLY | O_CLOEXEC) < 0) _exit(4);
  for (;;)
    pause();
}

// A table of its own with no descriptor at all: the dump has nothing under it, and it must
// not be taken for a thread sharing its leader's table.
void* emptying_thread(void*) {
  if (unshare(CLONE_FILES) != 0) _exit(5);
  for (int fd = 0; fd < 1024; ++fd)
    close(fd);
  for (;;)
    pause();
}

// Keeps only `keep` open (the ready pipe too), then says so and sleeps.
void keep_only(const std::set<int>& keep) {
  for (int fd = 0; fd < 1024; ++fd)
    if (!keep.count(fd) && fd != g_ready) close(fd);
}

void ready() {
  const char c = 'r';
  if (write(g_ready, &c, 1) != 1) _exit(6);
  close(g_ready);
}

// Every kind the test can make without privileges of another process.
[[noreturn]] void run_many_kinds(const std::string& dir) {
  std::set<int> keep;
  auto add = [&](int fd) {
    if (fd < 0) _exit(10);
    keep.insert(fd);
  };
  const std::string regular = dir + "/regular";
  add(open(regular.c_str(), O_RDWR | O_CREAT, 0644));
  if (write(*keep.rbegin(), "hello", 5) != 5) _exit(11);
  add(open(regular.c_str(), O_WRONLY | O_APPEND));
  add(open(regular.c_str(), O_PATH));
  const std::string gone = dir + "/gone";
  add(open(gone.c_str(), O_RDWR | O_CREAT, 0600));
  unlink(gone.c_str());
  add(open(dir.c_str(), O_RDONLY | O_DIRECTORY));
  add(open("/dev/null", O_RDWR));
  add(open("/dev/ptmx", O_RDWR | O_NOCTTY));
  int p[2];
  if (pipe2(p, O_NONBLOCK) != 0) _exit(12);
  add(p[0]);
  add(p[1]);
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) != 0) _exit(13);
  add(sv[0]);
  add(sv[1]);
  add(socket(AF_INET, SOCK_STREAM, 0));
  add(eventfd(7, EFD_CLOEXEC));
  add(memfd_create("td-bpf-memfd", 0));
  const int ep = epoll_create1(0);
  add(ep);
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.fd = p[0];
  epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
  add(static_cast<int>(syscall(SYS_pidfd_open, getppid(), 0)));
  sigset_t mask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGUSR1);
  add(signalfd(-1, &mask, 0));
  add(timerfd_create(CLOCK_MONOTONIC, 0));
  add(inotify_init1(0));
  lseek(keep.count(3) ? 3 : *keep.begin(), 2, SEEK_SET);
  // Mapped files without a descriptor: one deleted, one with a newline in its name (maps
  // escapes it), and the regular file again.
  for (const char* name : {"mapped-gone", "mapped\nline", "regular"}) {
    const std::string path = dir + "/" + name;
    const int fd = open(path.c_str(), O_RDWR | O_CREAT, 0600);
    if (fd < 0 || ftruncate(fd, 4096) != 0) _exit(17);
    if (mmap(nullptr, 4096, PROT_READ, MAP_SHARED, fd, 0) == MAP_FAILED) _exit(18);
    close(fd);
  }
  unlink((dir + "/mapped-gone").c_str());
  keep_only(keep);
  pthread_t t;
  if (pthread_create(&t, nullptr, sharing_thread, nullptr) != 0) _exit(14);
  if (pthread_create(&t, nullptr, unsharing_thread, nullptr) != 0) _exit(15);
  if (pthread_create(&t, nullptr, emptying_thread, nullptr) != 0) _exit(16);
  usleep(100 * 1000);  // the threads' unshare() calls
  ready();
  for (;;)
    pause();
}

// Only files whose every field the dump gives: a regular file, a directory, a pipe, a
// socket (on the test's own /tmp file system, which kInodeIsStat must name).
[[noreturn]] void run_plain(const std::string& dir) {
  std::set<int> keep;
  const std::string regular = dir + "/plain";
  keep.insert(open(regular.c_str(), O_RDWR | O_CREAT, 0644));
  keep.insert(open(dir.c_str(), O_RDONLY | O_DIRECTORY));
  int p[2];
  if (pipe(p) != 0) _exit(12);
  keep.insert(p[0]);
  keep.insert(p[1]);
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) _exit(13);
  keep.insert(sv[0]);
  keep_only(keep);
  ready();
  for (;;)
    pause();
}

class Child {
 public:
  explicit Child(void (*body)(const std::string&), const std::string& dir) {
    int r[2];
    REQUIRE(pipe(r) == 0);
    pid_ = fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      close(r[0]);
      g_ready = r[1];
      body(dir);
      _exit(0);
    }
    close(r[1]);
    char c;
    REQUIRE(read(r[0], &c, 1) == 1);
    // Then the end of the pipe: the child's descriptors are final once no copy of its write
    // end is left (the leader closes it after writing, the threads their own copies).
    REQUIRE(read(r[0], &c, 1) == 0);
    close(r[0]);
  }
  ~Child() {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
};

std::string g_dir;

FileGroups all_groups() {
  FileGroups groups;
  for (const auto& row : kFileGroupTable)
    groups.add(row.group);
  return groups;
}

OpenFilesResult scan(pid_t pid, BackendChoice source, bool whole_machine = false) {
  OpenFilesQuery query;
  if (!whole_machine) query.pids = {pid};
  query.threads = true;
  query.groups = all_groups();
  query.source = source;
  return scan_open_files(query);
}

const TaskFiles* find_task(const OpenFilesResult& result, pid_t tid) {
  for (const TaskFiles& task : result.tasks())
    if (task.tid == tid) return &task;
  return nullptr;
}

void compare_rows(const OpenFilesResult& bpf, const OpenFile& b, const OpenFilesResult& proc,
                  const OpenFile& p) {
  INFO("fd " << p.fd << " " << proc.name(p));
  CHECK(int(b.slot) == int(p.slot));
  CHECK(b.fd == p.fd);
  CHECK(b.deleted == p.deleted);
  CHECK(bpf.name(b) == proc.name(p));
  CHECK(b.link_errno == p.link_errno);
  CHECK(b.link_mode_errno == p.link_mode_errno);
  CHECK(b.target_errno == p.target_errno);
  CHECK(b.fdinfo_errno == p.fdinfo_errno);
  CHECK(b.link_mode == p.link_mode);
  CHECK(b.target.dev == p.target.dev);
  CHECK(b.target.ino == p.target.ino);
  CHECK(b.target.size == p.target.size);
  CHECK(b.target.rdev == p.target.rdev);
  CHECK(b.target.mode == p.target.mode);
  CHECK(b.target.nlink == p.target.nlink);
  CHECK(b.map_dev == p.map_dev);
  CHECK(b.map_ino == p.map_ino);
  CHECK(b.fdinfo.pos == p.fdinfo.pos);
  CHECK(b.fdinfo.flags == p.fdinfo.flags);
  CHECK(b.fdinfo.mnt_id == p.fdinfo.mnt_id);
  CHECK(b.fdinfo.ino == p.fdinfo.ino);
  CHECK(b.fdinfo.eventfd_id == p.fdinfo.eventfd_id);
  CHECK(b.fdinfo.pidfd_pid == p.fdinfo.pidfd_pid);
  CHECK(b.fdinfo.tty_index == p.fdinfo.tty_index);
  CHECK(b.fdinfo.has_pos == p.fdinfo.has_pos);
  CHECK(b.fdinfo.has_flags == p.fdinfo.has_flags);
  const auto bt = bpf.tfds(b.fdinfo), pt = proc.tfds(p.fdinfo);
  CHECK(std::vector<int>(bt.begin(), bt.end()) == std::vector<int>(pt.begin(), pt.end()));
}

// Every task of the child in both results, with the same sharing and the same rows.
void compare_child(const OpenFilesResult& bpf, const OpenFilesResult& proc, pid_t child) {
  std::size_t tasks = 0;
  for (const TaskFiles& p : proc.tasks()) {
    if (p.tgid != child) continue;
    ++tasks;
    INFO("tid " << p.tid);
    const TaskFiles* b = find_task(bpf, p.tid);
    REQUIRE(b);
    CHECK(b->tgid == p.tgid);
    CHECK(b->fd_dir_errno == p.fd_dir_errno);
    CHECK(b->maps_errno == p.maps_errno);
    for (FileSection section : {FileSection::Fs, FileSection::Vm, FileSection::Fds}) {
      INFO("section " << int(section));
      CHECK(int(b->sections[std::size_t(section)].sharing) ==
            int(p.sections[std::size_t(section)].sharing));
      const auto brows = bpf.rows(*b, section);
      const auto prows = proc.rows(p, section);
      std::string listed;  // for the message when the counts differ
      for (const OpenFile& f : prows)
        listed += " " + std::to_string(f.fd) + "=" + std::string(proc.name(f));
      listed += " | bpf:";
      for (const OpenFile& f : brows)
        listed += " " + std::to_string(f.fd) + "=" + std::string(bpf.name(f));
      INFO("procfs:" << listed);
      REQUIRE(brows.size() == prows.size());
      for (std::size_t i = 0; i < prows.size(); ++i)
        compare_rows(bpf, brows[i], proc, prows[i]);
    }
  }
  CHECK(tasks == 4);  // the leader and its three threads
}

bool in_ci() {
  const char* ci = std::getenv("CI");
  return ci && *ci && std::strcmp(ci, "false") != 0 && std::strcmp(ci, "0") != 0;
}

}  // namespace

TEST_CASE("BPF rows equal procfs rows for files of many kinds and threads of every sharing") {
  Child child(run_many_kinds, g_dir);
  const OpenFilesResult proc = scan(child.pid(), BackendChoice::Procfs);
  const OpenFilesResult bpf = scan(child.pid(), BackendChoice::Bpf);
  INFO(bpf.source_reason());
  REQUIRE(bpf.source() == "bpf");
  CHECK(proc.source() == "procfs");
  compare_child(bpf, proc, child.pid());
  CHECK(bpf.stats().bpf_rows > 0);
  CHECK(bpf.stats().bpf_maps == 1);
  // The thread with an empty table of its own: kcmp said so, not the dump.
  std::size_t empty_own = 0;
  for (const TaskFiles& task : bpf.tasks())
    if (task.is_thread() && !task.shares_leader_files() && bpf.rows(task, FileSection::Fds).empty())
      ++empty_own;
  CHECK(empty_own == 1);
}

TEST_CASE("a whole-machine BPF dump gives the child's rows as procfs does") {
  Child child(run_many_kinds, g_dir);
  const OpenFilesResult proc = scan(child.pid(), BackendChoice::Procfs);
  const OpenFilesResult bpf = scan(0, BackendChoice::Bpf, true);
  INFO(bpf.source_reason());
  REQUIRE(bpf.source() == "bpf");
  CHECK(bpf.stats().bpf_dumps == 2);  // task_file and task_vma
  compare_child(bpf, proc, child.pid());
}

TEST_CASE("plain files cost no per-descriptor read of /proc on the BPF source") {
  Child child(run_plain, g_dir);
  OpenFilesQuery query;
  query.pids = {child.pid()};
  query.groups = {FileGroup::Fds, FileGroup::Link, FileGroup::LinkMode, FileGroup::Target,
                  FileGroup::FdInfo};
  query.source = BackendChoice::Bpf;
  const OpenFilesResult bpf = scan_open_files(query);
  INFO(bpf.source_reason());
  REQUIRE(bpf.source() == "bpf");
  CHECK(bpf.stats().bpf_rows == 5);
  CHECK(bpf.stats().bpf_completions == 0);
  for (FileGroup g :
       {FileGroup::Fds, FileGroup::Link, FileGroup::LinkMode, FileGroup::Target, FileGroup::FdInfo})
    CHECK(bpf.stats().reads_of(g) == 0);
  query.source = BackendChoice::Procfs;
  const OpenFilesResult proc = scan_open_files(query);
  CHECK(proc.stats().reads_of(FileGroup::Link) == 5);
  REQUIRE(bpf.tasks().size() == 1);
  REQUIRE(proc.tasks().size() == 1);
  const auto brows = bpf.rows(bpf.tasks()[0], FileSection::Fds);
  const auto prows = proc.rows(proc.tasks()[0], FileSection::Fds);
  REQUIRE(brows.size() == prows.size());
  for (std::size_t i = 0; i < prows.size(); ++i)
    compare_rows(bpf, brows[i], proc, prows[i]);
}

TEST_CASE("auto and PROCSCAN_BACKEND choose as the task scanner does, with reasons") {
  OpenFilesQuery query;
  query.pids = {getpid()};
  query.groups = {FileGroup::Fds};
  setenv("PROCSCAN_BACKEND", "procfs", 1);
  CHECK(scan_open_files(query).source_reason() == "procfs: requested");
  setenv("PROCSCAN_BACKEND", "bpf", 1);
  CHECK(scan_open_files(query).source() == "bpf");
  setenv("PROCSCAN_BACKEND", "taskdiag", 1);
  CHECK(scan_open_files(query).source_reason() == "procfs: task_diag has no open files");
  setenv("PROCSCAN_BACKEND", "nonsense", 1);
  CHECK_THROWS(scan_open_files(query));
  unsetenv("PROCSCAN_BACKEND");
  // A pid list is read from procfs under auto: the dump's fixed cost is not won back.
  const OpenFilesResult auto_result = scan_open_files(query);
  CHECK(auto_result.source() == "procfs");
  CHECK(auto_result.source_reason().find("pid list") != std::string::npos);
  // From 32 pids on, one dump of the whole machine serves the list (one dump each before).
  OpenFilesQuery many;
  many.groups = {FileGroup::Fds, FileGroup::Link};
  many.source = BackendChoice::Bpf;
  many.pids = {getpid()};
  if (DIR* proc = opendir("/proc")) {
    while (const dirent* entry = readdir(proc)) {
      const int pid = std::atoi(entry->d_name);
      if (pid > 0 && pid != getpid() && many.pids.size() < 40) many.pids.push_back(pid);
    }
    closedir(proc);
  }
  REQUIRE(many.pids.size() == 40);
  const OpenFilesResult many_result = scan_open_files(many);
  CHECK(many_result.source() == "bpf");
  CHECK(many_result.stats().bpf_dumps == 1);
  REQUIRE(!many_result.tasks().empty());
  CHECK(many_result.tasks()[0].tgid == getpid());
  CHECK(many_result.rows(many_result.tasks()[0], FileSection::Fds).size() >= 3);
  // A query without descriptors has nothing for BPF to give.
  query.groups = {FileGroup::CwdRootExe};
  query.source = BackendChoice::Bpf;
  CHECK(scan_open_files(query).source_reason().find("reads no descriptors") != std::string::npos);
}

int main(int argc, char** argv) {
  auto skip = [](const std::string& why) {
    std::printf("%s: %s\n", in_ci() ? "FAILED" : "SKIPPED", why.c_str());
    return in_ci() ? 1 : 77;
  };
  if (geteuid() != 0) return skip("needs root to load BPF iterators");
  unsetenv("PROCSCAN_BACKEND");
  char dir[] = "/tmp/td-open-files-bpf-XXXXXX";
  if (!mkdtemp(dir)) return skip("cannot make a directory under /tmp");
  g_dir = dir;
  OpenFilesQuery probe;
  probe.pids = {getpid()};
  probe.groups = {FileGroup::Fds};
  probe.source = BackendChoice::Bpf;
  const OpenFilesResult result = scan_open_files(probe);
  int status;
  if (result.source() != "bpf") {
    status = skip("the BPF source cannot serve: " + result.source_reason());
  } else {
    status = Catch::Session().run(argc, argv);
  }
  std::system(("rm -rf " + g_dir).c_str());
  return status;
}
