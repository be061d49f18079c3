// The task_vma and task_file iterators against /proc for a child with known mappings (a
// file at an offset, anonymous memory, a deleted file, files on other mounts and in another
// mount namespace, an overlayfs file, memfd, SysV shm, a perf event, a packet ring, a deep
// path) and known descriptors (a file with a position, a pipe, a socket, a deleted file):
// every record is compared field by field with /proc/PID/maps, /proc/PID/fd and
// /proc/PID/fdinfo, the mappings also by a reader chrooted into the child's directory.
// Needs root and BPF; without them it skips (77), or fails when CI is set.
#define CATCH_CONFIG_RUNNER
#include <fcntl.h>
#include <linux/if_packet.h>
#include <linux/perf_event.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "bpf/iter_transport.h"
#include "taskdiag/side_dumps.h"

namespace {

using procscan::taskdiag::Mapping;
using procscan::taskdiag::OpenFile;

std::unique_ptr<procscan::bpf::IterTransport> g_transport;
pid_t g_child = 0;
std::string g_dir;
// A file on /dev/shm (tmpfs, another mount than g_dir's), named after g_dir.
std::string g_shm_file;
// A path of kDeepLevels directories under g_dir ending in a NAME_MAX-long file name: far
// more steps of the BPF program's path walk than usual, still within its bound.
constexpr int kDeepLevels = 40;
std::string deep_path() {
  std::string path;
  for (int i = 0; i < kDeepLevels; ++i)
    path += "/d";
  return path + "/" + std::string(255, 'n');
}

struct Fds {
  int file, pipe_read, socket, deleted;
};
constexpr Fds kChildFds{20, 21, 22, 23};

// The child: maps and opens what the tests look for, says so on `ready`, then waits.
[[noreturn]] void child_main(int ready, const std::string& dir) {
  const std::string mapped = dir + "/mapped", gone = dir + "/gone", opened = dir + "/opened",
                    gone_fd = dir + "/gone-fd";
  auto make = [](const std::string& path, std::size_t size) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0 || ::ftruncate(fd, static_cast<off_t>(size)) != 0) std::_Exit(2);
    return fd;
  };
  const long page = ::sysconf(_SC_PAGESIZE);
  int fd = make(mapped, 4 * page);
  if (::mmap(nullptr, 2 * page, PROT_READ, MAP_SHARED, fd, page) == MAP_FAILED) std::_Exit(2);
  ::close(fd);
  fd = make(gone, 2 * page);
  if (::mmap(nullptr, page, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd, 0) == MAP_FAILED) std::_Exit(2);
  ::close(fd);
  ::unlink(gone.c_str());
  if (::mmap(nullptr, 3 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) ==
      MAP_FAILED)
    std::_Exit(2);
  auto map_file = [&](const std::string& path, int prot) {
    const int file = ::open(path.c_str(), prot & PROT_WRITE ? O_RDWR : O_RDONLY);
    if (file < 0 || ::mmap(nullptr, page, prot, MAP_SHARED, file, 0) == MAP_FAILED) std::_Exit(3);
    ::close(file);
  };
  // A file on another mount (/dev/shm, a tmpfs), and one a deep path away.
  ::close(make(g_shm_file, page));
  map_file(g_shm_file, PROT_READ | PROT_WRITE);
  std::string deep = dir;
  for (int i = 0; i < kDeepLevels; ++i)
    if (::mkdir((deep += "/d").c_str(), 0700) != 0) std::_Exit(3);
  ::close(make(dir + deep_path(), page));
  map_file(dir + deep_path(), PROT_READ);
  // Files of internal mounts, which d_path names "/NAME (deleted)".
  fd = static_cast<int>(::syscall(SYS_memfd_create, "td-side-dumps", 0));
  if (fd < 0 || ::ftruncate(fd, page) != 0 ||
      ::mmap(nullptr, page, PROT_READ, MAP_SHARED, fd, 0) == MAP_FAILED)
    std::_Exit(4);
  ::close(fd);
  const int shm = ::shmget(IPC_PRIVATE, page, IPC_CREAT | 0600);
  if (shm < 0 || ::shmat(shm, nullptr, SHM_RDONLY) == reinterpret_cast<void*>(-1)) std::_Exit(5);
  ::shmctl(shm, IPC_RMID, nullptr);
  // Pseudo files whose names come from their filesystem's d_dname(): an anonymous inode
  // (a perf event's ring) and a socket (a packet socket's ring).
  perf_event_attr attr{};
  attr.size = sizeof attr;
  attr.type = PERF_TYPE_SOFTWARE;
  attr.config = PERF_COUNT_SW_DUMMY;
  attr.disabled = 1;
  fd = static_cast<int>(::syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0));
  if (fd < 0 || ::mmap(nullptr, 2 * page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) == MAP_FAILED)
    std::_Exit(6);
  ::close(fd);
  fd = ::socket(AF_PACKET, SOCK_RAW, 0);
  tpacket_req ring{static_cast<unsigned>(page), 1, static_cast<unsigned>(page / 2), 2};
  if (fd < 0 || ::setsockopt(fd, SOL_PACKET, PACKET_RX_RING, &ring, sizeof ring) != 0 ||
      ::mmap(nullptr, page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) == MAP_FAILED)
    std::_Exit(7);
  ::close(fd);

  fd = make(opened, 100);
  ::close(fd);
  fd = ::open(opened.c_str(), O_RDWR | O_APPEND);
  ::lseek(fd, 7, SEEK_SET);
  ::dup2(fd, kChildFds.file);
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_NONBLOCK) != 0) std::_Exit(2);
  ::dup2(pipe_fds[0], kChildFds.pipe_read);
  int sockets[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM, 0, sockets) != 0) std::_Exit(2);
  ::dup2(sockets[0], kChildFds.socket);
  fd = make(gone_fd, 10);
  ::dup2(fd, kChildFds.deleted);
  ::unlink(gone_fd.c_str());
  // Last, so that the descriptors above stay on the reader's mounts: a mount namespace of
  // the child's own, whose mounts the reader's root does not reach, with a tmpfs and an
  // overlayfs (whose mappings are backing files that /proc names by the overlay's path).
  const std::string lower = dir + "/lower", upper = dir + "/upper", work = dir + "/work",
                    merged = dir + "/merged", tmpfs = dir + "/tmpfs";
  for (const std::string& d : {lower, upper, work, merged, tmpfs})
    if (::mkdir(d.c_str(), 0700) != 0) std::_Exit(8);
  ::close(make(lower + "/layered", page));
  const std::string layers = "lowerdir=" + lower + ",upperdir=" + upper + ",workdir=" + work;
  if (::unshare(CLONE_NEWNS) != 0 ||
      ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0 ||
      ::mount("tmpfs", tmpfs.c_str(), "tmpfs", 0, "size=1m") != 0 ||
      ::mount("overlay", merged.c_str(), "overlay", 0, layers.c_str()) != 0)
    std::_Exit(8);
  ::close(make(tmpfs + "/private", page));
  map_file(tmpfs + "/private", PROT_READ);
  map_file(merged + "/layered", PROT_READ);
  if (::write(ready, "x", 1) != 1) std::_Exit(2);
  for (;;)
    ::pause();
}

std::string maps_perms(std::uint64_t flags) {
  std::string perms = "----";
  if (flags & (1u << 0)) perms[0] = 'r';
  if (flags & (1u << 1)) perms[1] = 'w';
  if (flags & (1u << 2)) perms[2] = 'x';
  perms[3] = (flags & (1u << 7)) ? 's' : 'p';  // TASK_DIAG_VMA_F_MAYSHARE
  return perms;
}

// One /proc/PID/maps line as our records would print it.
std::string maps_line(const Mapping& m) {
  char head[160];
  std::snprintf(head, sizeof head, "%08llx-%08llx %s %08llx %02x:%02x %llu",
                static_cast<unsigned long long>(m.header.start),
                static_cast<unsigned long long>(m.header.end),
                maps_perms(m.header.vm_flags).c_str(),
                static_cast<unsigned long long>(m.header.pgoff), m.header.major, m.header.minor,
                static_cast<unsigned long long>(m.header.inode));
  return m.name.empty() ? std::string(head) : std::string(head) + " " + m.name;
}

// /proc's line with the padding between inode and name collapsed to one space.
std::string normalise(const std::string& line) {
  std::istringstream in(line);
  std::string range, perms, offset, dev, inode;
  in >> range >> perms >> offset >> dev >> inode;
  std::string name;
  std::getline(in >> std::ws, name);
  std::string out = range + " " + perms + " " + offset + " " + dev + " " + inode;
  return name.empty() ? out : out + " " + name;
}

std::vector<std::string> lines_of(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

std::map<std::string, std::string> fdinfo(pid_t pid, int fd) {
  std::map<std::string, std::string> fields;
  for (const std::string& line :
       lines_of("/proc/" + std::to_string(pid) + "/fdinfo/" + std::to_string(fd))) {
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(" \t"));
    fields[line.substr(0, colon)] = value;
  }
  return fields;
}

}  // namespace

// Our lines against /proc's, each on its own first, so that a mismatch names its mapping.
void compare_maps(const std::vector<std::string>& ours, std::vector<std::string> theirs) {
  for (std::size_t i = 0; i < std::min(ours.size(), theirs.size()); ++i) {
    INFO("mapping " << i);
    CHECK(ours[i] == theirs[i]);
  }
  // The one mapping the iterator cannot show: x86's gate VMA, outside the mm's tree, which
  // /proc appends last (README: known gaps).
  if (theirs.size() == ours.size() + 1 && theirs.back().ends_with(" [vsyscall]")) theirs.pop_back();
  CHECK(ours.size() == theirs.size());
}

std::vector<std::string> our_lines(const std::vector<Mapping>& mappings) {
  std::vector<std::string> lines;
  for (const Mapping& m : mappings)
    lines.push_back(maps_line(m));
  return lines;
}

std::vector<std::string> normalised(const std::vector<std::string>& lines) {
  std::vector<std::string> out;
  for (const std::string& line : lines)
    out.push_back(normalise(line));
  return out;
}

// How many lines end in " " + name.
long named(const std::vector<std::string>& lines, const std::string& name) {
  const std::string tail = " " + name;
  return std::count_if(lines.begin(), lines.end(),
                       [&](const std::string& line) { return line.ends_with(tail); });
}

TEST_CASE("task_vma: every mapping matches /proc/PID/maps") {
  std::string why;
  const auto mappings = procscan::taskdiag::read_mappings(*g_transport, g_child, why);
  INFO(why);
  REQUIRE(mappings.has_value());
  const std::vector<std::string> ours = our_lines(*mappings);
  const std::vector<std::string> theirs =
      normalised(lines_of("/proc/" + std::to_string(g_child) + "/maps"));
  compare_maps(ours, theirs);
  // The mappings the child made are among them, named as /proc names them.
  CHECK(named(ours, g_dir + "/mapped") == 1);
  CHECK(named(ours, g_dir + "/gone (deleted)") == 1);
  CHECK(named(ours, g_shm_file) == 1);
  CHECK(named(ours, g_dir + deep_path()) == 1);
  CHECK(named(ours, "/memfd:td-side-dumps (deleted)") == 1);
  CHECK(named(ours, "/SYSV00000000 (deleted)") == 1);
  CHECK(named(ours, "anon_inode:[perf_event]") == 1);
  CHECK(std::count_if(ours.begin(), ours.end(), [](const std::string& line) {
          return line.find(" socket:[") != std::string::npos;
        }) == 1);
  CHECK(named(ours, g_dir + "/tmpfs/private") == 1);
  CHECK(named(ours, g_dir + "/merged/layered") == 1);
  // Names only get_vma_name() gives, flagged as our extension's pseudo-names.
  CHECK(named(ours, "[stack]") == 1);
  CHECK(named(ours, "[vdso]") == 1);
  for (const Mapping& m : *mappings) {
    INFO(m.name);
    CHECK(((m.header.vm_flags & TASK_DIAG_VMA_F_PSEUDO_NAME) != 0) == m.name.starts_with("["));
  }
}

// d_path() names a file relative to the reader's root: a reader chrooted into g_dir sees the
// child's files there as "/mapped", and the others by their paths from the top of their
// mount tree.
TEST_CASE("task_vma: names are relative to the reader's root, as in /proc/PID/maps") {
  std::string why;
  // Loads the program while /sys and /proc are in reach (libbpf reads the kernel's BTF and
  // kallsyms).
  REQUIRE(procscan::taskdiag::read_mappings(*g_transport, g_child, why).has_value());
  int out[2];
  REQUIRE(::pipe(out) == 0);
  const pid_t reader = ::fork();
  REQUIRE(reader >= 0);
  if (reader == 0) {
    ::close(out[0]);
    // Opened outside, read inside: /proc prints the maps at read time, for the reader's root.
    const int maps = ::open(("/proc/" + std::to_string(g_child) + "/maps").c_str(), O_RDONLY);
    if (maps < 0 || ::chroot(g_dir.c_str()) != 0 || ::chdir("/") != 0) std::_Exit(2);
    const auto mappings = procscan::taskdiag::read_mappings(*g_transport, g_child, why);
    if (!mappings) std::_Exit(3);
    std::string text;
    for (const std::string& line : our_lines(*mappings))
      text += line + "\n";
    text += "\n";
    char buffer[65536];
    for (ssize_t n; (n = ::read(maps, buffer, sizeof buffer)) > 0;)
      text.append(buffer, static_cast<std::size_t>(n));
    for (std::size_t at = 0; at < text.size();) {
      const ssize_t n = ::write(out[1], text.data() + at, text.size() - at);
      if (n <= 0) std::_Exit(4);
      at += static_cast<std::size_t>(n);
    }
    std::_Exit(0);
  }
  ::close(out[1]);
  std::string text;
  char buffer[65536];
  for (ssize_t n; (n = ::read(out[0], buffer, sizeof buffer)) > 0;)
    text.append(buffer, static_cast<std::size_t>(n));
  ::close(out[0]);
  int status = 0;
  REQUIRE(::waitpid(reader, &status, 0) == reader);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  std::vector<std::string> ours, theirs;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line) && !line.empty();)
    ours.push_back(line);
  for (std::string line; std::getline(in, line);)
    theirs.push_back(normalise(line));
  compare_maps(ours, theirs);
  CHECK(named(ours, "/mapped") == 1);
  CHECK(named(ours, "/gone (deleted)") == 1);
  CHECK(named(ours, deep_path()) == 1);
  CHECK(named(ours, g_shm_file) == 1);
  CHECK(named(ours, g_dir + "/tmpfs/private") == 1);
}

TEST_CASE("task_file: every descriptor matches /proc/PID/fd and fdinfo") {
  std::string why;
  const auto files = procscan::taskdiag::read_open_files(*g_transport, g_child, why);
  INFO(why);
  REQUIRE(files.has_value());
  const std::string fd_dir = "/proc/" + std::to_string(g_child) + "/fd";
  std::size_t in_proc = 0;
  for (const auto& entry : std::filesystem::directory_iterator(fd_dir)) {
    (void)entry;
    ++in_proc;
  }
  CHECK(files->size() == in_proc);
  std::map<int, const OpenFile*> by_fd;
  for (const OpenFile& f : *files)
    by_fd[static_cast<int>(f.header.fd)] = &f;
  for (int fd : {kChildFds.file, kChildFds.pipe_read, kChildFds.socket, kChildFds.deleted})
    CHECK(by_fd.count(fd) == 1);
  for (const OpenFile& f : *files) {
    const int fd = static_cast<int>(f.header.fd);
    INFO("fd " << fd);
    const std::string link = std::filesystem::read_symlink(fd_dir + "/" + std::to_string(fd));
    CHECK(f.name == link);
    const auto info = fdinfo(g_child, fd);
    CHECK(std::to_string(f.header.pos) == info.at("pos"));
    char flags[16];
    std::snprintf(flags, sizeof flags, "0%o", f.header.flags);
    CHECK(flags == info.at("flags"));
    CHECK(std::to_string(f.header.mnt_id) == info.at("mnt_id"));
    CHECK(std::to_string(f.header.inode) == info.at("ino"));
    struct stat st;
    REQUIRE(::stat((fd_dir + "/" + std::to_string(fd)).c_str(), &st) == 0);
    CHECK(f.header.inode == st.st_ino);
    CHECK(f.header.mode == st.st_mode);
    CHECK(f.header.dev == st.st_dev);
    CHECK(f.header.rdev == st.st_rdev);
    // The tail and f_mode: what stat adds, and the r/w bits lstat of the link shows.
    REQUIRE(f.stat);
    CHECK(f.stat->size == static_cast<std::uint64_t>(st.st_size));
    CHECK(f.stat->nlink == st.st_nlink);
    struct stat link_st;
    REQUIRE(::lstat((fd_dir + "/" + std::to_string(fd)).c_str(), &link_st) == 0);
    CHECK(((f.header.f_mode & 1) != 0) == ((link_st.st_mode & S_IRUSR) != 0));
    CHECK(((f.header.f_mode & 2) != 0) == ((link_st.st_mode & S_IWUSR) != 0));
  }
  REQUIRE(by_fd.count(kChildFds.file) == 1);
  CHECK(by_fd[kChildFds.file]->header.pos == 7);
  CHECK(by_fd[kChildFds.file]->name == g_dir + "/opened");
  CHECK(by_fd[kChildFds.deleted]->name == g_dir + "/gone-fd (deleted)");
  CHECK(by_fd[kChildFds.pipe_read]->name.starts_with("pipe:["));
  CHECK(by_fd[kChildFds.socket]->name.starts_with("socket:["));
  CHECK(S_ISFIFO(by_fd[kChildFds.pipe_read]->header.mode));
  CHECK(S_ISSOCK(by_fd[kChildFds.socket]->header.mode));
}

TEST_CASE("a pid that does not exist is an error, not an empty list") {
  std::string why;
  CHECK_FALSE(procscan::taskdiag::read_mappings(*g_transport, 0x3ffffff, why).has_value());
}

namespace {
bool in_ci() {
  const char* ci = std::getenv("CI");
  return ci && *ci && std::strcmp(ci, "false") != 0 && std::strcmp(ci, "0") != 0;
}
int skip(const std::string& why) {
  std::printf("%s: %s\n", in_ci() ? "FAILED" : "SKIPPED", why.c_str());
  return in_ci() ? 1 : 77;
}
}  // namespace

int main(int argc, char** argv) {
  if (::geteuid() != 0) return skip("needs root to load BPF iterators");
  std::string why;
  g_transport = procscan::bpf::IterTransport::load(why);
  if (!g_transport) return skip(why);
  char dir[] = "/tmp/td-side-dumps.XXXXXX";
  if (!::mkdtemp(dir)) return 1;
  g_dir = dir;
  g_shm_file = "/dev/shm/" + std::filesystem::path(g_dir).filename().string();
  int ready[2];
  if (::pipe(ready) != 0) return 1;
  g_child = ::fork();
  if (g_child == 0) {
    ::close(ready[0]);
    child_main(ready[1], g_dir);
  }
  ::close(ready[1]);
  char byte;
  const bool started = ::read(ready[0], &byte, 1) == 1;
  int result = 1;
  if (started) result = Catch::Session().run(argc, argv);
  ::kill(g_child, SIGKILL);
  int status = 0;
  ::waitpid(g_child, &status, 0);
  if (!started)
    std::printf("the child could not set itself up (exit status %d)\n",
                WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  // The child's mount namespace, with the overlay over g_dir's layers, went with it.
  std::filesystem::remove_all(g_dir);
  ::unlink(g_shm_file.c_str());
  g_transport.reset();
  return result;
}
