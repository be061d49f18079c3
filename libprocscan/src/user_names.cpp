#include <grp.h>
#include <pwd.h>
#include <cerrno>

#include <string>
#include <vector>

#include "procscan/names.h"

namespace procscan {

namespace {

// getpwuid_r/getgrgid_r need a caller buffer; ERANGE means "bigger", anything else "none".
template <typename Entry, typename Lookup>
std::string lookup_name(std::uint64_t id, Lookup lookup, char* Entry::*name_member) {
  std::vector<char> buffer(1024);
  for (;;) {
    Entry entry{};
    Entry* result = nullptr;
    const int err = lookup(id, &entry, buffer.data(), buffer.size(), &result);
    if (err == ERANGE && buffer.size() < (1u << 20)) {
      buffer.resize(buffer.size() * 4);
      continue;
    }
    if (err != 0 || result == nullptr) return std::to_string(id);
    return entry.*name_member;
  }
}

}  // namespace

const std::string& UserNames::name(std::uint64_t uid) {
  auto it = cache_.find(uid);
  if (it != cache_.end()) return it->second;
  auto lookup = [](std::uint64_t id, passwd* entry, char* buf, std::size_t len, passwd** out) {
    return ::getpwuid_r(static_cast<uid_t>(id), entry, buf, len, out);
  };
  std::string name = lookup_name<passwd>(uid, lookup, &passwd::pw_name);
  return cache_.emplace(uid, std::move(name)).first->second;
}

const std::string& GroupNames::name(std::uint64_t gid) {
  auto it = cache_.find(gid);
  if (it != cache_.end()) return it->second;
  auto lookup = [](std::uint64_t id, group* entry, char* buf, std::size_t len, group** out) {
    return ::getgrgid_r(static_cast<gid_t>(id), entry, buf, len, out);
  };
  std::string name = lookup_name<group>(gid, lookup, &group::gr_name);
  return cache_.emplace(gid, std::move(name)).first->second;
}

}  // namespace procscan
