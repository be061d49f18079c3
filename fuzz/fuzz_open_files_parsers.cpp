// libFuzzer target: the same bytes go to the open-files parsers (fdinfo, maps), copied to a
// buffer of exactly their size so that AddressSanitizer sees any read past the text; every
// result must point inside the input and keep the parsers' promises.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "files/parsers.h"

namespace {

// Aborts so that libFuzzer records the input; plain assert() vanishes under NDEBUG.
void require(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::vector<char> bytes(data, data + size);
  const std::string_view text(bytes.data(), bytes.size());

  procscan::FdInfo info;
  std::vector<int> tfds = {-5};
  const bool found = procscan::files::parse_fdinfo(text, info, tfds);
  require(found == (info.has_pos || info.has_flags));
  require(info.first_tfd == 1 && info.first_tfd + info.tfd_count == tfds.size());
  for (std::size_t i = 1; i < tfds.size(); ++i)
    require(tfds[i] >= 0);
  require(info.eventfd_id >= -1 && info.pidfd_pid >= -1 && info.tty_index >= -1);

  procscan::files::MapsCursor cursor(text);
  procscan::files::MapsEntry entry;
  std::size_t count = 0;
  while (cursor.next(entry)) {
    require(!entry.path.empty());
    require(entry.path.data() >= text.data() &&
            entry.path.data() + entry.path.size() <= text.data() + text.size());
    require(entry.dev != 0 || entry.ino != 0);
    require(entry.path.find('\n') == std::string_view::npos);
    ++count;
  }
  // Every mapping is a line of at least "a b c d:e f g".
  require(count * 13 <= size + 1);
  return 0;
}
