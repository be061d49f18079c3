#include "summary.h"

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <cstring>

#include "special_text.h"

namespace td::top {

namespace {

constexpr int kGraphMax = 100;                  // GRAPH_length_max
constexpr int kGraphMin = 10;                   // GRAPH_length_min
constexpr int kGraphPrefix = 25;                // GRAPH_prefix_std: '.......: 100.0/100.0 100['
constexpr int kGraphPrefixAbove = 12;           // GRAPH_prefix_abv: '.......:100['
constexpr int kGraphSuffix = 2;                 // GRAPH_suffix: '] '
constexpr std::string_view kAdjoin = " ~6 ~1";  // between CPUs (or memory lines) side by side
constexpr int kAdjoinSpace = 2;                 // its width once the markers are gone

// snprintf into a std::string, as top's fmtmk() and its row buffers do.
std::string format(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
std::string format(const char* fmt, ...) {
  char buffer[1024];
  va_list args;
  va_start(args, fmt);
  std::vsnprintf(buffer, sizeof buffer, fmt, args);
  va_end(args);
  return buffer;
}

struct Graph {
  float adjust = 0;
  int length = 0;
  int style = 0;  // 1 bars, 2 blocks
  long total = 0, part1 = 0, part2 = 0;
};

struct GraphText {
  float one = 0, two = 0, total = 0;
  std::string graph;
};

// top.c sum_rx.
GraphText graph_text(const Graph& g) {
  static constexpr const char* kPart1[] = {"%-.*s~7", "%-.*s~4"};
  static constexpr const char* kPart2[] = {"%-.*s~8", "%-.*s~6"};
  static const std::string kBars(kGraphMax, '|');
  static const std::string kBlocks(kGraphMax, ' ');
  GraphText rx;
  float scale = 0.0;
  if (g.total > 0) scale = static_cast<float>(100.0 / static_cast<double>(g.total));
  rx.one = scale * static_cast<float>(g.part1);
  rx.two = scale * static_cast<float>(g.part2);
  if (rx.one + rx.two > 100.0 || rx.two < 0) rx.two = 0;
  rx.total = rx.one + rx.two;
  int num1 = static_cast<int>((rx.one * g.adjust) + .5);
  int num2 = static_cast<int>((rx.two * g.adjust) + .5);
  if (num1 + num2 > g.length) {
    if (num1 > g.length) num1 = g.length;
    num2 = g.length - num1;
  }
  int width = g.length;
  const int ix = g.style - 1;
  const std::string& fill = ix == 0 ? kBars : kBlocks;
  std::string parts;
  if (num1) {
    parts += format(kPart1[ix], num1, fill.c_str());
    width += 2;
  }
  if (num2) {
    parts += format(kPart2[ix], num2, fill.c_str());
    width += 2;
  }
  rx.graph = format("[~1%-*.*s] ~1", width, width, parts.c_str());
  return rx;
}

class SummaryPrinter {
 public:
  SummaryPrinter(std::string& out, const SummaryInput& input, const WindowConfig& window,
                 const SummaryLayout& layout)
      : out_(out), input_(input), w_(window), layout_(layout) {
    size_graphs();
  }

  int print();

 private:
  bool room_for(int flag, int lines) const {
    return (w_.flags & flag) && rows_ + lines < layout_.rows - 1;
  }
  void special(const std::string& glob) {
    append_special(out_, glob, layout_.columns, layout_.caps);
  }
  int see(const std::string& text, bool alone);
  int tics(const CpuDelta& d, const std::string& prefix, bool alone);
  int unify(const CpuDelta& d, bool alone);
  void cpus();
  void memory();
  void size_graphs();

  std::string& out_;
  const SummaryInput& input_;
  const WindowConfig& w_;
  const SummaryLayout& layout_;
  int rows_ = 0;
  Graph cpu_graph_, memory_graph_;
  // sum_see: lines waiting to be shown side by side (double_up), and how many.
  std::string pending_;
  int pending_count_ = 0;
  // sum_unify: CPUs being combined.
  CpuDelta combined_;
  int combined_count_ = 0;
  int combined_first_ = 0;
};

// top.c adj_geometry: the graphs' lengths for the screen width and the CPUs per line.
void SummaryPrinter::size_graphs() {
  if (w_.double_up) {
    const int num = w_.double_up + 1;
    const int prefix = w_.double_up < 2 ? kGraphPrefix : kGraphPrefixAbove;
    cpu_graph_.length =
        (layout_.columns - (kAdjoinSpace * w_.double_up) - (num * (prefix + kGraphSuffix))) / num;
    cpu_graph_.length = std::clamp(cpu_graph_.length, kGraphMin, kGraphMax);
    memory_graph_.length = (layout_.columns - kAdjoinSpace - (2 * (prefix + kGraphSuffix))) / 2;
    memory_graph_.length = std::clamp(memory_graph_.length, kGraphMin, kGraphMax);
    if (num > 2) {
      const int cpu_width = kGraphPrefixAbove + cpu_graph_.length + kGraphSuffix;
      const int next = cpu_width + kAdjoinSpace;
      int length = cpu_width;
      while (length + next <= kGraphMax)
        length += next;
      memory_graph_.length = length - (kGraphPrefixAbove + kAdjoinSpace);
    }
  } else {
    cpu_graph_.length = layout_.columns - (kGraphPrefix + kGraphMax + kGraphSuffix);
    if (cpu_graph_.length >= 0)
      cpu_graph_.length = kGraphMax;
    else
      cpu_graph_.length = layout_.columns - kGraphPrefix - kGraphSuffix;
    if (cpu_graph_.length < kGraphMin) cpu_graph_.length = kGraphMin;
    memory_graph_.length = cpu_graph_.length;
  }
  cpu_graph_.adjust = static_cast<float>(cpu_graph_.length) / 100.0f;
  cpu_graph_.style = w_.graph_cpus;
  memory_graph_.adjust = static_cast<float>(memory_graph_.length) / 100.0f;
  memory_graph_.style = w_.graph_memory;
}

// top.c sum_see: with double_up, lines wait to be shown side by side.
int SummaryPrinter::see(const std::string& text, bool alone) {
  pending_ += text;
  if (!text.empty() && w_.double_up && !alone) {
    if (++pending_count_ <= w_.double_up) {
      pending_ += kAdjoin;
      return 0;
    }
  }
  if (pending_.empty()) return 0;
  special(pending_ + "\n");
  pending_.clear();
  pending_count_ = 0;
  return 1;
}

// top.c sum_tics: one line of CPU percentages (or a graph) under `prefix`.
int SummaryPrinter::tics(const CpuDelta& d, const std::string& prefix, bool alone) {
  // '5' shows only performance or only efficiency cores; without the cores' types (which
  // libprocscan does not read), no line is either.
  if (w_.core_types >= 2) return 0;
  long long total = d.sum_total;
  if (1 > total) total = 1;
  if (w_.graph_cpus) {
    cpu_graph_.total = static_cast<long>(total);
    cpu_graph_.part1 = static_cast<long>(d.sum_user);
    cpu_graph_.part2 = static_cast<long>(d.sum_system);
    const GraphText rx = graph_text(cpu_graph_);
    if (w_.double_up > 1)
      return see(
          format("%s~3%3.0f%s", prefix.c_str(), static_cast<double>(rx.total), rx.graph.c_str()),
          alone);
    return see(
        format("%s ~3%#5.1f~2/%-#5.1f~3 %3.0f%s", prefix.c_str(), static_cast<double>(rx.one),
               static_cast<double>(rx.two), static_cast<double>(rx.total), rx.graph.c_str()),
        alone);
  }
  const std::array<float, 8> p = cpu_percentages(d);
  auto pct = [&](int i) { return static_cast<double>(p[static_cast<std::size_t>(i)]); };
  return see(format("%s~3%#5.1f ~2us,~3%#5.1f ~2sy,~3%#5.1f ~2ni,~3%#5.1f ~2id,~3%#5.1f ~2wa,"
                    "~3%#5.1f ~2hi,~3%#5.1f ~2si,~3%#5.1f ~2st~3 ~1",
                    prefix.c_str(), pct(0), pct(1), pct(2), pct(3), pct(4), pct(5), pct(6), pct(7)),
             alone);
}

// top.c sum_unify: combine_cpus + 1 CPUs on one line, labelled "first-last".
int SummaryPrinter::unify(const CpuDelta& d, bool alone) {
  if (!combined_count_) {
    combined_ = CpuDelta{};
    combined_first_ = d.id;
  }
  combined_.user += d.user;
  combined_.system += d.system;
  combined_.nice += d.nice;
  combined_.idle += d.idle;
  combined_.iowait += d.iowait;
  combined_.irq += d.irq;
  combined_.softirq += d.softirq;
  combined_.steal += d.steal;
  combined_.sum_user += d.sum_user;
  combined_.sum_system += d.sum_system;
  combined_.sum_total += d.sum_total;
  if (alone || combined_count_ >= w_.combine_cpus) {
    const std::string range = format("%d-%d", combined_first_, d.id);
    const int lines = tics(combined_, format("%-7.7s:", range.c_str()), alone);
    combined_count_ = 0;
    return lines;
  }
  ++combined_count_;
  return 0;
}

// top.c do_cpus.
void SummaryPrinter::cpus() {
  auto no_more_room = [&] { return rows_ + 1 >= layout_.rows - 1; };
  const std::vector<CpuDelta>& cpus = input_.cpus;
  if (w_.flags & kViewCpuNodes) {
    rows_ += tics(input_.all_cpus, "%Cpu(s):", true);
    for (int node = 0; node < input_.numa_nodes; ++node) {
      CpuDelta sum;
      bool valid = false;
      for (const CpuDelta& cpu : cpus) {
        if (cpu.node != node) continue;
        valid = true;
        sum.user += cpu.user;
        sum.nice += cpu.nice;
        sum.system += cpu.system;
        sum.idle += cpu.idle;
        sum.iowait += cpu.iowait;
        sum.irq += cpu.irq;
        sum.softirq += cpu.softirq;
        sum.steal += cpu.steal;
        sum.sum_user += cpu.sum_user;
        sum.sum_system += cpu.sum_system;
        sum.sum_total += cpu.sum_total;
      }
      if (!valid) continue;
      if (no_more_room()) break;
      rows_ += tics(sum, format("%%Node%-2d:", node), true);
    }
  } else if (!(w_.flags & kViewCpuSum)) {
    for (std::size_t i = 0; i < cpus.size(); ++i) {
      const bool last = i + 1 >= cpus.size();
      if (w_.combine_cpus) {
        rows_ += unify(cpus[i], last);
      } else {
        // With core types shown ('5'), a CPU of unknown type is a 'u' as always.
        rows_ += tics(cpus[i], format("%%Cp%c%-3d:", 'u', cpus[i].id), last);
      }
      if (no_more_room()) break;
    }
  } else {
    rows_ += tics(input_.all_cpus, "%Cpu(s):", true);
  }
  rows_ += see("", true);
}

// top.c do_memory.
void SummaryPrinter::memory() {
  static constexpr const char* kLabels[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  static constexpr float kDivisors[] = {1,
                                        1024.0f,
                                        1024.0f * 1024,
                                        1024.0f * 1024 * 1024,
                                        1024.0f * 1024 * 1024 * 1024,
                                        1024.0f * 1024 * 1024 * 1024 * 1024};
  const int scale = std::clamp(layout_.scale, 0, 5);
  const char* label = kLabels[scale];
  // prT: "%.0f " or "%#.1f " in 10 bytes; an overflow ends in '+'.
  auto amount = [&](std::uint64_t kib) {
    char buffer[10];
    const float value = static_cast<float>(kib) / kDivisors[scale];
    const int length =
        scale == 0 ? std::snprintf(buffer, sizeof buffer, "%.0f ", static_cast<double>(value))
                   : std::snprintf(buffer, sizeof buffer, "%#.1f ", static_cast<double>(value));
    if (9 < length) buffer[8] = '+';
    return std::string(buffer);
  };
  const MemoryFigures& m = input_.memory;
  const MemoryUse use = memory_use(m);
  const std::uint64_t available = use.available;
  const std::uint64_t used = use.used;
  const std::uint64_t cache = use.cache;
  const std::uint64_t swap_used = use.swap_used;

  if (w_.graph_memory) {
    const long queued = static_cast<long>(m.buffers + m.cached + m.reclaimable);
    const long graph_used = static_cast<long>(m.total) - static_cast<long>(m.free) - queued;
    const long misc = static_cast<long>(m.total) - static_cast<long>(available) - graph_used;
    memory_graph_.total = static_cast<long>(m.total);
    memory_graph_.part1 = graph_used;
    memory_graph_.part2 = misc;
    GraphText rx = graph_text(memory_graph_);
    if (w_.double_up > 1)
      rows_ += see(
          format("%s %s~3%3.0f%s", label, "Mem ", static_cast<double>(rx.total), rx.graph.c_str()),
          false);
    else
      rows_ += see(format("%s %s:~3%#5.1f~2/%-9.9s~3%s", label, "Mem ",
                          static_cast<double>(rx.total), amount(m.total).c_str(), rx.graph.c_str()),
                   false);
    memory_graph_.total = static_cast<long>(m.swap_total);
    memory_graph_.part1 = 0;
    memory_graph_.part2 = static_cast<long>(swap_used);
    rx = graph_text(memory_graph_);
    if (w_.double_up > 1)
      rows_ += see(
          format("%s %s~3%3.0f%s", label, "Swap", static_cast<double>(rx.two), rx.graph.c_str()),
          true);
    else
      rows_ += see(format("%s %s:~3%#5.1f~2/%-9.9s~3%s", label, "Swap", static_cast<double>(rx.two),
                          amount(m.swap_total).c_str(), rx.graph.c_str()),
                   true);
    return;
  }
  rows_ += see(format("%s %s:~3 %9.9s~2total,~3 %9.9s~2free,~3 %9.9s~2used,~3 %9.9s~2buff/cache"
                      "~3 ~1    ",
                      label, "Mem ", amount(m.total).c_str(), amount(m.free).c_str(),
                      amount(used).c_str(), amount(cache).c_str()),
               false);
  rows_ += see(format("%s %s:~3 %9.9s~2total,~3 %9.9s~2free,~3 %9.9s~2used.~3 %9.9s~2avail %s~3",
                      label, "Swap", amount(m.swap_total).c_str(), amount(m.swap_free).c_str(),
                      amount(swap_used).c_str(), amount(available).c_str(), "Mem "),
               true);
}

int SummaryPrinter::print() {
  if (room_for(kViewLoadAverage, 1)) {
    const char* pattern =
        input_.alternate_display && (w_.flags & kShowTasks) ? "%s~6 -%s\n" : "%s -%s\n";
    special(format(pattern, input_.name.c_str(), uptime_text(input_).c_str()));
    rows_ += 1;
  }
  if (room_for(kViewStates, 2)) {
    const TaskCounts& c = input_.counts;
    special(format(
        "%s:~3 %3u ~2total,~3 %3u ~2running,~3 %3u ~2sleeping,~3 %3u ~2stopped,~3 "
        "%3u ~2zombie~3\n",
        input_.threads ? "Threads" : "Tasks", c.total, c.running, c.sleeping, c.stopped, c.zombie));
    rows_ += 1;
    cpus();
  }
  if (room_for(kViewMemory, 2)) memory();
  return rows_;
}

}  // namespace

std::array<float, 8> cpu_percentages(const CpuDelta& d) {
  long long idle = d.idle;
  long long total = d.sum_total;
  if (1 > total) idle = total = 1;
  const float scale = static_cast<float>(100.0 / static_cast<double>(static_cast<float>(total)));
  auto pct = [&](long long ticks) { return static_cast<float>(ticks) * scale; };
  return {pct(d.user),   pct(d.system), pct(d.nice),    pct(idle),
          pct(d.iowait), pct(d.irq),    pct(d.softirq), pct(d.steal)};
}

MemoryUse memory_use(const MemoryFigures& m) {
  MemoryUse use;
  use.available = m.available;
  if (use.available == 0) use.available = m.free;
  if (use.available > m.total) use.available = m.free;
  long long used = static_cast<long long>(m.total) - static_cast<long long>(use.available);
  if (used < 0) used = static_cast<long long>(m.total) - static_cast<long long>(m.free);
  use.used = static_cast<std::uint64_t>(used);
  use.cache = m.buffers + m.cached + m.reclaimable;
  use.swap_used = m.swap_free < m.swap_total ? m.swap_total - m.swap_free : 0;
  return use;
}

void TaskCounts::add(char state) {
  switch (state) {
    case 'R':
      ++running;
      break;
    case 'D':
    case 'S':
      ++sleeping;
      break;
    case 't':
    case 'T':
      ++stopped;
      break;
    case 'Z':
      ++zombie;
      break;
    default:  // I (idle), P (parked), X (dead): "other", shown with the sleeping
      ++sleeping;
      break;
  }
  ++total;
}

CpuDelta cpu_delta(const CpuLine& now, const CpuLine& before) {
  struct Sums {
    std::uint64_t user, system, idle, total, busy;
  };
  auto sums = [](const CpuLine& t) {
    Sums s;
    s.user = t[0] + t[1];
    s.system = t[2] + t[5] + t[6];
    s.idle = t[3] + t[4];
    s.total = s.user + s.system + s.idle + t[7] + t[8] + t[9];
    s.busy = s.total - s.idle;
    return s;
  };
  const Sums n = sums(now), b = sums(before);
  CpuDelta d;
  if (n.user < b.user || n.system < b.system || n.idle < b.idle || n.busy < b.busy ||
      n.total < b.total)
    return d;
  auto delta = [&](int i) {
    return static_cast<long long>(now[static_cast<std::size_t>(i)] -
                                  before[static_cast<std::size_t>(i)]);
  };
  d.user = delta(0);
  d.nice = delta(1);
  d.system = delta(2);
  d.idle = delta(3);
  d.iowait = delta(4);
  d.irq = delta(5);
  d.softirq = delta(6);
  d.steal = delta(7);
  d.sum_user = static_cast<long long>(n.user - b.user);
  d.sum_system = static_cast<long long>(n.system - b.system);
  d.sum_total = static_cast<long long>(n.total - b.total);
  return d;
}

std::string uptime_text(const SummaryInput& input) {
  std::tm local{};
  ::localtime_r(&input.now, &local);
  const int seconds = static_cast<int>(input.uptime_seconds);
  const int days = seconds / (60 * 60 * 24);
  const int hours = seconds / (60 * 60) % 24;
  const int minutes = seconds / 60 % 60;
  std::string text = format(" %02d:%02d:%02d up ", local.tm_hour, local.tm_min, local.tm_sec);
  if (days) text += format("%d %s, ", days, days > 1 ? "days" : "day");
  if (hours)
    text += format("%2d:%02d, ", hours, minutes);
  else
    text += format("%d min, ", minutes);
  text += format("%2d %s,  load average: %.2f, %.2f, %.2f", input.users,
                 input.users > 1 ? "users" : "user", input.load[0], input.load[1], input.load[2]);
  return text;
}

int append_summary(std::string& out, const SummaryInput& input, const WindowConfig& window,
                   const SummaryLayout& layout) {
  return SummaryPrinter(out, input, window, layout).print();
}

}  // namespace td::top
