// /proc/PID/status: one "Key:\tvalue" per line.
#include <array>
#include <cstdint>
#include <string_view>

#include "procfs/parse_numbers.h"
#include "procfs/parsers.h"

namespace procscan::procfs {
namespace {

enum class Format : std::uint8_t {
  Decimal,
  Octal,   // Umask "0022"
  Hex,     // signal and capability masks, 16 digits
  KiB,     // "   1234 kB"; a size without its unit is left unset
  IdQuad,  // "real\teffective\tsaved\tfilesystem" into four consecutive fields
  IdList,  // Groups
};

struct StatusKey {
  std::string_view key;
  Format format;
  Field field;  // the first of four for IdQuad
};

static_assert(static_cast<int>(Field::Fsuid) - static_cast<int>(Field::Ruid) == 3 &&
                  static_cast<int>(Field::Fsgid) - static_cast<int>(Field::Rgid) == 3,
              "IdQuad stores into four consecutive fields");

// In the kernel's print order, which makes no difference to correctness.
constexpr std::array<StatusKey, 32> kKeys{{
    {"Umask", Format::Octal, Field::Umask},
    {"TracerPid", Format::Decimal, Field::TracerPid},
    {"Uid", Format::IdQuad, Field::Ruid},
    {"Gid", Format::IdQuad, Field::Rgid},
    {"Groups", Format::IdList, Field::SupGroups},
    {"VmPeak", Format::KiB, Field::VmPeak},
    {"VmSize", Format::KiB, Field::VmSize},
    {"VmLck", Format::KiB, Field::VmLck},
    {"VmPin", Format::KiB, Field::VmPin},
    {"VmHWM", Format::KiB, Field::VmHwm},
    {"VmRSS", Format::KiB, Field::VmRss},
    {"RssAnon", Format::KiB, Field::RssAnon},
    {"RssFile", Format::KiB, Field::RssFile},
    {"RssShmem", Format::KiB, Field::RssShmem},
    {"VmData", Format::KiB, Field::VmData},
    {"VmStk", Format::KiB, Field::VmStk},
    {"VmExe", Format::KiB, Field::VmExe},
    {"VmLib", Format::KiB, Field::VmLib},
    {"VmPTE", Format::KiB, Field::VmPte},
    {"VmSwap", Format::KiB, Field::VmSwap},
    {"SigPnd", Format::Hex, Field::SigPending},
    {"ShdPnd", Format::Hex, Field::SigSharedPending},
    {"SigBlk", Format::Hex, Field::SigBlocked},
    {"SigIgn", Format::Hex, Field::SigIgnored},
    {"SigCgt", Format::Hex, Field::SigCaught},
    {"CapInh", Format::Hex, Field::CapInheritable},
    {"CapPrm", Format::Hex, Field::CapPermitted},
    {"CapEff", Format::Hex, Field::CapEffective},
    {"CapBnd", Format::Hex, Field::CapBounding},
    {"CapAmb", Format::Hex, Field::CapAmbient},
    {"voluntary_ctxt_switches", Format::Decimal, Field::VoluntaryCtxtSwitches},
    {"nonvoluntary_ctxt_switches", Format::Decimal, Field::NonvoluntaryCtxtSwitches},
}};
static_assert(kKeys.size() <= 64, "seen-key bits are kept in one word");

constexpr std::size_t kUidKey = 2;
constexpr std::size_t kGidKey = 3;

Field nth_field(Field first, int n) {
  return static_cast<Field>(static_cast<int>(first) + n);
}

bool wants_any(const StatusKey& key, const TaskTable& out) {
  if (key.format != Format::IdQuad) return out.wants(key.field);
  for (int i = 0; i < 4; ++i)
    if (out.wants(nth_field(key.field, i))) return true;
  return false;
}

// "4 24 27" with single spaces is stored as it is; the kernel's trailing blank is trimmed by
// the caller. Any other spacing, or a token that is not a 32-bit id, leaves the field unset:
// normalising would need a buffer as large as 65536 groups.
bool is_canonical_id_list(std::string_view list) {
  while (!list.empty()) {
    std::size_t space = list.find(' ');
    if (!to_u32(list.substr(0, space))) return false;
    if (space == std::string_view::npos) break;
    list.remove_prefix(space + 1);
    if (list.empty()) return false;
  }
  return true;
}

void store(const StatusKey& key, std::string_view value, TaskTable& out) {
  switch (key.format) {
    case Format::Decimal:
      if (auto v = to_u64(value)) out.set_u64(key.field, *v);
      return;
    case Format::Octal:
      if (auto v = to_u64(value, 8)) out.set_u64(key.field, *v);
      return;
    case Format::Hex:
      if (auto v = to_u64(value, 16)) out.set_u64(key.field, *v);
      return;
    case Format::KiB: {
      std::string_view number = next_token(value);
      if (trim_blanks(value) != "kB") return;
      if (auto v = to_u64(number)) out.set_u64(key.field, *v);
      return;
    }
    case Format::IdQuad:
      for (int i = 0; i < 4; ++i) {
        std::string_view token = next_token(value);
        if (token.empty()) return;
        if (auto v = to_u32(token)) out.set_u64(nth_field(key.field, i), *v);
      }
      return;
    case Format::IdList:
      if (is_canonical_id_list(value)) out.set_str(key.field, value);
      return;
  }
}

}  // namespace

bool parse_status(std::string_view text, TaskTable& out) {
  std::uint64_t pending = 0;  // keys still to find: wanted ones, and Uid and Gid for the result
  for (std::size_t i = 0; i < kKeys.size(); ++i)
    if (i == kUidKey || i == kGidKey || wants_any(kKeys[i], out)) pending |= std::uint64_t{1} << i;
  constexpr std::uint64_t kUidGid = (std::uint64_t{1} << kUidKey) | (std::uint64_t{1} << kGidKey);

  std::string_view line;
  while (pending != 0 && next_line(text, line)) {
    std::string_view key, value;
    if (!split_key_value(line, key, value)) continue;
    for (std::size_t i = 0; i < kKeys.size(); ++i) {
      if (kKeys[i].key != key) continue;
      // A key seen twice keeps its first value.
      std::uint64_t bit = std::uint64_t{1} << i;
      if (pending & bit) {
        pending &= ~bit;
        store(kKeys[i], value, out);
      }
      break;
    }
  }
  return (pending & kUidGid) == 0;
}

std::optional<std::uint64_t> parse_status_tgid(std::string_view text) {
  std::string_view line;
  while (next_line(text, line)) {
    std::string_view key, value;
    if (split_key_value(line, key, value) && key == "Tgid") return to_u64(value);
  }
  return std::nullopt;
}

}  // namespace procscan::procfs
