// The predefined SysV list and the modifiers of predefined formats.
#include <algorithm>
#include <array>

#include "format_list.h"

namespace td::ps {

namespace {

using Columns = std::vector<FormatColumn>;

// Inserts the column of `spec` after the first column headed `after`.
bool add_after(Columns& columns, std::string_view after, std::string_view spec, int pid_width) {
  const auto it = std::find_if(columns.begin(), columns.end(),
                               [&](const FormatColumn& c) { return c.header == after; });
  if (it == columns.end()) return false;
  Columns one;
  append_spec(spec, nullptr, pid_width, one);
  columns.insert(it + 1, one.begin(), one.end());
  return true;
}

// Removes the first column headed `header`.
bool remove_column(Columns& columns, std::string_view header) {
  const auto it = std::find_if(columns.begin(), columns.end(),
                               [&](const FormatColumn& c) { return c.header == header; });
  if (it == columns.end()) return false;
  columns.erase(it);
  return true;
}

// Not a specifier: text printed on every line, like AIX format text.
constexpr std::string_view kLiteralColon = ":";

}  // namespace

std::string sysv_default_format(const Options& options, int pid_width, Columns& out) {
  const unsigned flags = options.format_flags;
  const unsigned mods = options.format_modifiers;
  const unsigned threads = options.thread_flags;
  const unsigned personality = options.personality;
  if ((mods & kModifierY) && !(flags & kFormatUnixL))
    return "modifier -y without format -l makes no sense";

  // procps builds this list back to front; so do we, then reverse it.
  std::vector<std::string_view> specs;
  if (options.prefer_bsd_defaults) {
    specs.push_back(flags ? "cmd" : "args");
    specs.push_back("bsdtime");
    if (!(flags & kFormatUnixL)) specs.push_back("stat");
  } else {
    specs.push_back((flags & kFormatUnixF) ? "cmd" : "ucmd");
    specs.push_back("time");
  }
  specs.push_back("tname");  // Unix98 says "TTY" here, yet "tty" produces "TT"
  if (flags & kFormatUnixF) specs.push_back("stime");
  if (mods & kModifierF) {
    if (!(mods & kModifierP)) specs.push_back("psr");
    if (!((flags & kFormatUnixL) && (mods & kModifierY))) specs.push_back("rss");
  }
  if (flags & kFormatUnixL) specs.push_back("wchan");
  // IRIX shows "SZ:RSS" (the literal ':' is a column of its own).
  if ((personality & kPersonalityIrixL) && (flags & kFormatUnixL) && !(mods & kModifierY)) {
    specs.push_back("sgi_rss");
    specs.push_back(kLiteralColon);
  }
  if ((mods & kModifierF) || (flags & kFormatUnixL)) specs.push_back("sz");
  if (flags & kFormatUnixL) {
    if (mods & kModifierY)
      specs.push_back("rss");
    else if (personality & (kPersonalityZapAddr | kPersonalityIrixL))
      specs.push_back("sgi_p");
    else
      specs.push_back("addr_1");
  }
  if (mods & kModifierC) {
    specs.push_back("pri");
    specs.push_back("class");
  } else if (flags & kFormatUnixL) {
    specs.push_back("ni");
    specs.push_back((personality & kPersonalityIrixL) ? "priority" : "opri");
  }
  // NLWP before C, the order procps has kept since 3.1.
  if ((threads & kThreadUnixL) && (flags & kFormatUnixF)) specs.push_back("nlwp");
  if ((flags & (kFormatUnixF | kFormatUnixL)) && !(mods & kModifierC)) specs.push_back("c");
  if (mods & kModifierP) specs.push_back("psr");
  if (threads & kThreadUnixL) specs.push_back("lwp");
  if (mods & kModifierJ) {
    specs.push_back("sid");
    specs.push_back("pgid");
  }
  if (flags & (kFormatUnixF | kFormatUnixL)) specs.push_back("ppid");
  if (threads & kThreadUnixT) specs.push_back("spid");
  specs.push_back("pid");
  if (flags & kFormatUnixF)
    specs.push_back((personality & kPersonalitySaneUser) ? "user" : "uid_hack");
  else if (flags & kFormatUnixL)
    specs.push_back("uid");
  if (flags & kFormatUnixL) {
    specs.push_back("s");
    if (!(mods & kModifierY)) specs.push_back("f");
  }
  if (mods & kModifierM) specs.push_back("label");

  for (auto it = specs.rbegin(); it != specs.rend(); ++it) {
    if (*it == kLiteralColon)
      out.push_back(FormatColumn{nullptr, std::string(kLiteralColon), 1});
    else
      append_spec(*it, nullptr, pid_width, out);
  }
  return {};
}

std::string apply_format_modifiers(const Options& options, int pid_width, Columns& columns) {
  const unsigned mods = options.format_modifiers;
  const unsigned threads = options.thread_flags;
  if (mods & kModifierJ) {
    if (!add_after(columns, "PPID", "pgid", pid_width) &&
        !add_after(columns, "PID", "pgid", pid_width))
      return "internal error: no PID or PPID for -j option";
    if (!add_after(columns, "PGID", "sid", pid_width)) return "lost my PGID";
  }
  if (mods & kModifierY) {
    remove_column(columns, "F");
    if (add_after(columns, "ADDR", "rss", pid_width)) remove_column(columns, "ADDR");
  }
  if (mods & kModifierC) {
    for (std::string_view header : {"%CPU", "CPU", "CP", "C", "NI"})
      remove_column(columns, header);
    if (!add_after(columns, "PRI", "class", pid_width))
      return "internal error: no PRI for -c option";
    remove_column(columns, "PRI");
    if (!add_after(columns, "CLS", "pri", pid_width)) return "lost my CLS";
  }
  if (threads & kThreadUnixT) {
    if (!add_after(columns, "PID", "spid", pid_width) && (threads & kThreadMustUse))
      return "-T with H/-m/m but no PID for SPID to follow";
  }
  if (threads & kThreadUnixL) {
    bool placed = false;
    for (std::string_view after : {"SID", "SESS", "PGID", "PGRP", "PPID", "PID"}) {
      if ((placed = add_after(columns, after, "lwp", pid_width))) break;
    }
    if (!placed && (threads & kThreadMustUse))
      return "-L with H/-m/m but no PID/PGID/SID/SESS for NLWP to follow";
    add_after(columns, "%CPU", "nlwp", pid_width);
  }
  if (mods & kModifierM) {
    Columns label;
    append_spec("label", nullptr, pid_width, label);
    columns.insert(columns.begin(), label.begin(), label.end());
  }
  return {};
}

}  // namespace td::ps
