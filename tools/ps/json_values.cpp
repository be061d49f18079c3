#include "json_values.h"

#include <array>

#include "printers.h"

namespace td::ps {

using procscan::Field;
using procscan::TaskRef;

namespace {

struct JsonArgs {
  const ColumnSpec& column;
  const PrintContext& ctx;
  const TaskRef& task;
  common::JsonWriter& json;
  std::string& scratch;
};

using JsonEncoder = void (*)(const JsonArgs&);

std::string_view printed(const JsonArgs& a) {
  a.scratch.clear();
  a.column.print(a.ctx, a.task, a.scratch);
  std::string_view text = a.scratch;
  while (!text.empty() && text.front() == ' ')
    text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ')
    text.remove_suffix(1);
  return text;
}

void write_null(const JsonArgs& a) {
  a.json.null();
}

void write_printed_number(const JsonArgs& a) {
  const std::string_view text = printed(a);
  if (common::is_json_number(text))
    a.json.number_text(text);
  else
    a.json.null();
}

// ps prints most uids and gids with "%d" (uid 4294967294 shows as -2); JSON carries the
// kernel's unsigned value. (uid_t)-1 is no id at all (an unset login uid), null as the
// "-" text shows for it, and so is an id that could not be read.
void write_id(const JsonArgs& a) {
  constexpr std::uint32_t kNoId = ~std::uint32_t{0};
  Field field{};
  a.column.fields.for_each([&](Field f) { field = f; });  // the only one (columns.cpp)
  const auto id = static_cast<std::uint32_t>(a.task.u64(field, kNoId));
  if (id == kNoId)
    a.json.null();
  else
    a.json.number(std::uint64_t{id});
}

void write_printed_text(const JsonArgs& a) {
  const std::string_view text = printed(a);
  if (text == "-")
    a.json.null();
  else
    a.json.string(text);
}

void write_seconds(const JsonArgs& a, std::uint64_t ticks) {
  const auto hertz = static_cast<std::uint64_t>(a.ctx.system.hertz);
  if (ticks % hertz == 0)
    a.json.number(ticks / hertz);
  else
    a.json.number(static_cast<double>(ticks) / static_cast<double>(hertz));
}

void write_cpu_seconds(const JsonArgs& a) {
  write_seconds(a, a.task.u64(Field::Utime) + a.task.u64(Field::Stime));
}

void write_cpu_seconds_with_children(const JsonArgs& a) {
  write_seconds(a, cpu_ticks(a.ctx, a.task));
}

void write_elapsed_seconds(const JsonArgs& a) {
  a.json.number(elapsed_seconds(a.ctx, a.task));
}

void write_start_epoch(const JsonArgs& a) {
  a.json.number(static_cast<std::int64_t>(start_time(a.ctx, a.task)));
}

// NUL-separated strings (cmdline, environ) joined by spaces, trailing NULs dropped: what
// procps shows, before its terminal cleaning.
void append_joined(std::string& out, std::string_view raw) {
  while (!raw.empty() && raw.back() == '\0')
    raw.remove_suffix(1);
  const std::size_t start = out.size();
  out.append(raw);
  for (std::size_t i = start; i < out.size(); ++i)
    if (out[i] == '\0') out[i] = ' ';
}

void write_kernel_name(const JsonArgs& a) {
  a.json.string(a.task.str(Field::Comm));
}

void write_command_line(const JsonArgs& a) {
  std::string& text = a.scratch;
  text.clear();
  append_joined(text, a.task.str(Field::Cmdline));
  if (text.empty()) {
    // As ps: the bracketed name stands in for an empty command line.
    text.push_back('[');
    text.append(a.task.str(Field::Comm));
    text.push_back(']');
    if (a.task.u64(Field::State) == 'Z') text.append(" <defunct>");
  }
  if (a.ctx.modes.bsd_e && a.task.has(Field::Environ) && !a.task.str(Field::Environ).empty()) {
    text.push_back(' ');
    append_joined(text, a.task.str(Field::Environ));
  }
  a.json.string(text);
}

void write_args(const JsonArgs& a) {
  if (a.ctx.modes.bsd_c)
    write_kernel_name(a);
  else
    write_command_line(a);
}

void write_comm(const JsonArgs& a) {
  if (a.ctx.modes.unix_f)
    write_command_line(a);
  else
    write_kernel_name(a);
}

void write_exe(const JsonArgs& a) {
  if (a.task.has(Field::Exe))
    a.json.string(a.task.str(Field::Exe));
  else
    a.json.null();
}

// readproc.c fill_cgroup_cvt without its cleaning: non-root lines joined by ','.
std::string_view raw_cgroups(const JsonArgs& a) {
  std::string& text = a.scratch;
  text.clear();
  std::string_view raw = a.task.str(Field::Cgroup);
  while (!raw.empty()) {
    const std::size_t eol = raw.find('\n');
    const std::string_view line = raw.substr(0, eol);
    raw = eol == std::string_view::npos ? std::string_view{} : raw.substr(eol + 1);
    if (line.empty() || line.back() == '/') continue;
    if (!text.empty()) text.push_back(',');
    text.append(line);
  }
  return text;
}

void write_cgroup(const JsonArgs& a) {
  const std::string_view text = raw_cgroups(a);
  if (text.empty())
    a.json.null();
  else
    a.json.string(text);
}

void write_cgroup_name(const JsonArgs& a) {
  std::string_view text = raw_cgroups(a);
  const std::size_t at = text.find(":name=");
  if (at != std::string_view::npos && at + 6 < text.size()) text.remove_prefix(at + 6);
  if (text.empty())
    a.json.null();
  else
    a.json.string(text);
}

struct EncoderRow {
  JsonValue kind;
  JsonEncoder encode;
};

constexpr auto kEncoders = std::to_array<EncoderRow>({
    {JsonValue::Null, write_null},
    {JsonValue::Number, write_printed_number},
    {JsonValue::Id, write_id},
    {JsonValue::Text, write_printed_text},
    {JsonValue::CpuSeconds, write_cpu_seconds},
    {JsonValue::CpuSecondsWithChildren, write_cpu_seconds_with_children},
    {JsonValue::ElapsedSeconds, write_elapsed_seconds},
    {JsonValue::StartEpoch, write_start_epoch},
    {JsonValue::CommandLine, write_args},
    {JsonValue::CommandName, write_comm},
    {JsonValue::KernelName, write_kernel_name},
    {JsonValue::ExePath, write_exe},
    {JsonValue::Cgroup, write_cgroup},
    {JsonValue::CgroupName, write_cgroup_name},
});

constexpr bool encoders_in_enum_order() {
  for (std::size_t i = 0; i < kEncoders.size(); ++i)
    if (static_cast<std::size_t>(kEncoders[i].kind) != i) return false;
  return static_cast<std::size_t>(JsonValue::CgroupName) + 1 == kEncoders.size();
}
static_assert(encoders_in_enum_order(), "one encoder per JsonValue, in enum order");

}  // namespace

void write_json_value(const ColumnSpec& column, const PrintContext& ctx, const TaskRef& task,
                      common::JsonWriter& json, std::string& scratch) {
  kEncoders[static_cast<std::size_t>(column.json)].encode({column, ctx, task, json, scratch});
}

}  // namespace td::ps
