// scan_open_files on a proc tree made by the test in a temporary directory: the proc root is
// configurable, kcmp is not used on a tree that is not procfs, descriptors come out in
// numeric order whatever the directory's order, and failures are data.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "procscan/open_files.h"
#include "procscan/scan_error.h"

using namespace procscan;
namespace fs = std::filesystem;

namespace {

class Tree {
 public:
  Tree() {
    char templ[] = "/tmp/td-files-tree-XXXXXX";
    REQUIRE(mkdtemp(templ));
    root_ = templ;
  }
  ~Tree() { fs::remove_all(root_); }
  const fs::path& root() const { return root_; }
  void dir(const std::string& rel) { fs::create_directories(root_ / rel); }
  void file(const std::string& rel, const std::string& text) {
    fs::create_directories((root_ / rel).parent_path());
    std::ofstream(root_ / rel, std::ios::binary) << text;
  }
  void link(const std::string& rel, const std::string& target) {
    fs::create_directories((root_ / rel).parent_path());
    fs::create_symlink(target, root_ / rel);
  }

 private:
  fs::path root_;
};

// Process 1: every kind of row; 20: fd/ that is not a directory (lsof's NOFD); 30: gone
// (no stat, no fd/); "self" and "sys": not processes.
void make_tree(Tree& t) {
  t.file("1/stat", "1 (init) S 0\n");
  t.link("1/cwd", "/");
  t.link("1/root", "/");
  t.link("1/exe", "/nonexistent/td-exe");
  t.file("1/maps",
         "00400000-00401000 r-xp 00000000 fd:01 42 /nonexistent/td-exe\n"
         "00401000-00402000 r--p 00001000 fd:01 42 /nonexistent/td-exe\n"
         "00402000-00403000 rw-p 00000000 00:00 0 [heap]\n"
         "00403000-00404000 r--s 00000000 fd:01 77 /tmp/gone (deleted)\n");
  t.link("1/fd/10", "/dev/null");
  t.link("1/fd/2", "socket:[42]");
  t.link("1/fd/0", "/");
  t.file("1/fdinfo/0", "pos:\t7\nflags:\t0100000\nmnt_id:\t3\n");
  t.file("1/fdinfo/2", "pos:\t0\nflags:\t02000002\nmnt_id:\t9\n");
  t.link("1/task/1/fd/0", "/");
  t.link("1/task/2/fd/5", "/dev/null");
  t.link("1/task/2/cwd", "/tmp");
  t.link("1/task/2/root", "/");
  t.file("20/stat", "20 (x) S 1\n");
  t.file("20/fd", "not a directory");
  t.dir("30/fdinfo");
  t.link("self", "1");
  t.dir("sys");
}

}  // namespace

TEST_CASE("a captured tree: rows, order and per-file failures", "[files][tree]") {
  Tree t;
  make_tree(t);
  OpenFilesQuery query;
  query.proc_root = t.root();
  for (const auto& row : kFileGroupTable)
    query.groups.add(row.group);
  const OpenFilesResult result = scan_open_files(query);

  REQUIRE(result.tasks().size() == 2);
  CHECK(result.stats().vanished == 1);
  const TaskFiles& one = result.tasks()[0];
  CHECK(one.tgid == 1);
  CHECK(one.fd_dir_errno == 0);

  const auto fs_rows = result.rows(one, FileSection::Fs);
  REQUIRE(fs_rows.size() == 2);
  CHECK(result.name(fs_rows[0]) == "/");
  CHECK(fs_rows[0].has_target());
  CHECK(S_ISDIR(fs_rows[0].target.mode));

  const auto vm = result.rows(one, FileSection::Vm);
  REQUIRE(vm.size() == 3);  // exe, then each mapped file once
  CHECK(vm[0].slot == FileSlot::Exe);
  CHECK(result.name(vm[0]) == "/nonexistent/td-exe");
  CHECK(vm[0].has_link());
  CHECK(vm[0].target_errno == ENOENT);
  CHECK(vm[1].slot == FileSlot::Mem);
  CHECK(vm[1].map_dev == makedev(0xfd, 1));
  CHECK(vm[1].map_ino == 42);
  CHECK_FALSE(vm[1].deleted);
  CHECK(vm[1].target_errno == ENOENT);
  CHECK(result.name(vm[2]) == "/tmp/gone");
  CHECK(vm[2].deleted);

  const auto fds = result.rows(one, FileSection::Fds);
  REQUIRE(fds.size() == 3);
  CHECK(fds[0].fd == 0);
  CHECK(fds[1].fd == 2);
  CHECK(fds[2].fd == 10);
  CHECK(result.name(fds[1]) == "socket:[42]");
  CHECK(fds[1].target_errno == ENOENT);  // a dangling link in a tree
  CHECK(fds[1].has_link_mode());
  CHECK(fds[0].has_fdinfo());
  CHECK(fds[0].fdinfo.pos == 7);
  CHECK(fds[0].fdinfo.mnt_id == 3);
  CHECK(fds[2].fdinfo_errno == ENOENT);  // fdinfo/10 is missing: that file alone fails
  CHECK(fds[2].has_target());

  const TaskFiles& twenty = result.tasks()[1];
  CHECK(twenty.tgid == 20);
  CHECK(twenty.fd_dir_errno == ENOTDIR);
  CHECK(twenty.maps_errno == ENOENT);
  CHECK(result.rows(twenty, FileSection::Fds).empty());
  CHECK(result.rows(twenty, FileSection::Fs).size() == 2);  // unreadable links are rows too
  CHECK(result.rows(twenty, FileSection::Fs)[0].link_errno == ENOENT);
}

TEST_CASE("files under a stat-exempt prefix are not stat'ed", "[files][tree]") {
  Tree t;
  make_tree(t);
  OpenFilesQuery query;
  query.proc_root = t.root();
  for (const auto& row : kFileGroupTable)
    query.groups.add(row.group);
  query.stat_exempt_prefixes = {"/dev", "/tmp/go"};
  const OpenFilesResult result = scan_open_files(query);
  REQUIRE_FALSE(result.tasks().empty());
  const TaskFiles& one = result.tasks()[0];
  const auto fds = result.rows(one, FileSection::Fds);
  REQUIRE(fds.size() == 3);
  // fd 10 is /dev/null: linked, fdinfo asked, but no lstat and no stat.
  CHECK(fds[2].has_link());
  CHECK(fds[2].link_mode_errno == -1);
  CHECK(fds[2].target_errno == -1);
  // fd 0 is "/": stat'ed as usual; its mode comes from fdinfo's flags (O_RDONLY), with
  // the size procfs gives every fd link.
  CHECK(fds[0].has_target());
  CHECK(fds[0].has_link_mode());
  CHECK(fds[0].link_mode == (S_IFLNK | S_IRUSR | S_IXUSR));
  CHECK(fds[0].link_size == 64);
  const auto vm = result.rows(one, FileSection::Vm);
  REQUIRE(vm.size() == 3);
  CHECK(result.name(vm[2]) == "/tmp/gone");
  CHECK(vm[2].target_errno == -1);  // a prefix of the mapped path, byte for byte
  CHECK(vm[1].target_errno == ENOENT);
}

TEST_CASE("fdinfo of regular files and directories only when asked; the mode from its flags",
          "[files][tree]") {
  Tree t;
  make_tree(t);
  OpenFilesQuery query;
  query.proc_root = t.root();
  for (const auto& row : kFileGroupTable)
    query.groups.add(row.group);
  query.fdinfo_of_regular_files = false;
  const OpenFilesResult result = scan_open_files(query);
  REQUIRE_FALSE(result.tasks().empty());
  const auto fds = result.rows(result.tasks()[0], FileSection::Fds);
  REQUIRE(fds.size() == 3);
  // fd 0 names "/", a directory: no fdinfo; the mode from lstat of the tree's symlink.
  CHECK(fds[0].fdinfo_errno == -1);
  CHECK(fds[0].has_link_mode());
  CHECK(S_ISLNK(fds[0].link_mode));
  CHECK(fds[0].link_size == 1);
  // fd 2 is a socket: fdinfo read, the mode from its flags (O_RDWR).
  CHECK(fds[1].has_fdinfo());
  CHECK(fds[1].link_mode == (S_IFLNK | S_IRUSR | S_IWUSR | S_IXUSR));
  CHECK(result.stats().reads_of(FileGroup::FdInfo) == 2);  // fd 2 and fd 10 (missing)
}

TEST_CASE("a link that cannot be read is not stat'ed", "[files][tree]") {
  Tree t;
  t.file("40/stat", "40 (x) S 1\n");
  t.file("40/fd/3", "a file, not a link: readlink fails with EINVAL");
  t.link("40/fd/4", "/");
  OpenFilesQuery query;
  query.proc_root = t.root();
  query.groups = {FileGroup::Fds, FileGroup::Link, FileGroup::LinkMode, FileGroup::Target};
  const OpenFilesResult result = scan_open_files(query);
  REQUIRE(result.tasks().size() == 1);
  const auto fds = result.rows(result.tasks()[0], FileSection::Fds);
  REQUIRE(fds.size() == 2);
  CHECK(fds[0].link_errno == EINVAL);
  CHECK(fds[0].target_errno == EINVAL);
  CHECK(fds[0].link_mode_errno == EINVAL);
  CHECK(fds[1].has_target());
  CHECK(result.stats().reads_of(FileGroup::Target) == 1);  // fd 4's alone
  CHECK(result.stats().reads_of(FileGroup::LinkMode) == 1);
}

TEST_CASE("a captured tree's threads are read from their own directories", "[files][tree]") {
  Tree t;
  make_tree(t);
  OpenFilesQuery query;
  query.proc_root = t.root();
  query.pids = {1};
  query.threads = true;
  query.groups = {FileGroup::Fds, FileGroup::Link, FileGroup::CwdRootExe};
  const OpenFilesResult result = scan_open_files(query);
  REQUIRE(result.tasks().size() == 2);
  CHECK(result.stats().kcmp_calls == 0);  // not procfs: its pids are not live
  CHECK(result.stats().thread_listings == 1);
  const TaskFiles& thread = result.tasks()[1];
  CHECK(thread.tid == 2);
  CHECK(thread.tgid == 1);
  CHECK(thread.leader == 0);
  CHECK(thread.sections[static_cast<int>(FileSection::Fds)].sharing == Sharing::Unknown);
  const auto rows = result.rows(thread, FileSection::Fds);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].fd == 5);
  CHECK(result.name(result.rows(thread, FileSection::Fs)[0]) == "/tmp");
  CHECK(result.stats().reads_of(FileGroup::Target) == 0);
}

TEST_CASE("a proc root that cannot be opened is the one fatal error", "[files][tree]") {
  OpenFilesQuery query;
  query.proc_root = "/nonexistent/td-proc";
  query.groups = {FileGroup::Fds};
  CHECK_THROWS_AS(scan_open_files(query), FatalScanError);
}
