#include "procscan/system_info.h"

#include <dlfcn.h>
#include <unistd.h>

#include <charconv>
#include <string_view>

#include "procfs/parsers.h"
#include "procscan/task_table.h"
#include "util/read_file.h"

namespace procscan {

namespace {

// The number that follows `key` at the start of a line, e.g. "btime 1700000000".
std::optional<std::uint64_t> number_after_key(std::string_view text, std::string_view key) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t eol = std::min(text.find('\n', pos), text.size());
    std::string_view line = text.substr(pos, eol - pos);
    if (line.starts_with(key)) {
      line.remove_prefix(key.size());
      const std::size_t digits = line.find_first_of("0123456789");
      if (digits == std::string_view::npos) return std::nullopt;
      std::uint64_t value = 0;
      auto [end, ec] = std::from_chars(line.data() + digits, line.data() + line.size(), value);
      if (ec != std::errc{}) return std::nullopt;
      return value;
    }
    pos = eol + 1;
  }
  return std::nullopt;
}

}  // namespace

SystemInfo::SystemInfo(std::string proc_root) : root_(std::move(proc_root)) {}

std::uint64_t SystemInfo::pid_max() {
  if (!pid_max_) {
    const std::string text = read_small_file(root_ + "/sys/kernel/pid_max");
    std::uint64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    pid_max_ = (ec == std::errc{} && value > 0) ? value : 32768;
  }
  return *pid_max_;
}

std::uint64_t SystemInfo::boot_time() {
  if (!boot_time_)
    boot_time_ = number_after_key(read_small_file(root_ + "/stat"), "btime ").value_or(0);
  return *boot_time_;
}

std::uint64_t SystemInfo::mem_total_kib() {
  if (!mem_total_)
    mem_total_ = number_after_key(read_small_file(root_ + "/meminfo"), "MemTotal:").value_or(0);
  return *mem_total_;
}

double SystemInfo::uptime_seconds() {
  if (!uptime_) {
    const std::string text = read_small_file(root_ + "/uptime");
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    uptime_ = ec == std::errc{} ? value : 0.0;
  }
  return *uptime_;
}

long SystemInfo::clock_ticks() {
  static const long ticks = ::sysconf(_SC_CLK_TCK);
  return ticks > 0 ? ticks : 100;
}

long SystemInfo::page_size() {
  static const long size = ::sysconf(_SC_PAGESIZE);
  return size > 0 ? size : 4096;
}

std::uint64_t SystemInfo::own_tty() {
  if (!own_tty_) {
    TaskTable table(FieldSet{Field::TtyNr});
    table.begin_row(RowKind::Process);
    procfs::parse_stat(read_small_file(root_ + "/self/stat"), table);
    table.commit_row();
    own_tty_ = table[0].u64(Field::TtyNr, 0);
  }
  return *own_tty_;
}

const std::vector<int>& SystemInfo::numa_node_of_cpus() {
  if (numa_nodes_) return *numa_nodes_;
  const long configured = sysconf(_SC_NPROCESSORS_CONF);
  std::vector<int> nodes(configured > 0 ? static_cast<std::size_t>(configured) : 1, -1);
  void* libnuma = dlopen("libnuma.so", RTLD_LAZY);
  if (!libnuma) libnuma = dlopen("libnuma.so.1", RTLD_LAZY);
  if (libnuma) {
    // procps-ng requires both symbols before it trusts the library.
    auto* max_node = reinterpret_cast<int (*)()>(dlsym(libnuma, "numa_max_node"));
    auto* node_of_cpu = reinterpret_cast<int (*)(int)>(dlsym(libnuma, "numa_node_of_cpu"));
    if (max_node && node_of_cpu)
      for (std::size_t cpu = 0; cpu < nodes.size(); ++cpu)
        nodes[cpu] = node_of_cpu(static_cast<int>(cpu));
    dlclose(libnuma);
  }
  numa_nodes_ = std::move(nodes);
  return *numa_nodes_;
}

}  // namespace procscan
