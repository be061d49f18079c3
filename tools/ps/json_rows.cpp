#include "json_rows.h"

#include <unordered_set>

#include "json_values.h"

namespace td::ps {

std::vector<std::string> json_keys(const std::vector<FormatColumn>& columns) {
  std::vector<std::string> keys;
  std::unordered_set<std::string> taken;
  for (const FormatColumn& column : columns) {
    if (column.spec == nullptr) continue;
    const bool renamed = !column.header.empty() && column.header != column.spec->header;
    const std::string wanted = renamed ? column.header : std::string(column.spec->spec);
    std::string key = wanted;
    for (int n = 2; taken.count(key) != 0; ++n)
      key = wanted + "_" + std::to_string(n);
    taken.insert(key);
    keys.push_back(std::move(key));
  }
  return keys;
}

JsonLines::JsonLines(const std::vector<FormatColumn>& columns, const PrintContext& ctx,
                     common::OutputBuffer& out)
    : ctx_(ctx), out_(out), json_(out.text(), true) {
  std::vector<std::string> keys = json_keys(columns);
  std::size_t next_key = 0;
  for (const FormatColumn& column : columns)
    if (column.spec != nullptr) members_.push_back({column.spec, std::move(keys[next_key++])});
  // Values are never cut to a screen: whole names, 16-digit signal masks, no tree art.
  ctx_.max_cells = 1 << 30;
  ctx_.wide_signals = true;
  ctx_.forest_prefix = {};
  ctx_.forest_type = 0;
  // JSON has no header lines: ps' test columns, which print from the header countdown,
  // show what a headerless text report shows.
  ctx_.lines_to_next_header = -1;
}

void JsonLines::begin() {
  json_.begin_array();
}

void JsonLines::line(const procscan::TaskRef& task, LineMask mask) {
  --ctx_.lines_to_next_header;
  json_.begin_object();
  for (const Member& member : members_) {
    json_.key(member.key);
    if (!line_shows(mask, member.spec->rows)) {
      json_.null();
      continue;
    }
    write_json_value(*member.spec, ctx_, task, json_, scratch_);
  }
  json_.end_object();
  out_.flush_if_full();
}

void JsonLines::end() {
  json_.end_array();
  out_.push_back('\n');
}

}  // namespace td::ps
