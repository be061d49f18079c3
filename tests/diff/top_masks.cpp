#include "top_masks.h"

#include <cctype>
#include <cstring>
#include <regex>
#include <vector>

namespace td::diff {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::string join(const std::vector<std::string>& lines) {
  std::string text;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i) text.push_back('\n');
    text += lines[i];
  }
  return text;
}

// From `from` on: each run of [ 0-9.] holding a digit, and each "[...]" graph's inside.
void mask_numbers(std::string& line, std::size_t from) {
  std::size_t i = from;
  while (i < line.size()) {
    if (line[i] == '[') {
      const std::size_t close = line.find(']', i);
      if (close == std::string::npos) break;
      for (std::size_t j = i + 1; j < close; ++j)
        line[j] = '#';
      i = close + 1;
      continue;
    }
    if (line[i] == ' ' || line[i] == '.' || is_digit(line[i])) {
      std::size_t end = i;
      bool digit = false;
      while (end < line.size() && (line[end] == ' ' || line[end] == '.' || is_digit(line[end]))) {
        digit = digit || is_digit(line[end]);
        ++end;
      }
      if (digit)
        for (std::size_t j = i; j < end; ++j)
          line[j] = '#';
      i = end;
      continue;
    }
    ++i;
  }
}

// Whether `text` is an uptime as procps prints it: "[D day(s), ]" then "M min" or "H:MM"
// with the hours in two columns.
bool is_uptime(const std::string& text) {
  static const std::regex kUptime("^([0-9]+ days?, )?([0-9]+ min|[ 0-9][0-9]:[0-9][0-9])$");
  return std::regex_match(text, kUptime);
}

// "NAME - HH:MM:SS up UPTIME, N user(s),  load average: a, b, c" (possibly cut short).
void mask_load_line(std::string& line, std::size_t clock) {
  for (std::size_t i = clock; i < line.size() && i < clock + 8; ++i)
    if (is_digit(line[i])) line[i] = '#';
  const std::size_t up = line.find(" up ", clock);
  if (up == std::string::npos) return;
  // The uptime ends at the ',' before the users' count ("%2d user").
  std::size_t users = line.find(" user", up);
  std::size_t end = line.size();
  if (users != std::string::npos) {
    end = line.rfind(',', users);
    if (end == std::string::npos || end < up) end = line.size();
  }
  // Masked only where it has one of uptime's shapes; anything else is compared.
  if (is_uptime(line.substr(up + 4, end - (up + 4))))
    line.replace(up + 4, end - (up + 4), "<uptime>");
  const std::size_t load = line.find("load average:");
  if (load == std::string::npos) return;
  // "%.2f, %.2f, %.2f": a load of 10 or more is a column wider, so the averages (or what the
  // screen's width leaves of them) become one token; anything else there is compared.
  const std::size_t values = load + std::strlen("load average:");
  if (line.find_first_not_of("0123456789., ", values) == std::string::npos) {
    if (values < line.size()) line.replace(values, std::string::npos, " <load>");
    return;
  }
  for (std::size_t i = load; i < line.size(); ++i)
    if (is_digit(line[i])) line[i] = '#';
}

bool is_memory_line(const std::string& line) {
  // "KiB Mem :", "MiB Swap:": a unit of three letters ending "iB", a blank, then the word.
  return line.size() >= 9 && line.compare(1, 2, "iB") == 0 && line[3] == ' ' &&
         (line.compare(4, 5, "Mem :") == 0 || line.compare(4, 5, "Swap:") == 0 ||
          line.compare(4, 4, "Mem ") == 0 || line.compare(4, 4, "Swap") == 0);
}

}  // namespace

void mask_top_output(std::string& out, std::string_view program) {
  std::vector<std::string> lines = split(out);
  const std::string load_prefix = std::string(program) + " - ";
  // In alternate display mode the line starts with the window's name instead ("1:Def - ").
  static const std::regex kWindowPrefix("^[1-4]:[^ ]{0,3} - ");
  for (std::string& line : lines) {
    std::smatch window;
    if (line.starts_with(load_prefix)) {
      mask_load_line(line, load_prefix.size());
    } else if (std::regex_search(line, window, kWindowPrefix)) {
      mask_load_line(line, static_cast<std::size_t>(window.length(0)));
    } else if (line.starts_with("%Cpu") || line.starts_with("%Node") || is_memory_line(line)) {
      const std::size_t colon = line.find(':');
      if (colon != std::string::npos) mask_numbers(line, colon + 1);
    }
  }
  out = join(lines);
}

bool drop_top_self_rows(std::string& out, long pid) {
  std::vector<std::string> lines = split(out);
  const std::string value = std::to_string(pid);
  std::vector<std::string> kept;
  bool header_seen = false;
  // Where this frame's PID header is: its value sits under it, right-justified (ending
  // where "PID" ends) or, with numbers left-justified ('J' off), starting where it starts.
  std::size_t header_at = std::string::npos;
  auto holds_pid = [&](const std::string& line, std::size_t first) {
    const std::size_t end = first + value.size();
    return end <= line.size() && line.compare(first, value.size(), value) == 0 &&
           (first == 0 || line[first - 1] == ' ') && (end == line.size() || line[end] == ' ');
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (line.empty()) {
      header_at = std::string::npos;
      // The header follows the blank line after the summary.
      if (i + 1 < lines.size()) {
        const std::string& header = lines[i + 1];
        for (std::size_t at = header.find("PID"); at != std::string::npos;
             at = header.find("PID", at + 1)) {
          const bool starts = at == 0 || header[at - 1] == ' ';
          const bool ends = at + 3 == header.size() || header[at + 3] == ' ';
          if (starts && ends) {
            header_at = at;
            break;
          }
        }
        if (header_at != std::string::npos) {
          header_seen = true;
          kept.push_back(line);
          kept.push_back(header);
          ++i;
          continue;
        }
      }
    } else if (header_at != std::string::npos) {
      const std::size_t column_end = header_at + 3;
      const bool right = column_end >= value.size() && holds_pid(line, column_end - value.size());
      if (right || holds_pid(line, header_at)) continue;
    }
    kept.push_back(line);
  }
  out = join(kept);
  return header_seen;
}

}  // namespace td::diff
