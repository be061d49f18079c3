// TCP state names by number, as lsof 4.95 builds them on Linux (dsock.c build_IPstates):
// the NAME suffix, the T field, -s TCP:name and -V's "TCP state not located".
#pragma once

#include <array>

namespace tdlsof {

inline constexpr std::array<const char*, 12> kTcpStates{
    "CLOSED",    "ESTABLISHED", "SYN_SENT",   "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2",
    "TIME_WAIT", "CLOSE",       "CLOSE_WAIT", "LAST_ACK", "LISTEN",    "CLOSING"};

}  // namespace tdlsof
