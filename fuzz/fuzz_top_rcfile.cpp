// top's rcfile reader (tools/top/rcfile.cpp, scanf_reader.cpp, other_filters.cpp) on any
// bytes: a file top would refuse gives a message; one it accepts leaves settings the frames
// can use (fields that exist, a sort field that exists, filters on fields that exist).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "rcfile.h"

namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace td::top;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  TopConfig config = default_config();
  float delay = 0;
  const std::string error = parse_rcfile(text, "fuzz", config, delay);
  if (!error.empty()) {
    require(error.find("'fuzz'") != std::string::npos);
    return 0;
  }
  require(delay >= 0);
  require(config.current_window >= 0 && config.current_window < kWindows);
  for (const WindowConfig& w : config.windows) {
    require(w.sort_field >= 0 && w.sort_field < static_cast<int>(kFieldCount));
    require(w.name.size() <= 3);
    for (std::size_t i = 0; i < kFieldCount; ++i) {
      const int field = entry_field(w.fields[i]);
      require(field >= 0 && field < static_cast<int>(kFieldCount));
    }
    for (const OtherFilter& filter : w.filters) {
      require(static_cast<std::size_t>(filter.field) < kFieldCount);
      require(filter.relation == '<' || filter.relation == '=' || filter.relation == '>');
    }
  }
  require(config.task_scale >= 0 && config.task_scale <= 4);
  require(config.summary_scale >= 0 && config.summary_scale <= 5);
  return 0;
}
