#include "describe.h"

#include <arpa/inet.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>

#include "procscan/names.h"
#include "procscan/sockets.h"
#include "selection.h"
#include "tcp_states.h"

namespace tdlsof {

namespace {

using procscan::Socket;
using procscan::SocketKind;

// What process_proc_node knows of a stat: which parts are there (lsof's SB_* flags).
struct Seen {
  const FileStat* stat = nullptr;  // nullptr: none
  // A stat lsof made up from a maps line: device, inode and type only (no size, no links).
  bool partial = false;
  std::optional<std::uint32_t> link_mode;
  std::optional<std::uint64_t> position;  // the fdinfo pos lsof puts in the lstat size
};

// How many tfd: lines of an epoll descriptor's fdinfo lsof keeps (dlsof.h EPOLL_MAX_TFDS).
constexpr std::size_t kEpollMaxFds = 32;

// Socket types (dsock.c sockty2str); nullptr for an unknown one.
const char* socket_type_name(unsigned type) {
  switch (type) {
    case SOCK_STREAM:
      return "STREAM";
    case SOCK_DGRAM:
      return "DGRAM";
    case SOCK_RAW:
      return "RAW";
    case SOCK_RDM:
      return "RDM";
    case SOCK_SEQPACKET:
      return "SEQPACKET";
    case SOCK_DCCP:
      return "DCCP";
    case SOCK_PACKET:
      return "PACKET";
    default:
      return nullptr;
  }
}

// unix socket states (dsock.c sockss2str).
const char* unix_state_name(unsigned state) {
  switch (state) {
    case 1:
      return "UNCONNECTED";
    case 2:
      return "CONNECTING";
    case 3:
      return "CONNECTED";
    case 4:
      return "DISCONNECTING";
    default:
      return "UNKNOWN";
  }
}

// Netlink protocols (dsock.c nlproto2str).
const char* netlink_protocol_name(unsigned protocol) {
  static constexpr std::array<const char*, 21> kNames{
      "ROUTE",   "UNUSED",         "USERSOCK", "FIREWALL",   "INET_DIAG",     "NFLOG",     "XFRM",
      "SELINUX", "ISCSI",          "AUDIT",    "FIB_LOOKUP", "CONNECTOR",     "NETFILTER", "IP6_FW",
      "DNRTMSG", "KOBJECT_UEVENT", "GENERIC",  nullptr,      "SCSITRANSPORT", "ECRYPTFS",  "RDMA"};
  if (protocol < kNames.size()) return kNames[protocol];
  if (protocol == 21) return "CRYPTO";
  if (protocol == 22) return "SMC";
  return nullptr;
}

// Ethernet protocols of packet sockets (dsock.c process_proc_sock's switch).
struct EtherName {
  unsigned protocol;
  const char* name;
};
constexpr EtherName kEtherNames[] = {
    {0x0060, "LOOP"},    {0x0200, "PUP"},     {0x0201, "PUPAT"},   {0x0800, "IP"},
    {0x0805, "X25"},     {0x0806, "ARP"},     {0x08FF, "BPQ"},     {0x0a00, "I3EPUP"},
    {0x0a01, "I3EPUPA"}, {0x6000, "DEC"},     {0x6001, "DNA_DL"},  {0x6002, "DNA_RC"},
    {0x6003, "DNA_RT"},  {0x6004, "LAT"},     {0x6005, "DIAG"},    {0x6006, "CUST"},
    {0x6007, "SCA"},     {0x8035, "RARP"},    {0x809B, "ATALK"},   {0x80F3, "AARP"},
    {0x8100, "8021Q"},   {0x8137, "IPX"},     {0x86DD, "IPV6"},    {0x8809, "SLOW"},
    {0x883E, "WCCP"},    {0x8863, "PPP_DIS"}, {0x8864, "PPP_SES"}, {0x8847, "MPLS_UC"},
    {0x884c, "ATMMPOA"}, {0x8848, "MPLS_MC"}, {0x8884, "ATMFATE"}, {0x88A2, "AOE"},
    {0x88CA, "TIPC"},    {0x0001, "802.3"},   {0x0002, "AX25"},    {0x0003, "ALL"},
    {0x0004, "802.2"},   {0x0005, "SNAP"},    {0x0006, "DDCMP"},   {0x0007, "WAN_PPP"},
    {0x0008, "PPP MP"},  {0x0009, "LCLTALK"}, {0x0010, "PPPTALK"}, {0x0011, "802.2"},
    {0x0015, "MOBITEX"}, {0x0016, "CONTROL"}, {0x0017, "IRDA"},    {0x0018, "ECONET"},
    {0x0019, "HDLC"},    {0x001A, "ARCNET"},
};

std::string packet_protocol_name(unsigned protocol) {
  for (const auto& e : kEtherNames)
    if (e.protocol == protocol) return e.name;
  return std::to_string(protocol);
}

std::string errno_text(int err) {
  return std::strerror(err);
}

// The link text up to its first ':' unless it is a path (dproc.c getlinksrc); `rest` gets
// what follows the colon.
std::string link_source(const std::string& link, std::string* rest) {
  if (rest) rest->clear();
  if (!link.empty() && link[0] == '/') return link;
  const std::size_t colon = link.find(':');
  if (colon == std::string::npos) return link;
  if (rest) *rest = link.substr(colon + 1);
  return link.substr(0, colon);
}

bool address_is_any(const Socket& s, const std::array<std::uint8_t, 16>& address) {
  for (unsigned i = 0; i < s.address_length; ++i)
    if (address[i]) return false;
  return true;
}

// One end of an inet socket as lsof prints it (print.c printinaddr): host, then ":port",
// "*" for the any address and for port 0.
std::string endpoint_text(const Socket& s, const std::uint8_t* address, int family,
                          bool any_address, std::uint16_t port, const std::string& protocol,
                          const DescribeContext& context) {
  std::string host = any_address ? "*" : context.host_name(address, family);
  std::string text = host;
  if (port > 0) {
    std::optional<std::string> name;
    if (context.options.port_names && (protocol == "TCP" || protocol == "UDP")) {
      name = context.port_name(port, protocol == "UDP");
    }
    text += ":" + (name ? *name : std::to_string(port));
  } else {
    text += ":*";
  }
  (void)s;
  return text;
}

void tcp_info_items(FileRow& row, const Socket& s, bool tcp, const Options& options) {
  row.has_tcp_info = true;
  if ((options.tcp_info & 1) && tcp) {
    row.tcp_info.push_back({"ST", s.state < kTcpStates.size()
                                      ? kTcpStates[s.state]
                                      : "UNKNOWN_TCP_STATE_" + std::to_string(s.state)});
  }
  if (options.tcp_info & 2) {
    row.tcp_info.push_back({"QR", std::to_string(s.rx_queue)});
    row.tcp_info.push_back({"QS", std::to_string(s.tx_queue)});
  }
}

const char* inet_protocol(SocketKind kind) {
  switch (kind) {
    case SocketKind::Tcp4:
    case SocketKind::Tcp6:
      return "TCP";
    case SocketKind::Udp4:
    case SocketKind::Udp6:
      return "UDP";
    case SocketKind::UdpLite4:
    case SocketKind::UdpLite6:
      return "UDPLITE";
    default:
      return "";
  }
}

bool is_v6(SocketKind kind) {
  return kind == SocketKind::Tcp6 || kind == SocketKind::Udp6 || kind == SocketKind::UdpLite6;
}

// A socket descriptor (dsock.c process_proc_sock).
void describe_socket(const RawFile& raw, const Seen& seen, const DescribeContext& context,
                     FileRow& row, unsigned& flags) {
  const Options& options = context.options;
  if ((options.offsets || !options.sizes) && seen.position) row.offset = *seen.position;
  const Socket* s = nullptr;
  if (seen.stat && context.sockets) s = context.sockets->find(seen.stat->ino);
  const std::uint64_t ino = seen.stat ? seen.stat->ino : 0;
  // -X takes TCP, UDP, UDP-lite and raw6 out of the lookup.
  if (s && options.skip_tcp_udp &&
      (s->kind == SocketKind::Raw6 || std::strlen(inet_protocol(s->kind)) > 0)) {
    s = nullptr;
  }
  if (s) {
    switch (s->kind) {
      case SocketKind::Raw4:
      case SocketKind::Raw6:
      case SocketKind::Icmp4:
      case SocketKind::Icmp6: {
        const bool raw_kind = s->kind == SocketKind::Raw4 || s->kind == SocketKind::Raw6;
        row.type = s->kind == SocketKind::Raw4   ? "raw"
                   : s->kind == SocketKind::Raw6 ? "raw6"
                                                 : "icmp";
        row.node = NodeKind::Inode;
        row.inode = ino;
        std::string name = procscan::proc_net_address_text(*s, false) + "->" +
                           procscan::proc_net_address_text(*s, true);
        if (raw_kind) {
          char st[8];
          std::snprintf(st, sizeof st, "%02X", s->state);
          name += std::string(" st=") + st;
        }
        row.name = name;
        return;
      }
      case SocketKind::Netlink: {
        row.type = "netlink";
        const char* protocol = netlink_protocol_name(s->protocol);
        row.name = protocol ? protocol : "unknown protocol: " + std::to_string(s->protocol);
        row.node = NodeKind::Inode;
        row.inode = ino;
        return;
      }
      case SocketKind::Packet: {
        row.type = "pack";
        const char* type = socket_type_name(s->type);
        row.name = std::string("type=") + (type ? "SOCK_" : "") + (type ? type : "unknown");
        row.node = NodeKind::Protocol;
        row.protocol = packet_protocol_name(s->protocol).substr(0, 9);
        row.device_text = std::to_string(ino);
        return;
      }
      case SocketKind::Unix: {
        if (options.unix_sockets) flags |= kSelUnix;
        row.type = "unix";
        if (s->kernel_address_known) {
          char buf[32];
          std::snprintf(buf, sizeof buf, "0x%016llx",
                        static_cast<unsigned long long>(s->kernel_address));
          row.device_text = buf;
        }
        row.node = NodeKind::Inode;
        row.inode = ino;
        const char* type = socket_type_name(s->type);
        std::string path(context.sockets->path(*s));
        // /proc/net/unix's path as lsof splits it: '@' for an abstract name's NULs, and
        // only its first word.
        for (char& c : path)
          if (c == '\0') c = '@';
        path = path.substr(0, path.find_first_of(" \t:"));
        row.name = (path.empty() ? "" : path + " ") + "type=" + (type ? type : "unknown");
        if (context.named_path && context.named_path(path)) flags |= kSelName;
        row.has_tcp_info = true;
        if (options.tcp_info & 1) {
          row.tcp_info.push_back(
              {"ST", s->listening ? "LISTEN" : unix_state_name(s->socket_state)});
        }
        return;
      }
      default:
        break;
    }
    // TCP, UDP, UDP-lite over IPv4 or IPv6. -s TCP:... applies to all three (lsof checks
    // the state number of every socket of its tcp/udp tables).
    const auto& in = options.tcp_states_in;
    const auto& out = options.tcp_states_out;
    if (std::find(out.begin(), out.end(), s->state) != out.end()) {
      flags |= kSelExcludedFile;
      return;
    }
    if (!in.empty()) {
      if (std::find(in.begin(), in.end(), s->state) == in.end()) {
        flags |= kSelExcludedFile;
        return;
      }
      if (context.state_found) context.state_found(s->state);
    }
    const bool v6 = is_v6(s->kind);
    if (options.inet.network && options.inet.network_family != (v6 ? 4 : 6)) flags |= kSelNetwork;
    row.type = v6 ? "IPv6" : "IPv4";
    row.node = NodeKind::Protocol;
    row.protocol = inet_protocol(s->kind);
    row.device_text = std::to_string(ino);
    row.inode = ino;
    int family = v6 ? AF_INET6 : AF_INET;
    const bool local_shown = !address_is_any(*s, s->local) || s->local_port;
    const bool remote_shown = !address_is_any(*s, s->remote) || s->remote_port;
    const std::uint8_t* local = s->local.data();
    const std::uint8_t* remote = s->remote.data();
    if (v6 && s->is_v4_mapped()) {
      family = AF_INET;
      local += 12;
      remote += 12;
    }
    auto any = [&](const std::uint8_t* a) {
      const int n = family == AF_INET6 ? 16 : 4;
      for (int i = 0; i < n; ++i)
        if (a[i]) return false;
      return true;
    };
    std::string name;
    if (local_shown) {
      name += endpoint_text(*s, local, family, any(local), s->local_port, row.protocol, context);
    }
    if (remote_shown) {
      name += "->" +
              endpoint_text(*s, remote, family, any(remote), s->remote_port, row.protocol, context);
    }
    row.name = name;
    if (!options.inet.entries.empty() && context.address_found) {
      const int port_family = family;
      bool match = remote_shown && options.inet.matches(remote, s->remote_port, port_family,
                                                        row.protocol, *context.address_found);
      match = (local_shown && options.inet.matches(local, s->local_port, port_family, row.protocol,
                                                   *context.address_found)) ||
              match;
      if (match) flags |= kSelAddress;
    }
    tcp_info_items(row, *s, row.protocol == "TCP", options);
    return;
  }
  row.type = "sock";
  if (seen.stat) {
    row.node = NodeKind::Inode;
    row.inode = seen.stat->ino;
    row.device = seen.stat->dev;
  }
  if (options.skip_tcp_udp) {
    row.name = "can't identify protocol (-X specified)";
  } else if (auto protocol = context.socket_protocol(raw.proc_path)) {
    row.name = "protocol: " + *protocol;
  } else {
    row.name = "can't identify protocol";
  }
}

// dnode.c process_proc_node: `p` is the link text (or the path when readlink failed).
// False when lsof leaves the file out here (network selections only, not a socket).
bool describe_node(const std::string& p, const RawFile& raw, const Seen& seen,
                   const DescribeContext& context, FileRow& row, unsigned& flags) {
  const Options& options = context.options;
  if (seen.link_mode && S_ISLNK(*seen.link_mode)) {
    const std::uint32_t access = *seen.link_mode & (S_IRUSR | S_IWUSR);
    row.access = access == S_IRUSR ? 'r' : access == S_IWUSR ? 'w' : 'u';
  }
  enum class Kind { Regular, Block, Char, Fifo, Anon } kind = Kind::Regular;
  std::uint32_t type = 0;
  if (seen.stat) {
    type = seen.stat->mode & S_IFMT;
    switch (type) {
      case S_IFBLK:
        kind = Kind::Block;
        break;
      case S_IFCHR:
        kind = Kind::Char;
        break;
      case S_IFIFO:
        kind = Kind::Fifo;
        break;
      case S_IFSOCK:
        describe_socket(raw, seen, context, row, flags);
        return true;
      case 0:
        if (p == "anon_inode") kind = Kind::Anon;
        break;
      default:
        break;
    }
  }
  if (context.network_only) return false;
  if (seen.stat) row.device = seen.stat->dev;
  if ((kind == Kind::Char || kind == Kind::Block) && seen.stat) row.raw_device = seen.stat->rdev;
  if (seen.stat) {
    row.node = NodeKind::Inode;
    row.inode = seen.stat->ino;
  }
  if (row.device && row.node == NodeKind::Inode && context.lock) {
    row.lock = context.lock(*row.device, row.inode);
  }
  switch (kind) {
    case Kind::Block:
    case Kind::Char:
    case Kind::Fifo:
      if (!options.sizes && seen.position) row.offset = *seen.position;
      break;
    default:
      if (options.offsets) {
        if (seen.position) row.offset = *seen.position;
      } else if (seen.stat && !seen.partial) {
        row.size = seen.stat->size;
      }
      break;
  }
  if (options.link_counts && seen.stat && !seen.partial) {
    row.link_count = static_cast<long>(seen.stat->nlink);
    if (options.nlink_below && *row.link_count < options.nlink_below) flags |= kSelLinks;
  }
  if (seen.stat) {
    switch (type) {
      case S_IFBLK:
        row.type = "BLK";
        break;
      case S_IFCHR:
        row.type = "CHR";
        break;
      case S_IFDIR:
        row.type = "DIR";
        break;
      case S_IFIFO:
        row.type = "FIFO";
        break;
      case S_IFREG:
        row.type = "REG";
        break;
      case S_IFLNK:
        row.type = "LINK";
        break;
      default:
        if (kind == Kind::Anon) {
          row.type = "a_inode";
        } else {
          char buf[8];
          std::snprintf(buf, sizeof buf, "%04o", (type >> 12) & 0xf);
          row.type = buf;
        }
    }
  } else {
    row.type = "unknown";
  }
  if (context.named) {
    if (auto name = context.named(row, kind == Kind::Char || kind == Kind::Block)) {
      flags |= kSelName;
      // A file found by device and inode takes the name it was asked for by.
      if (!name->empty()) row.name = *name;
    }
  }
  if (row.name.empty()) row.name = p;
  return true;
}

// An epoll descriptor's name with the descriptors it watches (dproc.c snp_eventpoll):
// sorted, and "..." when lsof's limit of tfd lines was reached.
std::string eventpoll_text(std::vector<int> fds) {
  std::sort(fds.begin(), fds.end());
  std::string out = "[eventpoll:";
  for (std::size_t i = 0; i < fds.size(); ++i) {
    if (i) out += ",";
    out += std::to_string(fds[i]);
  }
  return out + (fds.size() >= kEpollMaxFds ? "...]" : "]");
}

}  // namespace

std::string fd_text(int fd) {
  char buf[16];
  if (fd < 10000) {
    std::snprintf(buf, sizeof buf, "%4d", fd);
  } else {
    std::snprintf(buf, sizeof buf, "*%03d", fd % 1000);
  }
  return buf;
}

namespace {

// -e/+e (dproc.c isefsys): the newest exemption whose path begins `path`, byte for byte.
const Options::Exempt* exemption_of(const Options& options, std::string_view path) {
  for (const auto& e : options.exempt)
    if (path.starts_with(e.path)) return &e;
  return nullptr;
}

// A file lsof did not stat for an exemption: its type says what it is ("UNKNfd",
// "UNKNcwd", "UNKNmem"...), the name is the link text or maps path, and a note names the
// exemption.
void describe_exempt(const Options::Exempt& e, const std::string& type, const std::string& name,
                     FileRow& row) {
  row.type = type;
  row.name = name;
  if (!row.name_addition.empty()) row.name_addition += ' ';
  row.name_addition += std::string("(") + (e.plus ? '+' : '-') + "e " + e.path + ")";
}

}  // namespace

bool describe(const RawFile& raw, const DescribeContext& context, unsigned& flags, FileRow& row) {
  const Options& options = context.options;
  const bool warn = options.warnings;
  auto add_note = [&](const std::string& note) {
    if (!row.name_addition.empty()) row.name_addition += ' ';
    row.name_addition += note;
  };
  Seen seen;
  switch (raw.slot) {
    case RawSlot::FdDirectory:
      if (!warn) return false;
      row.fd = "NOFD";
      row.name_addition = raw.proc_path + " (opendir: " + errno_text(raw.directory_errno) + ")";
      return true;
    case RawSlot::Cwd:
    case RawSlot::Root:
    case RawSlot::Exe: {
      if (context.sockets_only) return false;
      // lsof's names for these (lsof.h CWD, RTD) start with a blank: they count in the FD
      // column's width.
      row.fd = raw.slot == RawSlot::Cwd ? " cwd" : raw.slot == RawSlot::Root ? " rtd" : "txt";
      std::string p;
      if (!raw.link) {
        if (!warn) return false;
        if (raw.slot != RawSlot::Exe || raw.link_errno != ENOENT || context.uid) {
          add_note("(readlink: " + errno_text(raw.link_errno) + ")");
        }
        p = raw.proc_path;
      } else if (const auto* e = exemption_of(options, *raw.link)) {
        describe_exempt(*e,
                        raw.slot == RawSlot::Cwd    ? "UNKNcwd"
                        : raw.slot == RawSlot::Root ? "UNKNrtd"
                                                    : "UNKNtxt",
                        *raw.link, row);
        row.device_text = "UNKNOWN";
        return true;
      } else {
        p = link_source(*raw.link, nullptr);
        if (raw.target) {
          seen.stat = &*raw.target;
        } else if (warn) {
          add_note("(stat: " + errno_text(raw.target_errno) + ")");
        }
      }
      if (!describe_node(p, raw, seen, context, row, flags)) return false;
      return true;
    }
    case RawSlot::Mapped: {
      if (context.sockets_only) return false;
      row.fd = raw.map_deleted ? "DEL" : "mem";
      if (const auto* e = exemption_of(options, raw.proc_path)) {
        // Device and inode from maps, nothing stat(2) would add.
        describe_exempt(*e, raw.map_deleted ? "UNKNdel" : "UNKNmem", raw.proc_path, row);
        row.device = raw.map_dev;
        row.node = NodeKind::Inode;
        row.inode = raw.map_ino;
        return true;
      }
      row.fd = "mem";
      FileStat made;
      made.dev = raw.map_dev;
      made.ino = raw.map_ino;
      made.mode = S_IFREG;
      bool manufactured = false;
      std::string notes;
      if (!raw.target) {
        manufactured = true;
        if (raw.map_deleted) {
          row.fd = "DEL";
        } else if (warn) {
          notes = "(stat: " + errno_text(raw.target_errno) + ")";
        }
      } else if (raw.target->dev != raw.map_dev || raw.target->ino != raw.map_ino) {
        manufactured = true;
        if (raw.map_deleted) {
          row.fd = "DEL";
        } else if (warn) {
          const unsigned major = procscan::dev_major(raw.target->dev);
          const unsigned minor = procscan::dev_minor(raw.target->dev);
          std::string sep;
          if (raw.target->dev != raw.map_dev) {
            notes = "(path dev=" + std::to_string(major) + "," + std::to_string(minor) +
                    (raw.target->ino == raw.map_ino ? ")" : ",");
          } else {
            sep = "(path ";
          }
          if (raw.target->ino != raw.map_ino) {
            if (!notes.empty()) notes += ' ';
            notes += sep + "inode=" + std::to_string(raw.target->ino) + ")";
          }
        }
      }
      if (!notes.empty()) add_note(notes);
      // A manufactured stat has device, inode and type only: no size.
      seen.stat = manufactured ? &made : &*raw.target;
      seen.partial = manufactured;
      if (!describe_node(raw.proc_path, raw, seen, context, row, flags)) return false;
      return true;
    }
    case RawSlot::Fd:
      break;
  }

  // A descriptor.
  row.fd = fd_text(raw.fd);
  row.fd_number = raw.fd;
  std::string p = raw.proc_path;
  std::string rest;
  if (!raw.link) {
    if (!warn) return false;
    add_note("(readlink: " + errno_text(raw.link_errno) + ")");
  } else if (const auto* e = exemption_of(options, *raw.link)) {
    // No access mode (it comes from the link's lstat); fdinfo's offset with -o, its flags
    // with +f.
    describe_exempt(*e, "UNKNfd", *raw.link, row);
    row.device_text = "UNKNOWN";
    if (raw.fdinfo) {
      if (raw.fdinfo->pos && options.offsets) row.offset = raw.fdinfo->pos;
      if (raw.fdinfo->flags && options.file_flags) row.open_flags = raw.fdinfo->flags;
    }
    return true;
  } else {
    p = link_source(*raw.link, &rest);
    if (raw.link_mode) {
      seen.link_mode = raw.link_mode;
    } else if (warn) {
      add_note("lstat: " + errno_text(raw.link_mode_errno) + ")");
    }
    if (raw.target) {
      seen.stat = &*raw.target;
    } else if (warn) {
      add_note("(stat: " + errno_text(raw.target_errno) + ")");
    }
    if (context.sockets_only && !(raw.target && S_ISSOCK(raw.target->mode))) return false;
  }
  if (context.after_exempt) {
    if (raw.link_mode) seen.position = raw.link_size;
  } else if (raw.fdinfo) {
    if (raw.fdinfo->pos) seen.position = raw.fdinfo->pos;
    if (raw.fdinfo->flags && options.file_flags) row.open_flags = raw.fdinfo->flags;
  }
  if (!describe_node(p, raw, seen, context, row, flags)) return false;
  if (row.type == "a_inode" && !rest.empty()) {
    std::string name = rest;
    if (raw.fdinfo) {
      if (name == "[eventfd]" && raw.fdinfo->eventfd_id) {
        name = "[eventfd:" + std::to_string(*raw.fdinfo->eventfd_id) + "]";
      } else if (name == "[pidfd]" && raw.fdinfo->pidfd_pid) {
        name = "[pidfd:" + std::to_string(*raw.fdinfo->pidfd_pid) + "]";
      } else if (name == "[eventpoll]" && !raw.fdinfo->epoll_fds.empty()) {
        name = eventpoll_text(raw.fdinfo->epoll_fds);
      }
    }
    row.name = name;
  }
  return true;
}

}  // namespace tdlsof
