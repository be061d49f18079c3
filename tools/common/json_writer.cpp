#include "json_writer.h"

#include <charconv>
#include <cmath>

namespace td::common {

namespace {

constexpr char kHex[] = "0123456789abcdef";

void append_unicode_escape(std::string& out, unsigned value) {
  out.append("\\u00");
  out.push_back(kHex[(value >> 4) & 0xf]);
  out.push_back(kHex[value & 0xf]);
}

// Length of the valid UTF-8 sequence at the start of `s` (RFC 3629: no overlongs, no
// surrogates, nothing past U+10FFFF), or 0.
std::size_t utf8_sequence_length(std::string_view s) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned lead = byte(0);
  std::size_t length = 0;
  unsigned low = 0x80;
  unsigned high = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead == 0xe0) low = 0xa0;
    if (lead == 0xed) high = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead == 0xf0) low = 0x90;
    if (lead == 0xf4) high = 0x8f;
  } else {
    return 0;
  }
  if (s.size() < length) return 0;
  if (byte(1) < low || byte(1) > high) return 0;
  for (std::size_t i = 2; i < length; ++i)
    if (byte(i) < 0x80 || byte(i) > 0xbf) return 0;
  return length;
}

}  // namespace

void append_json_string(std::string& out, std::string_view bytes) {
  out.push_back('"');
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c >= 0x20 && c < 0x7f) {
      if (c == '"' || c == '\\') out.push_back('\\');
      out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    if (c < 0x80) {
      switch (c) {
        case '\n':
          out.append("\\n");
          break;
        case '\t':
          out.append("\\t");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\b':
          out.append("\\b");
          break;
        case '\f':
          out.append("\\f");
          break;
        default:
          append_unicode_escape(out, c);
          break;
      }
      ++i;
      continue;
    }
    const std::size_t length = utf8_sequence_length(bytes.substr(i));
    if (length == 0) {
      append_unicode_escape(out, c);
      ++i;
    } else if (length == 2 && c == 0xc2 && static_cast<unsigned char>(bytes[i + 1]) < 0xa0) {
      // C1 controls (U+0080..U+009F) would reach a terminal as CSI and friends.
      append_unicode_escape(out, static_cast<unsigned char>(bytes[i + 1]));
      i += 2;
    } else {
      out.append(bytes.substr(i, length));
      i += length;
    }
  }
  out.push_back('"');
}

bool is_json_number(std::string_view text) {
  std::size_t i = 0;
  if (i < text.size() && text[i] == '-') ++i;
  const auto digits = [&] {
    const std::size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9')
      ++i;
    return i - start;
  };
  const std::size_t first = i;
  const std::size_t whole = digits();
  if (whole == 0 || (whole > 1 && text[first] == '0')) return false;
  if (i < text.size() && text[i] == '.') {
    ++i;
    if (digits() == 0) return false;
  }
  return i == text.size();
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (has_member_.empty()) return;
  if (has_member_.back()) out_.push_back(',');
  has_member_.back() = true;
  if (element_lines_ && has_member_.size() == 1) out_.push_back('\n');
}

void JsonWriter::open(char bracket) {
  before_value();
  out_.push_back(bracket);
  has_member_.push_back(false);
}

void JsonWriter::close(char bracket) {
  if (element_lines_ && has_member_.size() == 1 && has_member_.back()) out_.push_back('\n');
  has_member_.pop_back();
  out_.push_back(bracket);
}

void JsonWriter::key(std::string_view name) {
  before_value();
  append_json_string(out_, name);
  out_.push_back(':');
  after_key_ = true;
}

void JsonWriter::string(std::string_view bytes) {
  before_value();
  append_json_string(out_, bytes);
}

void JsonWriter::number(std::uint64_t value) {
  before_value();
  char buf[24];
  const auto result = std::to_chars(buf, buf + sizeof buf, value);
  out_.append(buf, result.ptr);
}

void JsonWriter::number(std::int64_t value) {
  before_value();
  char buf[24];
  const auto result = std::to_chars(buf, buf + sizeof buf, value);
  out_.append(buf, result.ptr);
}

void JsonWriter::number(double value) {
  if (!std::isfinite(value)) {
    null();
    return;
  }
  before_value();
  char buf[32];
  const auto result = std::to_chars(buf, buf + sizeof buf, value);
  out_.append(buf, result.ptr);
}

void JsonWriter::number_text(std::string_view text) {
  before_value();
  out_.append(text);
}

void JsonWriter::null() {
  before_value();
  out_.append("null");
}

}  // namespace td::common
