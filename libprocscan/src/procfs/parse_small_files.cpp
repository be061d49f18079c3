// One-value files (oom_score, oom_score_adj, loginuid) and /proc/PID/autogroup.
#include <string_view>

#include "procfs/parse_numbers.h"
#include "procfs/parsers.h"

namespace procscan::procfs {

bool parse_single_number(std::string_view text, Field field, TaskTable& out) {
  const std::string_view token = first_line(text);
  if (type_of(field) == ValueType::I64) {
    const auto value = to_i64(token);
    if (!value) return false;
    out.set_i64(field, *value);
    return true;
  }
  const auto value = to_u64(token);
  if (!value) return false;
  out.set_u64(field, *value);
  return true;
}

bool parse_autogroup(std::string_view text, TaskTable& out) {
  std::string_view rest = first_line(text);
  constexpr std::string_view kPrefix = "/autogroup-";
  const std::string_view name = next_token(rest);
  if (!name.starts_with(kPrefix)) return false;
  const auto id = to_i64(name.substr(kPrefix.size()));
  if (!id || next_token(rest) != "nice") return false;
  const auto nice = to_i64(next_token(rest));
  if (!nice || !next_token(rest).empty()) return false;
  out.set_i64(Field::AutogroupId, *id);
  out.set_i64(Field::AutogroupNice, *nice);
  return true;
}

}  // namespace procscan::procfs
