// lsof's -i [46][protocol][@host|@addr|@[v6addr]][:service|port[,...][-range]] (arg.c
// enter_network_address, misc.c is_nw_addr): a family alone selects every Internet socket
// of that family; anything more is an address entry that a socket matches by either end.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tdlsof {

struct InetEntry {
  std::string text;                        // the -i value it came from (-V reports it)
  int family = 0;                          // AF_INET, AF_INET6, or 0 for either
  std::string protocol;                    // "TCP", "UDP", "UDPLITE"; empty for any
  std::array<std::uint8_t, 16> address{};  // all zero: any address
  int port_low = -1;                       // -1: any port
  int port_high = -1;
};

struct InetSelection {
  bool network = false;    // -i, -i4, -i6: every Internet socket (of network_family)
  int network_family = 0;  // 0, 4 or 6 (lsof's FnetTy)
  std::vector<InetEntry> entries;

  // Adds one -i value; false (with lsof's message in `errors`) when it is not acceptable.
  bool add(std::string_view value, std::vector<std::string>& errors);
  // Whether an end of a socket (address in network order, 4 or 16 bytes by `family`,
  // `protocol` "TCP"/"UDP"/"UDPLITE") matches an entry; marks the entry found.
  bool matches(const std::uint8_t* address, int port, int family, const std::string& protocol,
               std::vector<bool>& found) const;
};

}  // namespace tdlsof
