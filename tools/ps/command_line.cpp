#include "command_line.h"

#include <algorithm>

#include "layout.h"

namespace td::ps {

namespace {

// procps thread_option_check: the thread display modes and their conflicts.
std::string check_thread_options(Options& opt) {
  unsigned& flags = opt.thread_flags;
  if (!flags) {
    flags = kThreadShowProcess;
    return {};
  }
  if (opt.forest_type) return "thread display conflicts with forest display";
  if ((flags & kThreadBsdH) && (flags & (kThreadBsdM | kThreadUnixM)))
    return "thread flags conflict; can't use H with m or -m";
  if ((flags & kThreadBsdM) && (flags & kThreadUnixM))
    return "thread flags conflict; can't use both m and -m";
  if ((flags & kThreadUnixL) && (flags & kThreadUnixT))
    return "thread flags conflict; can't use both -L and -T";
  if (flags & kThreadBsdH) flags |= kThreadShowProcess | kThreadLooseTasks;
  if (flags & (kThreadBsdM | kThreadUnixM))
    flags |= kThreadShowProcess | kThreadShowTask | kThreadShowBoth;
  if (flags & (kThreadUnixT | kThreadUnixL)) {
    if (flags & (kThreadBsdM | kThreadUnixM | kThreadBsdH))
      flags |= kThreadMustUse;
    else
      flags |= kThreadShowTask;
  }
  return {};
}

std::string one_pass(std::span<const std::string_view> args, bool force_bsd,
                     const InvocationEnvironment& env, Invocation& out) {
  out = Invocation{};
  out.options.personality = env.personality.bits;
  out.options.prefer_bsd_defaults = env.personality.prefer_bsd_defaults;
  out.options.predefined = env.personality.formats;
  if (force_bsd) {
    out.options.prefer_bsd_defaults = true;
    // Prefer old Linux over true BSD for "m", unless the personality chose.
    if (!(out.options.personality & (kPersonalityOldM | kPersonalityBsdM)))
      out.options.personality |= kPersonalityOldM;
  }
  std::string err = parse_options(args, force_bsd, out.options);
  if (!err.empty() || out.options.action != Action::Report) return err;
  err = check_thread_options(out.options);
  if (!err.empty()) return err;
  FormatEnvironment format_env{env.pid_width, env.ps_format};
  err = build_format(out.options, format_env, out.format);
  if (!err.empty()) return err;
  return out.selector.setup(out.options, env.self);
}

}  // namespace

std::string parse_command_line(std::span<const std::string_view> args,
                               const InvocationEnvironment& env, Invocation& out) {
  // A BSD personality (bsd, old) goes straight to the BSD pass, as procps' arg_parse
  // does; that pass re-reads the screen size, so its warning shows again.
  std::string first;
  if (!(env.personality.bits & kPersonalityForceBsd)) first = one_pass(args, false, env, out);
  if (!first.empty() || (env.personality.bits & kPersonalityForceBsd)) {
    std::string second = one_pass(args, true, env, out);
    if (!second.empty()) return first.empty() ? second : first;
    out.reparsed = true;
  }
  // procps choose_dimensions: w gives at least 132 columns, ww unlimited.
  out.screen_cols = out.options.columns.value_or(env.screen_cols);
  out.screen_rows = out.options.rows.value_or(env.screen_rows);
  if (out.options.w_count && out.screen_cols < 132) out.screen_cols = 132;
  if (out.options.w_count > 1) out.screen_cols = kOutbufSize;
  return {};
}

std::string quick_pid_conflicts(const Invocation& invocation) {
  const Options& opt = invocation.options;
  const auto quick = static_cast<std::size_t>(
      std::count_if(opt.lists.begin(), opt.lists.end(),
                    [](const SelectionList& list) { return list.kind == ListKind::QuickPid; }));
  if (quick > 1) return "q/-q/--quick-pid can only be used once.";
  if (quick == 0) return {};
  if (opt.lists.size() > quick)
    return "q/-q/--quick-pid cannot be combined with other selection options.";
  if (opt.forest_type) return "q/-q/--quick-pid cannot be used together with forest type listings.";
  if (!invocation.format.sort.empty())
    return "q/-q,--quick-pid cannot be used together with sort options.";
  if (opt.negate) return "q/-q/--quick-pid cannot be used together with negation switches.";
  return {};
}

}  // namespace td::ps
