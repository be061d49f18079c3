// The /proc/net text tables, the fallback when sock_diag fails (and the only source of
// ping sockets and of unix "Num"). Each line is split at blanks and tabs, as lsof does;
// numbers are read with std::from_chars, and a line that does not read is skipped.
#include <arpa/inet.h>

#include <charconv>
#include <cstring>

#include "sockets/decoders.h"
#include "sockets/kinds.h"

namespace procscan::sockets {
namespace {

constexpr std::uint8_t kTcpEstablished = 1;
constexpr std::uint8_t kTcpClose = 7;
constexpr std::uint8_t kTcpListen = 10;
constexpr std::uint32_t kSoAcceptCon = 1u << 16;  // __SO_ACCEPTCON, /proc/net/unix Flags
constexpr std::uint8_t kSsConnecting = 2;
constexpr std::uint8_t kSsConnected = 3;

// Splits off lines; the last line need not end in '\n'.
class Lines {
 public:
  explicit Lines(std::string_view text) : rest_(text) {}
  bool next(std::string_view& line) {
    if (rest_.empty()) return false;
    std::size_t end = rest_.find('\n');
    line = rest_.substr(0, end);
    rest_ = end == std::string_view::npos ? std::string_view{} : rest_.substr(end + 1);
    return true;
  }

 private:
  std::string_view rest_;
};

// Blank- and tab-separated words of a line, with where each ends (a unix path follows the
// inode word).
class Words {
 public:
  explicit Words(std::string_view line) : line_(line) {}
  bool next(std::string_view& word) {
    while (pos_ < line_.size() && (line_[pos_] == ' ' || line_[pos_] == '\t'))
      ++pos_;
    if (pos_ >= line_.size()) return false;
    std::size_t start = pos_;
    while (pos_ < line_.size() && line_[pos_] != ' ' && line_[pos_] != '\t')
      ++pos_;
    word = line_.substr(start, pos_ - start);
    return true;
  }
  // The first `n` words; false when the line has fewer.
  template <std::size_t N>
  bool take(std::array<std::string_view, N>& words) {
    for (auto& w : words)
      if (!next(w)) return false;
    return true;
  }
  std::size_t position() const { return pos_; }

 private:
  std::string_view line_;
  std::size_t pos_ = 0;
};

template <typename T>
bool number(std::string_view text, T& out, int base) {
  if (text.empty()) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out, base);
  return ec == std::errc() && end == text.data() + text.size();
}

// Whether the header line holds `expected` words at the given positions.
template <std::size_t N>
bool header_has(std::string_view header,
                const std::array<std::pair<std::size_t, std::string_view>, N>& expected) {
  std::array<std::string_view, 16> words{};
  Words split(header);
  std::size_t count = 0;
  while (count < words.size() && split.next(words[count]))
    ++count;
  for (const auto& [index, word] : expected)
    if (index >= count || words[index] != word) return false;
  return true;
}

// "0100007F:0016" or 32 hex digits ":" port: each 8 digits are a host-order word of the
// network-order address, as the kernel's %08X prints it.
bool address(std::string_view text, std::size_t length, std::array<std::uint8_t, 16>& bytes,
             std::uint16_t& port) {
  if (text.size() != length * 2 + 5 || text[length * 2] != ':') return false;
  for (std::size_t word = 0; word < length / 4; ++word) {
    std::uint32_t host = 0;
    if (!number(text.substr(word * 8, 8), host, 16)) return false;
    std::memcpy(bytes.data() + word * 4, &host, 4);
  }
  return number(text.substr(length * 2 + 1), port, 16);
}

}  // namespace

bool parse_proc_net_inet(std::string_view text, SocketKind kind, SocketTable::Builder& out) {
  Lines lines(text);
  std::string_view line;
  // The IPv6 tables say "remote_address" where the IPv4 ones say "rem_address".
  if (!lines.next(line) ||
      !(header_has<4>(line,
                      {{{1, "local_address"}, {2, "rem_address"}, {3, "st"}, {11, "inode"}}}) ||
        header_has<4>(line,
                      {{{1, "local_address"}, {2, "remote_address"}, {3, "st"}, {11, "inode"}}})))
    return false;
  const std::size_t length = kind_info(kind).family == AF_INET ? 4 : 16;
  while (lines.next(line)) {
    // sl local rem st tx:rx tr:when retrnsmt uid timeout inode
    std::array<std::string_view, 10> w;
    if (!Words(line).take(w)) continue;
    Socket s;
    s.kind = kind;
    s.address_length = static_cast<std::uint8_t>(length);
    std::size_t colon = w[4].find(':');
    if (!address(w[1], length, s.local, s.local_port) ||
        !address(w[2], length, s.remote, s.remote_port) || !number(w[3], s.state, 16) ||
        colon == std::string_view::npos || !number(w[4].substr(0, colon), s.tx_queue, 16) ||
        !number(w[4].substr(colon + 1), s.rx_queue, 16) || !number(w[7], s.uid, 10) ||
        !number(w[9], s.inode, 10))
      continue;
    s.queues_known = true;
    out.add(s);
  }
  return true;
}

bool parse_proc_net_unix(std::string_view text, bool addresses_only, SocketTable::Builder& out) {
  Lines lines(text);
  std::string_view line;
  if (!lines.next(line) || !header_has<8>(line, {{{0, "Num"},
                                                  {1, "RefCount"},
                                                  {2, "Protocol"},
                                                  {3, "Flags"},
                                                  {4, "Type"},
                                                  {5, "St"},
                                                  {6, "Inode"},
                                                  {7, "Path"}}}))
    return false;
  while (lines.next(line)) {
    // Num: RefCount Protocol Flags Type St Inode [Path]
    Words split(line);
    std::array<std::string_view, 7> w;
    if (!split.take(w) || w[0].size() < 2 || w[0].back() != ':') continue;
    std::uint64_t address = 0;
    std::uint32_t flags = 0;
    std::uint8_t st = 0;
    Socket s;
    if (!number(w[0].substr(0, w[0].size() - 1), address, 16) || !number(w[3], flags, 16) ||
        !number(w[4], s.type, 16) || !number(w[5], st, 16) || !number(w[6], s.inode, 10))
      continue;
    if (addresses_only) {
      out.add_kernel_address(s.inode, address);
      continue;
    }
    s.kind = SocketKind::Unix;
    s.kernel_address_known = true;
    s.kernel_address = address;
    s.socket_state = st;
    s.listening = (flags & kSoAcceptCon) != 0;
    s.state = s.listening                                 ? kTcpListen
              : st == kSsConnected || st == kSsConnecting ? kTcpEstablished
                                                          : kTcpClose;
    // The path is the rest of the line after one blank (the kernel prints " %s").
    std::string_view path;
    if (split.position() + 1 < line.size()) path = line.substr(split.position() + 1);
    out.add(s, path);
  }
  return true;
}

bool parse_proc_net_netlink(std::string_view text, SocketTable::Builder& out) {
  Lines lines(text);
  std::string_view line;
  if (!lines.next(line) ||
      !header_has<4>(line, {{{0, "sk"}, {1, "Eth"}, {2, "Pid"}, {9, "Inode"}}}))
    return false;
  while (lines.next(line)) {
    // sk Eth Pid Groups Rmem Wmem Dump Locks Drops Inode
    std::array<std::string_view, 10> w;
    if (!Words(line).take(w)) continue;
    Socket s;
    s.kind = SocketKind::Netlink;
    if (!number(w[1], s.protocol, 10) || !number(w[2], s.portid, 10) || !number(w[9], s.inode, 10))
      continue;
    out.add(s);
  }
  return true;
}

bool parse_proc_net_packet(std::string_view text, SocketTable::Builder& out) {
  Lines lines(text);
  std::string_view line;
  if (!lines.next(line) ||
      !header_has<4>(line, {{{2, "Type"}, {3, "Proto"}, {4, "Iface"}, {8, "Inode"}}}))
    return false;
  while (lines.next(line)) {
    // sk RefCnt Type Proto Iface R Rmem User Inode
    std::array<std::string_view, 9> w;
    if (!Words(line).take(w)) continue;
    Socket s;
    s.kind = SocketKind::Packet;
    if (!number(w[2], s.type, 10) || !number(w[3], s.protocol, 16) || !number(w[4], s.portid, 10) ||
        !number(w[7], s.uid, 10) || !number(w[8], s.inode, 10))
      continue;
    out.add(s);
  }
  return true;
}

}  // namespace procscan::sockets
