#include "rcfile_writer.h"

#include <fmt/format.h>

namespace td::top {

namespace {

constexpr int kFieldsPerLine = 20;  // FLD_ROWMAX

}  // namespace

std::string rcfile_text(const TopConfig& config, const std::string& program) {
  std::string out = program + "'s Config File (Linux processes with windows)\n";
  // The delay's fraction in thousandths as an integer, whatever the locale.
  const int whole = static_cast<int>(config.delay);
  out += fmt::format("Id:{}, Mode_altscr={}, Mode_irixps={}, Delay_time={}.{}, Curwin={}\n", 'k',
                     config.alternate_display, config.irix_mode, whole,
                     static_cast<int>((config.delay - static_cast<float>(whole)) * 1000),
                     config.current_window);
  for (const WindowConfig& w : config.windows) {
    out += w.name + "\tfieldscur=";
    int n = 0;
    while (n < kFieldSlots && w.fields[static_cast<std::size_t>(n)] != 0)
      ++n;
    for (int j = 0; j < n; ++j) {
      if (j && !(j % kFieldsPerLine)) out += "\n\t\t  ";
      out += fmt::format("{:4d} ", w.fields[static_cast<std::size_t>(j)]);
    }
    out += "\n";
    out += fmt::format(
        "\twinflags={}, sortindx={}, maxtasks={}, graph_cpus={}, graph_mems={}, double_up={}, "
        "combine_cpus={}, core_types={}\n",
        w.flags, w.sort_field, w.max_tasks, w.graph_cpus, w.graph_memory, w.double_up,
        w.combine_cpus, w.core_types);
    out += fmt::format("\tsummclr={}, msgsclr={}, headclr={}, taskclr={}\n", w.summary_color,
                       w.message_color, w.header_color, w.task_color);
  }
  out += fmt::format(
      "Fixed_widest={}, Summ_mscale={}, Task_mscale={}, Zero_suppress={}, Tics_scaled={}\n",
      config.fixed_widest, config.summary_scale, config.task_scale, config.zero_suppress,
      config.tics_scaled);
  bool any_filter = false;
  for (const WindowConfig& w : config.windows)
    any_filter = any_filter || !w.filters.empty();
  if (any_filter) {
    out += "\nbegin: saved other filter data -------------------\n";
    for (int i = 0; i < kWindows; ++i) {
      const auto& filters = config.windows[static_cast<std::size_t>(i)].filters;
      if (filters.empty()) continue;
      out += fmt::format("window #{}, osel_tot={}\n", i, filters.size());
      // top keeps its filters newest first, and writes them in that order.
      for (const OtherFilter& f : filters)
        out += fmt::format("\ttype={},\tfilter={}\n", f.ignore_case ? 'o' + 0 : 'O' + 0, f.raw);
    }
    out += "end  : saved other filter data -------------------\n";
  }
  return out;
}

}  // namespace td::top
