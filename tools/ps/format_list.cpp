#include "format_list.h"

#include <algorithm>
#include <cstdlib>

#include "format_tables.h"

namespace td::ps {

namespace {

using Columns = std::vector<FormatColumn>;

bool is_list_separator(char c) {
  return c == ' ' || c == ',' || c == '\t' || c == '\n';
}

// Counts the items of a format or sort list: separators may not lead or double, one may
// trail (and is dropped from `buf`). Returns procps' message for a malformed list.
std::string count_list_items(std::string& buf, const char* kind, std::size_t& items) {
  items = 0;
  bool need_item = true;
  for (std::size_t i = 0; i == 0 || i < buf.size(); ++i) {
    const char c = i < buf.size() ? buf[i] : '\0';
    if (c == '\0' || is_list_separator(c)) {
      if (need_item) return std::string("improper ") + kind + " list";
      need_item = true;
    } else {
      if (need_item) ++items;
      need_item = false;
    }
  }
  if (items == 0) return std::string("empty ") + kind + " list";
  if (need_item) buf.pop_back();
  return {};
}

class FormatBuilder {
 public:
  FormatBuilder(const Options& options, const FormatEnvironment& env, FormatPlan& plan)
      : opt_(options), env_(env), plan_(plan) {}

  std::string build();

 private:
  // One specifier or macro, in output order; false when the name is unknown.
  bool one_spec(std::string_view name, const std::string* header, Columns& out) const;
  std::string format_list(const std::string& text, Columns& out);
  std::string aix_list(const std::string& text, Columns& out) const;
  std::string sort_list(const std::string& text);
  static std::string check_short_sort(const std::string& text, char forest_type);
  void short_sort(const std::string& text);
  void wrap_for_big_o(Columns& user, bool bsd) const;

  const Options& opt_;
  const FormatEnvironment& env_;
  FormatPlan& plan_;
  bool parsed_format_ = false;
  bool parsed_sort_ = false;
  std::string unknown_spec_error_;
};

bool FormatBuilder::one_spec(std::string_view name, const std::string* header, Columns& out) const {
  return append_spec(name, header, env_.pid_width, out);
}

std::string FormatBuilder::format_list(const std::string& text, Columns& out) {
  std::size_t items = 0;
  std::string buf = text;
  std::string err = count_list_items(buf, "format", items);
  std::size_t pos = 0;
  // An improper or empty list may still be AIX descriptors ("%p  %c"), as below.
  if (!err.empty()) items = 0;
  while (items--) {
    // Only the last item may keep separators, in its header (Unix98).
    std::size_t end = buf.size();
    if (items) {
      const std::size_t sep = buf.find_first_of(" ,\t\n", pos);
      if (sep != std::string::npos) end = sep;
    }
    std::string item = buf.substr(pos, end - pos);
    std::optional<std::string> header;
    if (const std::size_t eq = item.find('='); eq != std::string::npos) {
      header = item.substr(eq + 1);
      item.resize(eq);
    }
    std::optional<std::string> width;
    if (const std::size_t colon = item.find(':'); colon != std::string::npos) {
      width = item.substr(colon + 1);
      item.resize(colon);
      if (width->empty() || (*width)[0] == '0' ||
          width->find_first_not_of("0123456789") != std::string::npos ||
          std::atoi(width->c_str()) <= 0) {
        err = "column widths must be unsigned decimal numbers";
        break;
      }
    }
    Columns one;
    if (!one_spec(item, header ? &*header : nullptr, one)) {
      if (unknown_spec_error_.empty())
        unknown_spec_error_ = "unknown user-defined format specifier \"" + item + "\"";
      err = unknown_spec_error_;
      break;
    }
    if (width) {
      if (one.size() > 1) {
        err = "can not set width for a macro (multi-column) format specifier";
        break;
      }
      one.front().width = std::atoi(width->c_str());
    }
    out.insert(out.end(), one.begin(), one.end());
    pos = end + 1;
  }
  if (err.empty()) {
    parsed_format_ = true;
    return {};
  }
  // Any list with a '%' may be AIX descriptors ("%p %c") instead.
  if (text.find('%') != std::string::npos) err = aix_list(text, out);
  return err;
}

std::string FormatBuilder::aix_list(const std::string& text, Columns& out) const {
  // Check first. After the first character, only blanks may separate descriptors, and
  // '%' must be followed by a descriptor letter (4.0.2 does not check the first one).
  std::size_t i = 1;
  char c = text.empty() ? '\0' : text[0];
  for (;;) {
    if (c == '%') {
      c = i < text.size() ? text[i++] : '\0';
      if (c == '\0' || c == ' ') return "missing AIX field descriptor";
      continue;  // the descriptor letter stands where text may start
    }
    if (c == '\0') break;
    c = i < text.size() ? text[i++] : '\0';
    while (c == ' ')
      c = i < text.size() ? text[i++] : '\0';
    if (c == '%') continue;
    if (c != '\0') return "improper AIX field descriptor";
    break;
  }
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (text[pos] == '%') {
      ++pos;
      if (text[pos] == '%') return "missing AIX field descriptor";
      const AixDescriptor* aix = find_aix_descriptor(text[pos]);
      ++pos;
      if (aix == nullptr) return "unknown AIX field descriptor";
      const std::string header(aix->header);
      one_spec(aix->spec, &header, out);
    } else {
      const std::size_t end = std::min(text.find('%', pos), text.size());
      const std::string literal = text.substr(pos, end - pos);
      out.push_back(FormatColumn{nullptr, literal, static_cast<int>(literal.size())});
      pos = end;
    }
  }
  // 4.0.2 ends an AIX list with an empty text column, which pads the last real column to
  // its width ("%C%U" prints "USER    ").
  out.push_back(FormatColumn{nullptr, std::string(), 0});
  return {};
}

std::string FormatBuilder::sort_list(const std::string& text) {
  std::size_t items = 0;
  std::string buf = text;
  if (std::string err = count_list_items(buf, "sort", items); !err.empty()) return err;
  std::size_t pos = 0;
  while (items--) {
    const std::size_t end = std::min(buf.find_first_of(" ,\t\n", pos), buf.size());
    std::string_view key = std::string_view(buf).substr(pos, end - pos);
    SortKey sort;
    if (key.starts_with('-')) {
      sort.descending = true;
      key.remove_prefix(1);
    } else if (key.starts_with('+')) {
      key.remove_prefix(1);
    }
    sort.spec = find_column(key);
    if (sort.spec == nullptr) return "unknown sort specifier";
    plan_.sort.push_back(sort);
    pos = end + 1;
  }
  return {};
}

std::string FormatBuilder::check_short_sort(const std::string& text, char forest_type) {
  static constexpr std::string_view kAll = "CGJKMNPRSTUcfgjkmnoprstuvy+-";
  if (text.find_first_not_of(kAll) != std::string::npos) return "bad sorting code";
  bool seen[256] = {};
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+' || c == '-') {
      if (i + 1 >= text.size() || text[i + 1] == '+' || text[i + 1] == '-')
        return "bad sorting code";
      continue;
    }
    if (c == 'P' && forest_type) return "PPID sort and forest output conflict";
    if (seen[static_cast<unsigned char>(c)]) return "bad sorting code";
    seen[static_cast<unsigned char>(c)] = true;
  }
  return {};
}

void FormatBuilder::short_sort(const std::string& text) {
  // ps' short_sort_parse: the first key ascends unless signed; after each key the order is
  // 0 until the next + or -.
  SortKey next;
  for (char c : text) {
    if (c == '+' || c == '-') {
      next.descending = c == '-';
      next.ordered = true;
      continue;
    }
    // J (cstime) and K pass the check but name no specifier: ps stops there with an error
    // that parse_O_option ignores, keeping the keys before them.
    next.spec = find_column(find_short_sort_key(c));
    if (next.spec == nullptr) return;
    plan_.sort.push_back(next);
    next = SortKey{nullptr, false, false};
  }
}

void FormatBuilder::wrap_for_big_o(Columns& user, bool bsd) const {
  Columns wrapped;
  one_spec("pid", nullptr, wrapped);
  wrapped.insert(wrapped.end(), user.begin(), user.end());
  one_spec(bsd ? "END_BSD" : "END_SYS5", nullptr, wrapped);
  user = std::move(wrapped);
}

std::string FormatBuilder::build() {
  Columns columns;
  for (const DeferredFormat& deferred : opt_.formats) {
    std::string err;
    Columns own;
    switch (deferred.source) {
      case FormatSource::BsdO:
      case FormatSource::GnuFormat:
      case FormatSource::UnixO:
        err = format_list(deferred.text, own);
        break;
      case FormatSource::UnixBigO:
        if (parsed_format_) return "option -O can not follow other format options";
        err = format_list(deferred.text, own);
        if (!err.empty()) return err;
        wrap_for_big_o(own, false);
        break;
      case FormatSource::BsdBigO: {
        const bool gnu_sort =
            std::any_of(opt_.formats.begin(), opt_.formats.end(),
                        [](const DeferredFormat& f) { return f.source == FormatSource::GnuSort; });
        err = (gnu_sort || parsed_sort_) ? "multiple sort options"
                                         : check_short_sort(deferred.text, opt_.forest_type);
        if (err.empty()) {
          short_sort(deferred.text);
          parsed_sort_ = true;
          break;
        }
        if (parsed_format_) {
          err = "option O is neither first format nor sort order";
          break;
        }
        Columns attempt;
        if (format_list(deferred.text, attempt).empty()) {
          wrap_for_big_o(attempt, true);
          own = std::move(attempt);
          err.clear();
        }
        break;
      }
      case FormatSource::GnuSort:
      case FormatSource::BsdM:
        err = parsed_sort_ ? "multiple sort options" : sort_list(deferred.text);
        parsed_sort_ = true;
        break;
    }
    columns.insert(columns.end(), own.begin(), own.end());
    if (!err.empty()) return err;
  }

  // $PS_FORMAT replaces the default format when no option chose one.
  if (!opt_.format_flags && !opt_.format_modifiers && columns.empty() && env_.ps_format &&
      !env_.ps_format->empty()) {
    if (opt_.thread_flags & kThreadMustUse)
      return "tell <procps@freelists.org> what you want (-L/-T, -m/m/H, and $PS_FORMAT)";
    Columns from_env;
    std::string err = format_list(*env_.ps_format, from_env);
    if (err.empty()) {
      plan_.columns = std::move(from_env);
      return {};
    }
    plan_.warnings.push_back("warning: $PS_FORMAT ignored. (" + err + ")");
  }

  if (!columns.empty()) {
    if (opt_.format_flags) return "conflicting format options";
    if (opt_.format_modifiers) return "can not use output modifiers with user-defined output";
    if (opt_.thread_flags & kThreadMustUse) return "-L/-T with H/m/-m and -o/-O/o/O is nonsense";
    plan_.columns = std::move(columns);
    return {};
  }

  // The personality's macro for a predefined format; none (SysV) builds the default list.
  const PredefinedFormats& predefined = opt_.predefined;
  std::string_view macro;
  switch (opt_.format_flags) {
    case 0:
      break;
    case kFormatUnixF | kFormatUnixL:
      macro = predefined.sysv_fl;
      break;
    case kFormatUnixF:
      macro = predefined.sysv_f;
      break;
    case kFormatUnixL:
      macro = predefined.sysv_l;
      break;
    // Only with a personality that has a SysV -j format (Debian and Digital).
    case kFormatUnixJ:
      macro = predefined.sysv_j;
      break;
    case kFormatUnixJ | kFormatUnixL:
      macro = "RD_lj";
      break;
    case kFormatUnixJ | kFormatUnixF:
      macro = "RD_fj";
      break;
    case kFormatBsdJ:
      macro = predefined.bsd_j;
      break;
    case kFormatBsdL:
      macro = predefined.bsd_l;
      break;
    case kFormatBsdS:
      macro = predefined.bsd_s;
      break;
    case kFormatBsdU:
      macro = predefined.bsd_u;
      break;
    case kFormatBsdV:
      macro = predefined.bsd_v;
      break;
    case kFormatBsdX:
      macro = "OL_X";
      break;
    case kFormatBsdM:
      macro = "OL_m";
      break;
    case kFormatContext:
      macro = "FLASK_context";
      break;
    default:
      return "conflicting format options";
  }
  if (macro.empty()) return sysv_default_format(opt_, env_.pid_width, plan_.columns);
  one_spec(macro, nullptr, plan_.columns);
  return apply_format_modifiers(opt_, env_.pid_width, plan_.columns);
}

}  // namespace

bool append_spec(std::string_view name, const std::string* header, int pid_width,
                 std::vector<FormatColumn>& out) {
  if (const ColumnSpec* spec = find_column(name)) {
    int width = spec->width;
    if (width == kPidWidth) width = std::max(pid_width, static_cast<int>(spec->header.size()));
    FormatColumn column{spec, std::string(spec->header), width};
    if (header != nullptr) {
      column.header = *header;
      column.width = std::max(width, static_cast<int>(header->size()));
    }
    out.push_back(std::move(column));
    return true;
  }
  const std::string_view macro = find_macro(name);
  if (macro.empty()) return false;
  std::size_t pos = 0;
  while (pos <= macro.size()) {
    const std::size_t end = std::min(macro.find_first_of(", ", pos), macro.size());
    append_spec(macro.substr(pos, end - pos), header, pid_width, out);
    pos = end + 1;
  }
  return true;
}

std::string build_format(const Options& options, const FormatEnvironment& env, FormatPlan& out) {
  out = FormatPlan{};
  FormatBuilder builder(options, env, out);
  return builder.build();
}

}  // namespace td::ps
