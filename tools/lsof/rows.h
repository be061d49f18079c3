// What tdlsof prints, as lsof 4.95 holds it before printing (lsof.h struct lproc, lfile):
// a row per open file, grouped by process or task, each cell already in lsof's terms.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tdlsof {

// What the NODE column holds (lsof's inp_ty): an inode, a protocol name, or nothing.
enum class NodeKind : std::uint8_t { None, Inode, Protocol };

// One item of a socket's TCP/TPI information (lsof's lts) for -T and the T field: the
// state ("ST", "LISTEN"), queue lengths ("QR", "QS"). Text mode shows them in parentheses
// after the name, the state bare and the others as KEY=VALUE; field mode as TKEY=VALUE.
struct TcpInfoItem {
  std::string key;
  std::string value;
};

// What kind of endpoint a file is for -E/+E (lsof's pipe, pty, UNIX socket, INET socket
// and eventfd endpoint tables) and the key its peers share.
enum class EndpointKind : std::uint8_t { None, Pipe, PtyMaster, PtySlave, Unix, Inet, EventFd };

struct FileRow {
  std::string fd;  // "cwd", "rtd", "txt", "mem", "DEL", "NOFD", or the number as "%4d"
  std::optional<int> fd_number;
  char access = ' ';                    // 'r', 'w', 'u' or ' '
  char lock = ' ';                      // 'r', 'R', 'w', 'W', 'u', 'U' or ' '
  std::string type;                     // "REG", "DIR", "CHR", "FIFO", "IPv4", "unix", "a_inode"...
  std::optional<std::uint64_t> device;  // DEVICE as major,minor (st_dev)
  std::optional<std::uint64_t> raw_device;  // for character and block devices (st_rdev)
  std::string device_text;                  // DEVICE as text (a socket's "0x..." or inode)
  std::optional<std::uint64_t> size;
  std::optional<std::uint64_t> offset;
  std::optional<long> link_count;
  NodeKind node = NodeKind::None;
  std::uint64_t inode = 0;
  std::string protocol;       // NODE when node == Protocol ("TCP", "UDP")
  std::string name;           // NAME before its additions
  std::string name_addition;  // lsof's nma: "(deleted)", "(stat: ...)", appended after a blank
  // TCP, UDP and unix sockets carry TCP/TPI information (lsof's lts.type >= 0): in text
  // mode the name then gets a blank and the items in parentheses, if any (so a UDP
  // socket's name ends with a blank unless -T q asks for its queues).
  bool has_tcp_info = false;
  std::vector<TcpInfoItem> tcp_info;        // what -T asked for, in lsof's order
  std::optional<std::uint32_t> open_flags;  // fdinfo flags, for +f g and the G field
  // -E/+E: pipe and socket inode, pty index (master: fdinfo's tty-index; slave: minor),
  // eventfd id.
  EndpointKind endpoint = EndpointKind::None;
  std::uint64_t endpoint_key = 0;
  bool selected = false;
};

struct ProcessRows {
  pid_t pid = 0;
  pid_t tid = 0;             // 0 for the process itself
  std::string command;       // the process's comm
  std::string task_command;  // the thread's comm, for task rows
  uid_t uid = 0;             // the owner of /proc/PID
  pid_t ppid = 0;
  pid_t pgid = 0;
  std::vector<FileRow> files;  // this task's own rows, empty when `shared_files` is set
  // A thread whose rows are its leader's row for row (the same tables, judged alike): the
  // leader's rows, held once for both (the leader's `files` is then empty too). Never set
  // with -E/+E, whose endpoints are written into each task's own rows.
  std::shared_ptr<const std::vector<FileRow>> shared_files;
  // What is printed: the shared rows or the own ones.
  const std::vector<FileRow>& rows() const { return shared_files ? *shared_files : files; }
};

}  // namespace tdlsof
