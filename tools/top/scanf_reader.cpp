#include "scanf_reader.h"

#include <cctype>
#include <climits>
#include <cstdlib>

namespace td::top {

namespace {

bool is_space(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0;
}

}  // namespace

bool ScanfReader::read_line(std::string& line, std::size_t size) {
  line.clear();
  if (at_end() || size < 2) return false;
  while (at_ < text_.size() && line.size() + 1 < size) {
    const char c = text_[at_++];
    line.push_back(c);
    if (c == '\n') break;
  }
  return true;
}

void ScanfReader::skip_space() {
  while (at_ < text_.size() && is_space(text_[at_]))
    ++at_;
}

int ScanfReader::scan(std::string_view format, std::initializer_list<Output> outputs) {
  const Output* next = outputs.begin();
  int converted = 0;
  std::size_t f = 0;
  while (f < format.size()) {
    const char c = format[f];
    if (is_space(c)) {
      while (f < format.size() && is_space(format[f]))
        ++f;
      skip_space();
      continue;
    }
    if (c != '%') {
      if (at_end()) return converted == 0 ? -1 : converted;
      if (text_[at_] != c) return converted;
      ++at_;
      ++f;
      continue;
    }
    // A conversion: an optional width, then d, c or s.
    ++f;
    std::size_t width = 0;
    while (f < format.size() && std::isdigit(static_cast<unsigned char>(format[f])))
      width = width * 10 + static_cast<std::size_t>(format[f++] - '0');
    const char kind = f < format.size() ? format[f++] : '\0';
    if (kind != 'c') skip_space();
    if (at_end()) return converted == 0 ? -1 : converted;
    if (kind == 'c') {
      *static_cast<char*>(next->target) = text_[at_++];
    } else if (kind == 'd') {
      std::size_t end = at_;
      if (end < text_.size() && (text_[end] == '+' || text_[end] == '-')) ++end;
      const std::size_t digits = end;
      while (end < text_.size() && std::isdigit(static_cast<unsigned char>(text_[end])))
        ++end;
      if (end == digits) return converted;  // glibc leaves a lone sign consumed; no file has one
      const std::string number(text_.substr(at_, end - at_));
      // glibc converts with strtol and stores the low bits in the int.
      *static_cast<int*>(next->target) = static_cast<int>(std::strtol(number.c_str(), nullptr, 10));
      at_ = end;
    } else if (kind == 's') {
      std::string& value = *static_cast<std::string*>(next->target);
      value.clear();
      while (at_ < text_.size() && !is_space(text_[at_]) && (width == 0 || value.size() < width))
        value.push_back(text_[at_++]);
    } else {
      return converted;
    }
    ++next;
    ++converted;
  }
  return converted;
}

}  // namespace td::top
