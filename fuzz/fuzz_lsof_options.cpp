// libFuzzer target: an lsof command line as tdlsof reads it (tools/lsof/options.cpp: the
// option reader, every option's value, -i addresses, -s states, -d lists, -F fields, -r
// markers), the input's words separated by NUL bytes. It must never crash, hang or read
// out of bounds, whatever the words.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "options.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<std::string> args(1);
  for (std::size_t i = 0; i < size; ++i) {
    if (data[i] == 0) {
      args.emplace_back();
    } else {
      args.back() += static_cast<char>(data[i]);
    }
  }
  (void)tdlsof::parse_options(args);
  return 0;
}
