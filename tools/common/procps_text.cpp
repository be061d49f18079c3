#include "procps_text.h"

#include <algorithm>

namespace td::common {

std::optional<std::string> procps_command_line(std::string_view raw, const TextMode& mode) {
  if (raw.size() > kProcpsArgumentBytes) raw = raw.substr(0, kProcpsArgumentBytes);
  if (raw.empty()) return std::nullopt;
  std::size_t used = raw.size();
  while (used > 0 && raw[used - 1] == '\0')
    --used;
  std::string text(raw.substr(0, used));
  for (char& c : text)
    if (c == '\0' || c == '\n') c = ' ';
  // procps clears the last byte it read when that is a space; a trailing NUL protects it.
  if (used == raw.size() && !text.empty() && text.back() == ' ') text.pop_back();
  sanitize(text, mode);
  if (text.empty()) return std::string("?");
  return text;
}

std::string procps_environment(std::string_view raw, const TextMode& mode) {
  std::optional<std::string> text = procps_command_line(raw, mode);
  // readproc.c fill_environ_cvt: nothing read, or nothing left, is "-".
  if (!text || *text == "?") return "-";
  return std::move(*text);
}

std::string procps_command_name(std::string_view comm, const TextMode& mode) {
  constexpr std::size_t kNameBytes = 63;  // readproc.c stat2proc: char buf[64]
  std::string name(comm.substr(0, std::min(comm.size(), kNameBytes)));
  sanitize(name, mode);
  return name;
}

std::string procps_bracketed_name(std::string_view name, bool zombie, const TextMode& mode) {
  std::string inner(name);
  sanitize(inner, mode);
  std::string text;
  text.reserve(inner.size() + 12);
  text.push_back('[');
  text.append(inner);
  text.push_back(']');
  if (zombie) text.append(" <defunct>");
  return text;
}

}  // namespace td::common
