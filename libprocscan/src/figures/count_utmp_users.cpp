// utmp records counted as procps-ng 4.0.2 counts logged-in users.
#include <utmp.h>

#include <cstddef>
#include <cstring>
#include <string_view>

#include "figures/parsers.h"

namespace procscan::figures {

std::size_t count_utmp_users(std::string_view bytes) {
  // The record layout is this platform's struct utmp, which glibc reads and writes; only
  // two members are looked at, copied out rather than cast (the buffer has no alignment).
  constexpr std::size_t kRecord = sizeof(struct utmp);
  std::size_t users = 0;
  for (std::size_t at = 0; bytes.size() - at >= kRecord; at += kRecord) {
    const char* record = bytes.data() + at;
    decltype(utmp::ut_type) type;
    std::memcpy(&type, record + offsetof(struct utmp, ut_type), sizeof type);
    if (type == USER_PROCESS && record[offsetof(struct utmp, ut_user)] != '\0') ++users;
  }
  return users;
}

}  // namespace procscan::figures
