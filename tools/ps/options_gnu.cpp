// GNU long options: "--pid 1", "--pid=1", "--pid:1".
#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>

#include "options_parser.h"

namespace td::ps::detail {

std::string Parser::gnu_word() {
  const std::string_view body = word_.substr(2);
  const std::size_t name_len = std::min(body.find_first_of(":="), body.size());
  if (name_len > 15) return "unknown gnu long option";
  const std::string_view name = body.substr(0, name_len);
  const std::string_view rest = body.substr(name_len);

  auto list_option = [&](ListKind kind, const char* missing) -> std::string {
    auto arg = long_option_argument(rest);
    if (!arg) return missing;
    return add_list(*arg, kind);
  };
  // Flags take no argument: "--forest=x" is an error.
  const bool has_argument = !rest.empty();

  if (name == "Group")
    return list_option(ListKind::Rgid, "list of real groups must follow --Group");
  if (name == "User") return list_option(ListKind::Ruid, "list of real users must follow --User");
  if (name == "group")
    return list_option(ListKind::Egid, "list of effective groups must follow --group");
  if (name == "user")
    return list_option(ListKind::Euid, "list of effective users must follow --user");
  if (name == "pid") return list_option(ListKind::Pid, "list of process IDs must follow --pid");
  if (name == "ppid") return list_option(ListKind::Ppid, "list of process IDs must follow --ppid");
  if (name == "quick-pid")
    return list_option(ListKind::QuickPid, "List of process IDs must follow --quick-pid.");
  if (name == "sid") return list_option(ListKind::Session, "some sid thing(s) must follow --sid");
  if (name == "tty") return list_option(ListKind::Tty, "list of ttys must follow --tty");
  if (name == "cols" || name == "columns" || name == "width" || name == "rows" || name == "lines") {
    const bool cols = name != "rows" && name != "lines";
    auto arg = long_option_argument(rest);
    if (arg && !arg->empty()) {
      const std::string text(*arg);
      char* end = nullptr;
      errno = 0;
      const long value = std::strtol(text.c_str(), &end, 0);
      if (*end == '\0' && value > 0 && value < 2000000000) {
        (cols ? opt_.columns : opt_.rows) = static_cast<int>(value);
        return {};
      }
    }
    return cols ? "number of columns must follow --cols, --width, or --columns"
                : "number of rows must follow --rows or --lines";
  }
  if (name == "cumulative") {
    if (has_argument) return "option --cumulative does not take an argument";
    opt_.modes.include_dead_children = true;
    return {};
  }
  if (name == "deselect") {
    if (has_argument) return "option --deselect does not take an argument";
    opt_.negate = true;
    return {};
  }
  static constexpr std::array<std::string_view, 8> kNoHeaders = {
      "no-header", "no-headers", "no-heading", "no-headings",
      "noheader",  "noheaders",  "noheading",  "noheadings"};
  if (std::find(kNoHeaders.begin(), kNoHeaders.end(), name) != kNoHeaders.end()) {
    if (has_argument) return "option --no-heading does not take an argument";
    if (opt_.header != HeaderMode::Single) return "only one heading option may be specified";
    opt_.header = HeaderMode::None;
    return {};
  }
  if (name == "header" || name == "headers" || name == "heading" || name == "headings") {
    if (has_argument) return "option --heading does not take an argument";
    if (opt_.header != HeaderMode::Single) return "only one heading option may be specified";
    opt_.header = HeaderMode::Repeat;
    return {};
  }
  if (name == "forest") {
    if (has_argument) return "option --forest does not take an argument";
    opt_.forest_type = 'g';
    return {};
  }
  if (name == "format") {
    auto arg = long_option_argument(rest);
    if (!arg) return "format specification must follow --format";
    opt_.formats.push_back({std::string(*arg), FormatSource::GnuFormat});
    return {};
  }
  if (name == "sort") {
    auto arg = long_option_argument(rest);
    if (!arg) return "long sort specification must follow --sort";
    opt_.formats.push_back({std::string(*arg), FormatSource::GnuSort});
    return {};
  }
  if (name == "context") {
    opt_.format_flags |= kFormatContext;
    return {};
  }
  if (name == "version") {
    if (!exclusive("--version")) return "the option is exclusive: --version";
    opt_.action = Action::Version;
    return {};
  }
  if (name == "help") {
    auto arg = long_option_argument(rest);
    opt_.action = Action::Help;
    opt_.help_topic = arg ? std::string(*arg) : std::string();
    return {};
  }
  if (name == "info") {
    if (!exclusive("--info")) return "the option is exclusive: --info";
    opt_.action = Action::Info;
    return {};
  }
  // Not in procps: JSON output and scan diagnostics.
  if (name == "json") {
    if (has_argument) return "option --json does not take an argument";
    opt_.json = true;
    return {};
  }
  if (name == "debug") {
    if (has_argument) return "option --debug does not take an argument";
    opt_.debug = true;
    return {};
  }
  // Not in procps: the libprocscan backend, as every td tool takes it.
  if (name == "backend") {
    auto arg = long_option_argument(rest);
    procscan::BackendChoice choice{};
    if (!arg || !procscan::parse_backend_choice(*arg, choice))
      return "backend must be one of auto, taskdiag, bpf, procfs";
    opt_.backend = choice;
    return {};
  }
  return "unknown gnu long option";
}

}  // namespace td::ps::detail
