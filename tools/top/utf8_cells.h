// top's own arithmetic of bytes and screen columns in UTF-8 text (top.c utf8_delta,
// utf8_embody). It differs from the display pass of tools/common/text.h, which ps uses:
// top trusts the library's cleaning, measures with wcwidth(), and gives up on a string at
// the first byte that cannot start a UTF-8 sequence, treating it as one column per byte.
#pragma once

#include <string_view>

namespace td::top {

// Bytes minus screen columns of `text`; 0 when any byte cannot start a UTF-8 sequence.
int utf8_delta(std::string_view text);

// The bytes of `text` that fit `width` columns without splitting a character; `width`
// itself (as a byte count) once a byte that cannot start a UTF-8 sequence is met.
int utf8_embody(std::string_view text, int width);

}  // namespace td::top
