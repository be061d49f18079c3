// /proc/PID/stat: "pid (comm) state ppid ..." on one line.
#include <array>
#include <cstdint>
#include <limits>
#include <string_view>

#include "procfs/parse_numbers.h"
#include "procfs/parsers.h"

namespace procscan::procfs {
namespace {

enum class Conversion : std::uint8_t {
  Skip,      // a field we do not report (itrealvalue, obsolete signal words, ...)
  State,     // one byte, stored as its value
  Unsigned,  // a negative or oversized value leaves the field unset
  Signed,
  Device,  // tty_nr: the kernel prints an int-encoded dev_t with %d
  Rss,     // may be a transiently negative counter: clamped to 0
};

struct StatColumn {
  Conversion conversion;
  Field field;
};

// Fields 3 to 44 of proc(5), in file order. Later fields exist on newer kernels but are not
// reported.
constexpr std::array<StatColumn, 42> kColumns{{
    {Conversion::State, Field::State},          // 3
    {Conversion::Unsigned, Field::Ppid},        // 4
    {Conversion::Unsigned, Field::Pgid},        // 5
    {Conversion::Unsigned, Field::Sid},         // 6
    {Conversion::Device, Field::TtyNr},         // 7
    {Conversion::Signed, Field::Tpgid},         // 8
    {Conversion::Unsigned, Field::Flags},       // 9
    {Conversion::Unsigned, Field::MinFlt},      // 10
    {Conversion::Unsigned, Field::CminFlt},     // 11
    {Conversion::Unsigned, Field::MajFlt},      // 12
    {Conversion::Unsigned, Field::CmajFlt},     // 13
    {Conversion::Unsigned, Field::Utime},       // 14
    {Conversion::Unsigned, Field::Stime},       // 15
    {Conversion::Unsigned, Field::Cutime},      // 16
    {Conversion::Unsigned, Field::Cstime},      // 17
    {Conversion::Signed, Field::Priority},      // 18
    {Conversion::Signed, Field::Nice},          // 19
    {Conversion::Unsigned, Field::NumThreads},  // 20
    {Conversion::Skip, Field::Count},           // 21 itrealvalue
    {Conversion::Unsigned, Field::StartTime},   // 22
    {Conversion::Unsigned, Field::Vsize},       // 23
    {Conversion::Rss, Field::RssPages},         // 24
    {Conversion::Unsigned, Field::RssLimit},    // 25
    {Conversion::Unsigned, Field::StartCode},   // 26
    {Conversion::Unsigned, Field::EndCode},     // 27
    {Conversion::Unsigned, Field::StartStack},  // 28
    {Conversion::Unsigned, Field::KstkEsp},     // 29
    {Conversion::Unsigned, Field::KstkEip},     // 30
    {Conversion::Skip, Field::Count},           // 31 signal: status SigPnd has all 64 bits
    {Conversion::Skip, Field::Count},           // 32 blocked
    {Conversion::Skip, Field::Count},           // 33 sigignore
    {Conversion::Skip, Field::Count},           // 34 sigcatch
    {Conversion::Skip, Field::Count},           // 35 wchan: 0 or 1 since Linux 4.2
    {Conversion::Skip, Field::Count},           // 36 nswap
    {Conversion::Skip, Field::Count},           // 37 cnswap
    {Conversion::Signed, Field::ExitSignal},    // 38
    {Conversion::Unsigned, Field::Processor},   // 39
    {Conversion::Unsigned, Field::RtPriority},  // 40
    {Conversion::Unsigned, Field::Policy},      // 41
    {Conversion::Unsigned, Field::BlkioTicks},  // 42
    {Conversion::Unsigned, Field::GuestTime},   // 43
    {Conversion::Unsigned, Field::CguestTime},  // 44
}};

constexpr std::size_t kFirstColumnNumber = 3;
// Every kernel since 2.6 prints at least through rss (field 24); a file that stops earlier is
// truncated or not a stat file.
constexpr std::size_t kRequiredColumns = 24 - kFirstColumnNumber + 1;

void store(const StatColumn& column, std::string_view token, TaskTable& out) {
  switch (column.conversion) {
    case Conversion::Skip:
      return;
    case Conversion::State:
      if (token.size() == 1) out.set_u64(column.field, static_cast<unsigned char>(token[0]));
      return;
    case Conversion::Unsigned:
      if (auto v = to_u64(token)) out.set_u64(column.field, *v);
      return;
    case Conversion::Signed:
      if (auto v = to_i64(token)) out.set_i64(column.field, *v);
      return;
    case Conversion::Device:
      // new_encode_dev() of a large minor sets bit 31, which %d prints as negative.
      if (auto v = to_i64(token)) {
        if (*v >= 0)
          out.set_u64(column.field, static_cast<std::uint64_t>(*v));
        else if (*v >= std::numeric_limits<std::int32_t>::min())
          out.set_u64(column.field, static_cast<std::uint32_t>(static_cast<std::int32_t>(*v)));
      }
      return;
    case Conversion::Rss:
      // Old kernels printed a momentarily negative per-cpu sum with %lu: a value past
      // INT64_MAX is such a negative number, and so is an explicit '-'.
      if (auto v = to_u64(token)) {
        out.set_u64(column.field, *v > std::numeric_limits<std::int64_t>::max() ? 0 : *v);
      } else if (to_i64(token)) {
        out.set_u64(column.field, 0);
      }
      return;
  }
}

}  // namespace

bool parse_stat(std::string_view text, TaskTable& out) {
  std::size_t open = text.find('(');
  std::size_t close = text.rfind(')');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open)
    return false;
  if (out.wants(Field::Comm)) out.set_str(Field::Comm, text.substr(open + 1, close - open - 1));

  std::string_view rest = first_line(text.substr(close + 1));
  std::size_t columns_seen = 0;
  for (const StatColumn& column : kColumns) {
    std::string_view token = next_token(rest);
    if (token.empty()) break;
    ++columns_seen;
    if (column.conversion != Conversion::Skip && out.wants(column.field)) store(column, token, out);
  }
  return columns_seen >= kRequiredColumns;
}

}  // namespace procscan::procfs
