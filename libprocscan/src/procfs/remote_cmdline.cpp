#include "procfs/remote_cmdline.h"

#include <sys/uio.h>

#include <algorithm>
#include <cstring>

#include "procfs/parse_numbers.h"

namespace procscan::procfs {
namespace {

// stat fields after the comm's ')' start with field 3 (state); the area is fields 48-51.
constexpr int kFirstField = 3;
constexpr int kArgStartField = 48;
// Past this an area is not an argv the kernel built (execve caps it far lower): the file
// copes with whatever it is.
constexpr std::uint64_t kMaxArgArea = std::uint64_t{64} << 20;

// Reads exactly `length` bytes; false on an error or a short copy.
bool read_exactly(TaskMemory& memory, std::uint64_t address, std::size_t length, char* out) {
  return length == 0 || memory.read(address, length, out) == static_cast<long>(length);
}

}  // namespace

std::optional<CmdlineArea> parse_stat_cmdline_area(std::string_view stat_text) {
  const std::size_t close = stat_text.rfind(')');
  if (close == std::string_view::npos) return std::nullopt;
  std::string_view rest = first_line(stat_text.substr(close + 1));
  std::uint64_t values[4];
  for (int field = kFirstField; field < kArgStartField + 4; ++field) {
    const std::string_view token = next_token(rest);
    if (token.empty()) return std::nullopt;
    if (field < kArgStartField) continue;
    const auto value = to_u64(token);
    if (!value) return std::nullopt;
    values[field - kArgStartField] = *value;
  }
  CmdlineArea area{values[0], values[1], values[2], values[3]};
  if (area.env_end == 0) return std::nullopt;
  return area;
}

std::optional<std::string_view> cmdline_from_memory(const CmdlineArea& area, TaskMemory& memory,
                                                    std::size_t page_size, std::string& buffer) {
  std::uint64_t arg_start = area.arg_start, arg_end = area.arg_end;
  std::uint64_t env_start = area.env_start, env_end = area.env_end;
  if (arg_start >= arg_end) return std::string_view{};
  // The text may overflow into the environment only where that follows the arguments.
  if (env_start != arg_end || env_end < env_start) env_start = env_end = arg_end;
  const std::uint64_t arg_len = arg_end - arg_start;
  if (arg_len > kMaxArgArea) return std::nullopt;
  // One copy of the argv area serves the usual case; its last byte tells the two apart.
  // (The kernel reads that byte first; a huge area would still be read whole by the file.)
  buffer.resize(static_cast<std::size_t>(arg_len));
  if (!read_exactly(memory, arg_start, buffer.size(), buffer.data())) return std::nullopt;
  if (buffer.back() == '\0') return std::string_view(buffer);
  // setproctitle(): the first string of the page at arg_start, NUL included when found,
  // and never past env_end.
  buffer.resize(page_size);
  const std::size_t have = std::min<std::size_t>(static_cast<std::size_t>(arg_len), page_size);
  long got = static_cast<long>(have);
  if (have < page_size) {
    const long more = memory.read(arg_start + have, page_size - have, buffer.data() + have);
    if (more < 0) return std::nullopt;
    got += more;
  }
  std::size_t len = ::strnlen(buffer.data(), static_cast<std::size_t>(got));
  if (len < static_cast<std::size_t>(got)) ++len;
  len = std::min<std::size_t>(len, static_cast<std::size_t>(env_end - arg_start));
  return std::string_view(buffer.data(), len);
}

long ProcessMemory::read(std::uint64_t address, std::size_t length, char* out) {
  iovec local{out, length};
  iovec remote{reinterpret_cast<void*>(static_cast<std::uintptr_t>(address)), length};
  return static_cast<long>(::process_vm_readv(pid_, &local, 1, &remote, 1, 0));
}

}  // namespace procscan::procfs
