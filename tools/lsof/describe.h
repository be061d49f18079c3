// One open file in lsof's terms (dialects/linux dproc.c process_id, dnode.c
// process_proc_node, dsock.c process_proc_sock): from what was read about it (the link
// text, the link's own mode, the target's stat, fdinfo, the maps line) to the row lsof
// prints: FD, access, TYPE, DEVICE, SIZE/OFF, NODE, NAME, and the selection flags that
// depend on the file itself.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "options.h"
#include "rows.h"

namespace procscan {
class SocketTable;
}

namespace tdlsof {

// stat(2) as far as lsof uses it.
struct FileStat {
  std::uint64_t dev = 0;
  std::uint64_t ino = 0;
  std::uint32_t mode = 0;
  std::uint64_t size = 0;
  std::uint64_t nlink = 0;
  std::uint64_t rdev = 0;
};

// What a descriptor's fdinfo gave lsof (dproc.c get_fdinfo).
struct FdInfoSeen {
  std::optional<std::uint64_t> pos;
  std::optional<std::uint32_t> flags;
  std::optional<int> eventfd_id;
  std::optional<int> pidfd_pid;
  std::vector<int> epoll_fds;    // tfd: lines
  std::optional<int> tty_index;  // /dev/ptmx: the pty it opened
};

enum class RawSlot : std::uint8_t { Cwd, Root, Exe, Fd, Mapped, FdDirectory };

// One file as read. `errno` values are 0 when a step worked or was not taken.
struct RawFile {
  RawSlot slot = RawSlot::Fd;
  int fd = -1;
  std::string proc_path;            // "/proc/PID/cwd", "/proc/PID/fd/3": lsof's pbr
  std::optional<std::string> link;  // readlink; nullopt when it failed
  int link_errno = 0;
  std::optional<std::uint32_t> link_mode;  // lstat of the fd link
  std::uint64_t link_size = 0;             // and its st_size
  int link_mode_errno = 0;
  std::optional<FileStat> target;  // stat through the link
  int target_errno = 0;
  std::optional<FdInfoSeen> fdinfo;
  // Mapped files: the maps line's device, inode, path (" (deleted)" taken off) and
  // whether it said deleted; `target` is then stat(2) of the path.
  std::uint64_t map_dev = 0;
  std::uint64_t map_ino = 0;
  bool map_deleted = false;
  // FdDirectory: the fd directory could not be listed (lsof's NOFD row).
  int directory_errno = 0;
};

// What describing a file needs besides the file.
struct DescribeContext {
  explicit DescribeContext(const Options& o) : options(o) {}
  const Options& options;
  pid_t pid = 0;
  uid_t uid = 0;              // the process's, for txt's ENOENT rule
  bool sockets_only = false;  // lsof's Ckscko
  bool network_only = false;  // lsof's Selinet
  // The process had a cwd or descriptor on an exempt file system before this one (lsof's
  // efs, never reset within a process): a descriptor then shows its link's size as its
  // offset, and its fdinfo offset and flags go to the exempt row (the collector's part).
  bool after_exempt = false;
  const procscan::SocketTable* sockets = nullptr;
  // Which -i address entries matched a socket so far.
  std::vector<bool>* address_found = nullptr;
  // The lock /proc/locks holds for (pid, dev, inode): 'r', 'R', 'w', 'W', or ' '.
  std::function<char(std::uint64_t dev, std::uint64_t ino)> lock;
  // The xattr system.sockprotoname of a socket's fd link, or nullopt.
  std::function<std::optional<std::string>(const std::string& proc_path)> socket_protocol;
  // Name arguments: nullopt when the file (dev, inode, rdev, is a device) is none of them;
  // else the name it takes ("" to keep its own: a file system or device match).
  std::function<std::optional<std::string>(const FileRow&, bool device)> named;
  // A unix socket's bound path given as a name argument.
  std::function<bool(const std::string& path)> named_path;
  // A -s TCP state inclusion a socket matched.
  std::function<void(int state)> state_found;
  // Host and port names for addresses (-n, -P turn them off).
  std::function<std::string(const std::uint8_t* address, int family)> host_name;
  std::function<std::optional<std::string>(int port, bool udp)> port_name;
};

// Fills `row` (a fresh one, in place: a machine's listing has hundreds of thousands) and
// says whether lsof keeps the file: not when a step failed with warnings off, or when it
// is not a socket where only sockets count. `flags` are the selection flags this file adds
// (kSelLinks, kSelName, kSelUnix, kSelNetwork, kSelExcludedFile).
bool describe(const RawFile& raw, const DescribeContext& context, unsigned& flags, FileRow& row);

// The FD text for a descriptor number: "%4d", or "*NNN" past 9999.
std::string fd_text(int fd);

}  // namespace tdlsof
