#include "endpoints.h"

#include <charconv>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "procscan/names.h"
#include "procscan/sockets.h"

namespace tdlsof {
namespace {

// linux/Documentation/admin-guide/devices.txt: /dev/ptmx is 5,2; Unix98 pty slaves are
// majors 136 to 143.
constexpr unsigned kTtyAuxMajor = 5;
constexpr unsigned kPtmxMinor = 2;
constexpr unsigned kPtySlaveMajor = 136;
constexpr unsigned kPtySlaveMajorCount = 8;

std::optional<std::uint64_t> socket_inode(const std::optional<std::string>& link) {
  constexpr std::string_view prefix = "socket:[";
  if (!link || link->rfind(prefix, 0) != 0) return std::nullopt;
  std::uint64_t inode = 0;
  const char* begin = link->data() + prefix.size();
  const char* end = link->data() + link->size();
  auto [p, ec] = std::from_chars(begin, end, inode);
  if (ec != std::errc() || p == begin || p == end || *p != ']') return std::nullopt;
  return inode;
}

// A file by its place: the process (an index into the sorted rows) and its row.
struct Ref {
  std::uint32_t process = 0;
  std::uint32_t row = 0;
  auto operator<=>(const Ref&) const = default;
};

class EndpointPasses {
 public:
  EndpointPasses(std::vector<ProcessRows>& processes, const procscan::SocketTable* sockets,
                 const Options& options)
      : processes_(processes), sockets_(sockets), options_(options) {}

  void run() {
    enter_all();
    if (sockets_) index_sockets();
    const bool mark = options_.endpoints == 2;
    for_each_file([&](Ref ref, FileRow& f) {
      if (f.selected && f.endpoint != EndpointKind::None) add_peers(ref, mark, true);
    });
    if (!mark) return;
    for_each_file([&](Ref ref, FileRow& f) {
      if (f.selected || !marked_.count(ref)) return;
      f.selected = true;
      add_peers(ref, false, false);
    });
  }

 private:
  using Holders = std::unordered_map<std::uint64_t, std::vector<Ref>>;

  ProcessRows& process(Ref r) { return processes_[r.process]; }
  FileRow& file(Ref r) { return processes_[r.process].files[r.row]; }

  template <typename F>
  void for_each_file(F&& visit) {
    for (std::uint32_t p = 0; p < processes_.size(); ++p)
      for (std::uint32_t r = 0; r < processes_[p].files.size(); ++r)
        visit(Ref{p, r}, processes_[p].files[r]);
  }

  Holders* table_of(EndpointKind kind) {
    switch (kind) {
      case EndpointKind::Pipe:
        return &pipes_;
      case EndpointKind::EventFd:
        return &eventfds_;
      case EndpointKind::PtyMaster:
      case EndpointKind::PtySlave:
        return &ptys_;
      case EndpointKind::Unix:
        return &unix_;
      case EndpointKind::Inet:
        return &inet_;
      case EndpointKind::None:
        break;
    }
    return nullptr;
  }

  bool same_descriptor(Ref a, Ref b) {
    return process(a).pid == process(b).pid && file(a).fd == file(b).fd;
  }

  // In lsof's reading order: by pid, a process's threads before the process (rows are
  // sorted with the process first), each file once per pid and FD.
  void enter_all() {
    std::vector<std::uint32_t> order;
    order.reserve(processes_.size());
    for (std::uint32_t first = 0; first < processes_.size();) {
      std::uint32_t end = first + 1;
      while (end < processes_.size() && processes_[end].pid == processes_[first].pid)
        ++end;
      for (std::uint32_t i = first; i < end; ++i)
        if (processes_[i].tid) order.push_back(i);
      for (std::uint32_t i = first; i < end; ++i)
        if (!processes_[i].tid) order.push_back(i);
      first = end;
    }
    for (std::uint32_t p : order) {
      for (std::uint32_t r = 0; r < processes_[p].files.size(); ++r) {
        const Ref ref{p, r};
        Holders* table = table_of(file(ref).endpoint);
        if (!table) continue;
        auto& holders = (*table)[file(ref).endpoint_key];
        bool seen = false;
        for (Ref h : holders)
          seen = seen || same_descriptor(h, ref);
        if (!seen) holders.push_back(ref);
      }
    }
  }

  void index_sockets() {
    inet_peers_ = sockets_->inet_peers();
    // A socket no peer is reported for takes the one that names it as its peer (lsof
    // fills both directions of each reported pair, the first filling winning).
    for (const procscan::Socket& s : sockets_->sockets()) {
      if (s.kind != procscan::SocketKind::Unix || !s.peer_inode) continue;
      reverse_unix_peers_.emplace(s.peer_inode, s.inode);  // sorted by inode: lowest wins
    }
  }

  const procscan::Socket* unix_peer(const procscan::Socket& s) const {
    if (s.peer_inode)
      if (const procscan::Socket* peer = sockets_->find(s.peer_inode)) return peer;
    auto it = reverse_unix_peers_.find(s.inode);
    return it == reverse_unix_peers_.end() ? nullptr : sockets_->find(it->second);
  }

  // A listener's first waiting connection that is a known socket (lsof's icons).
  const procscan::Socket* first_waiting(const procscan::Socket& s) const {
    for (std::uint64_t inode : sockets_->pending(s))
      if (const procscan::Socket* waiting = sockets_->find(inode)) return waiting;
    return nullptr;
  }

  std::string peer_text(Ref r) {
    const ProcessRows& p = process(r);
    const FileRow& f = file(r);
    std::string_view fd = f.fd;
    while (!fd.empty() && fd.front() == ' ')
      fd.remove_prefix(1);
    // lsof prints "%.*s" with the +c width: +c 0 leaves the command out.
    std::string text = std::to_string(p.pid) + "," +
                       p.command.substr(0, static_cast<std::size_t>(options_.command_width)) + "," +
                       std::string(fd);
    text += f.access;
    return text;
  }

  static void add_to_name(FileRow& f, const std::string& text) {
    if (!f.name_addition.empty()) f.name_addition += ' ';
    f.name_addition += text;
  }

  void add_holder(FileRow& f, Ref holder, bool mark, const std::string& prefix = "") {
    add_to_name(f, prefix + peer_text(holder));
    if (mark) marked_.insert(holder);
  }

  // "->INO=N" and the descriptors on socket N, the last read first.
  void add_unix_peer(FileRow& f, const procscan::Socket& peer, bool mark) {
    add_to_name(f, "->INO=" + std::to_string(peer.inode));
    auto it = unix_.find(peer.inode);
    if (it == unix_.end()) return;
    for (auto h = it->second.rbegin(); h != it->second.rend(); ++h)
      add_holder(f, *h, mark);
  }

  void add_peers(Ref self, bool mark, bool selected_pass) {
    FileRow& f = file(self);
    const std::uint64_t key = f.endpoint_key;
    switch (f.endpoint) {
      case EndpointKind::Pipe:
      case EndpointKind::EventFd: {
        auto it = table_of(f.endpoint)->find(key);
        if (it == table_of(f.endpoint)->end()) return;
        for (Ref h : it->second)
          if (!same_descriptor(h, self)) add_holder(f, h, mark);
        return;
      }
      case EndpointKind::PtyMaster:
      case EndpointKind::PtySlave: {
        auto it = ptys_.find(key);
        if (it == ptys_.end()) return;
        const EndpointKind other = f.endpoint == EndpointKind::PtyMaster ? EndpointKind::PtySlave
                                                                         : EndpointKind::PtyMaster;
        bool first = f.endpoint == EndpointKind::PtyMaster;
        for (Ref h : it->second) {
          if (file(h).endpoint != other) continue;
          add_holder(f, h, mark, first ? "->/dev/pts/" + std::to_string(key) + " " : "");
          first = false;
        }
        return;
      }
      case EndpointKind::Unix: {
        if (!sockets_) return;
        const procscan::Socket* s = sockets_->find(key);
        if (!s) return;
        const procscan::Socket* peer = unix_peer(*s);
        if (peer) add_unix_peer(f, *peer, mark);
        // The accept queue: with the peer when the file was listed, instead of it when +E
        // lists the file for another's sake.
        if (peer && !selected_pass) return;
        const procscan::Socket* waiting = first_waiting(*s);
        for (std::size_t guard = 0; waiting && waiting != s && guard < sockets_->sockets().size();
             ++guard) {
          add_unix_peer(f, *waiting, mark);
          waiting = first_waiting(*waiting);
        }
        return;
      }
      case EndpointKind::Inet: {
        auto peer = inet_peers_.find(key);
        if (peer == inet_peers_.end()) return;
        auto it = inet_.find(peer->second);
        if (it == inet_.end()) return;
        for (auto h = it->second.rbegin(); h != it->second.rend(); ++h)
          add_holder(f, *h, mark);
        return;
      }
      case EndpointKind::None:
        return;
    }
  }

  std::vector<ProcessRows>& processes_;
  const procscan::SocketTable* sockets_;
  const Options& options_;
  Holders pipes_, eventfds_, ptys_, unix_, inet_;
  std::unordered_map<std::uint64_t, std::uint64_t> inet_peers_;
  std::unordered_map<std::uint64_t, std::uint64_t> reverse_unix_peers_;
  std::set<Ref> marked_;
};

}  // namespace

void classify_endpoint(const RawFile& raw, FileRow& row) {
  row.endpoint = EndpointKind::None;
  if (row.type == "FIFO" && row.node == NodeKind::Inode) {
    row.endpoint = EndpointKind::Pipe;
    row.endpoint_key = row.inode;
  } else if (row.type == "unix" && row.node == NodeKind::Inode) {
    row.endpoint = EndpointKind::Unix;
    row.endpoint_key = row.inode;
  } else if (row.type == "IPv4" || row.type == "IPv6") {
    if (auto inode = socket_inode(raw.link)) {
      row.endpoint = EndpointKind::Inet;
      row.endpoint_key = *inode;
    }
  } else if (raw.fdinfo && raw.fdinfo->eventfd_id) {
    row.endpoint = EndpointKind::EventFd;
    row.endpoint_key = static_cast<std::uint64_t>(*raw.fdinfo->eventfd_id);
  } else if (row.raw_device && row.type == "CHR") {
    const unsigned major = procscan::dev_major(*row.raw_device);
    const unsigned minor = procscan::dev_minor(*row.raw_device);
    if (major == kTtyAuxMajor && minor == kPtmxMinor) {
      // lsof enters a master only with the tty-index its fdinfo gave.
      if (raw.fdinfo && raw.fdinfo->tty_index) {
        row.endpoint = EndpointKind::PtyMaster;
        row.endpoint_key = static_cast<std::uint64_t>(*raw.fdinfo->tty_index);
      }
    } else if (major >= kPtySlaveMajor && major < kPtySlaveMajor + kPtySlaveMajorCount) {
      row.endpoint = EndpointKind::PtySlave;
      row.endpoint_key = minor;
    }
  }
}

void add_endpoints(std::vector<ProcessRows>& processes, const procscan::SocketTable* sockets,
                   const Options& options) {
  EndpointPasses(processes, sockets, options).run();
}

}  // namespace tdlsof
