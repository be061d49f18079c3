#include "inet_spec.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <strings.h>
#include <sys/socket.h>

#include <cstring>

namespace tdlsof {

namespace {

bool digits_only(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// A service name's port for `protocol` ("tcp"/"udp"/...), or for either when none is given
// (they must agree).
bool service_port(const std::string& name, const std::string& protocol, int& port,
                  const std::string& whole, std::vector<std::string>& errors) {
  if (!protocol.empty()) {
    std::string lower = protocol;
    for (char& c : lower)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const servent* se = ::getservbyname(name.c_str(), lower.c_str());
    if (!se) {
      errors.push_back("unknown service " + name + " for " + lower + " in: -i " + whole);
      return false;
    }
    port = ntohs(static_cast<std::uint16_t>(se->s_port));
    return true;
  }
  const servent* tcp = ::getservbyname(name.c_str(), "tcp");
  const int tcp_port = tcp ? ntohs(static_cast<std::uint16_t>(tcp->s_port)) : 0;
  const servent* udp = ::getservbyname(name.c_str(), "udp");
  const int udp_port = udp ? ntohs(static_cast<std::uint16_t>(udp->s_port)) : 0;
  if (!tcp && !udp) {
    errors.push_back("unknown service " + name + " in: -i " + whole);
    return false;
  }
  if (tcp && udp && tcp_port != udp_port) {
    errors.push_back("TCP=" + std::to_string(tcp_port) + " and UDP=" + std::to_string(udp_port) +
                     " " + name + " ports conflict;");
    errors.push_back("      specify \"tcp:" + name + "\" or \"udp:" + name + "\": -i " + whole);
    return false;
  }
  port = tcp ? tcp_port : udp_port;
  return true;
}

}  // namespace

bool InetSelection::add(std::string_view value, std::vector<std::string>& errors) {
  const std::string whole(value);
  InetEntry base;
  base.text = whole;
  std::string_view rest = value;
  int family_given = 0;
  if (!rest.empty() && (rest[0] == '4' || rest[0] == '6')) {
    family_given = rest[0] - '0';
    rest.remove_prefix(1);
    if (rest.empty()) {
      if (!network) {
        network = true;
        network_family = family_given;
      } else if (network_family && network_family != family_given) {
        network_family = 0;
      } else {
        network_family = family_given;
      }
      return true;
    }
  } else if (network) {
    family_given = network_family;
  }
  base.family = family_given == 4 ? AF_INET : family_given == 6 ? AF_INET6 : 0;
  if (!rest.empty() && rest[0] != '@' && rest[0] != ':') {
    const std::size_t end = rest.find_first_of("@:");
    std::string protocol(rest.substr(0, end));
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end);
    if (strcasecmp(protocol.c_str(), "tcp") != 0 && strcasecmp(protocol.c_str(), "udp") != 0 &&
        strcasecmp(protocol.c_str(), "udplite") != 0) {
      errors.push_back("unknown protocol name (" + protocol + ") in: -i " + whole);
      return false;
    }
    for (char& c : protocol)
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    base.protocol = protocol;
  }
  std::vector<InetEntry> hosts{base};
  if (!rest.empty() && rest[0] == '@') {
    rest.remove_prefix(1);
    if (rest.empty() || rest[0] == ':') {
      errors.push_back("unacceptable Internet address in: -i " + whole);
      return false;
    }
    InetEntry& e = hosts[0];
    if (rest[0] == '[') {
      const std::size_t close = rest.rfind(']');
      const std::string text(rest.substr(1, close == std::string_view::npos ? 0 : close - 1));
      in6_addr a{};
      if (close == std::string_view::npos || ::inet_pton(AF_INET6, text.c_str(), &a) != 1 ||
          IN6_IS_ADDR_UNSPECIFIED(&a)) {
        errors.push_back("unacceptable Internet address in: -i " + whole);
        return false;
      }
      if (family_given == 4) {
        errors.push_back("IPv6 addresses are prohibited: -i " + whole);
        return false;
      }
      if (IN6_IS_ADDR_V4MAPPED(&a)) {
        std::memcpy(e.address.data(), reinterpret_cast<const std::uint8_t*>(&a) + 12, 4);
        e.family = AF_INET;
      } else {
        std::memcpy(e.address.data(), &a, 16);
        e.family = AF_INET6;
      }
      rest.remove_prefix(close + 1);
    } else {
      const std::size_t end = rest.find(':');
      const std::string host(rest.substr(0, end));
      rest.remove_prefix(end == std::string_view::npos ? rest.size() : end);
      in_addr a4{};
      if (::inet_pton(AF_INET, host.c_str(), &a4) == 1) {
        if (family_given == 6) {
          errors.push_back("IPv4 addresses are prohibited: -i " + whole);
          return false;
        }
        std::memcpy(e.address.data(), &a4, 4);
        e.family = AF_INET;
      } else {
        // A host name: its IPv6 address and its IPv4 one (lsof enters both).
        std::vector<InetEntry> found;
        for (int af : {AF_INET6, AF_INET}) {
          if ((af == AF_INET6 && family_given == 4) || (af == AF_INET && family_given == 6))
            continue;
          if (const hostent* he = ::gethostbyname2(host.c_str(), af)) {
            if (he->h_addr_list && he->h_addr_list[0]) {
              InetEntry copy = e;
              copy.family = af;
              std::memcpy(copy.address.data(), he->h_addr_list[0], af == AF_INET6 ? 16 : 4);
              found.push_back(copy);
            }
          }
        }
        if (found.empty()) {
          errors.push_back("unknown host name (" + host + ") in: -i " + whole);
          return false;
        }
        hosts = found;
      }
    }
  }
  std::vector<std::pair<int, int>> ports;
  if (!rest.empty()) {
    if (rest[0] != ':' || rest.size() == 1) {
      errors.push_back("unacceptable port specification in: -i " + whole);
      return false;
    }
    rest.remove_prefix(1);
    while (!rest.empty()) {
      const std::size_t comma = rest.find(',');
      std::string_view item = rest.substr(0, comma);
      rest.remove_prefix(comma == std::string_view::npos ? rest.size() : comma + 1);
      // A service name runs to the comma, dashes and all; only a number may start a range.
      const bool named = !item.empty() && (item[0] < '0' || item[0] > '9');
      const std::size_t dash = named ? std::string_view::npos : item.find('-');
      std::string_view low_text = item.substr(0, dash);
      std::string_view high_text =
          dash == std::string_view::npos ? std::string_view() : item.substr(dash + 1);
      int low = 0, high = 0;
      auto port_of = [&](std::string_view text, int& port) {
        if (digits_only(text)) {
          port = std::stoi(std::string(text));
          return true;
        }
        if (text.empty()) {
          errors.push_back("unacceptable port specification in: -i " + whole);
          return false;
        }
        return service_port(std::string(text), base.protocol, port, whole, errors);
      };
      if (!port_of(low_text, low)) return false;
      high = low;
      if (dash != std::string_view::npos && !port_of(high_text, high)) return false;
      if (high < low) {
        errors.push_back("unacceptable port specification in: -i " + whole);
        return false;
      }
      ports.emplace_back(low, high);
    }
  }
  if (ports.empty()) ports.emplace_back(-1, -1);
  for (const auto& [low, high] : ports) {
    for (InetEntry e : hosts) {
      e.port_low = low;
      e.port_high = high;
      entries.push_back(e);
    }
  }
  return true;
}

bool InetSelection::matches(const std::uint8_t* address, int port, int family,
                            const std::string& protocol, std::vector<bool>& found) const {
  found.resize(entries.size(), false);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const InetEntry& e = entries[i];
    if (!e.protocol.empty() && e.protocol != protocol) continue;
    if (family && e.family && family != e.family) continue;
    const std::size_t length = family == AF_INET6 ? 16 : 4;
    bool any = true;
    for (std::size_t k = 0; k < length; ++k)
      if (e.address[k]) any = false;
    if (!any && std::memcmp(address, e.address.data(), length) != 0) continue;
    if (e.port_low == -1 || (port >= e.port_low && port <= e.port_high)) {
      found[i] = true;
      return true;
    }
  }
  return false;
}

}  // namespace tdlsof
