// JSON strings from untrusted bytes: whatever a process names itself, the writer's output
// must be one valid JSON string in valid UTF-8, without raw control characters.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "json_writer.h"

namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Checks UTF-8 validity by decoding to code points (an implementation separate from the
// writer's), and returns the position after the sequence.
std::size_t decode_utf8(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned lead = b(i);
  std::size_t length = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 0;
  require(length != 0 && i + length <= s.size());
  std::uint32_t cp = length == 1 ? lead : lead & (0x7f >> length);
  for (std::size_t k = 1; k < length; ++k) {
    require((b(i + k) & 0xc0) == 0x80);
    cp = (cp << 6) | (b(i + k) & 0x3f);
  }
  constexpr std::uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  require(cp >= kMin[length] && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff));
  require(!(cp >= 0x80 && cp < 0xa0));  // C1 controls are escaped
  return i + length;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string out;
  td::common::append_json_string(out, std::string_view(reinterpret_cast<const char*>(data), size));
  require(out.size() >= 2 && out.front() == '"' && out.back() == '"');
  std::size_t i = 1;
  while (i + 1 < out.size()) {
    const char c = out[i];
    require(static_cast<unsigned char>(c) >= 0x20 && c != 0x7f && c != '"');
    if (c == '\\') {
      require(i + 2 < out.size());
      const char e = out[i + 1];
      if (e == 'u') {
        require(i + 6 < out.size());
        for (std::size_t k = 2; k < 6; ++k)
          require(is_hex(out[i + k]));
        i += 6;
      } else {
        require(std::string_view("\"\\/bfnrt").find(e) != std::string_view::npos);
        i += 2;
      }
      continue;
    }
    i = decode_utf8(out, i);
  }
  require(i == out.size() - 1);
  return 0;
}
