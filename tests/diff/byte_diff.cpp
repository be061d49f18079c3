#include "byte_diff.h"

#include <algorithm>
#include <vector>

namespace td::diff {
namespace {

constexpr size_t kContextLines = 2;
constexpr size_t kShownLineBytes = 160;  // longer lines are cut around the first difference

size_t common_prefix(std::string_view a, std::string_view b) {
  return static_cast<size_t>(
      std::mismatch(a.begin(), a.begin() + std::min(a.size(), b.size()), b.begin()).first -
      a.begin());
}

// The escaped line, cut to a window around `focus` (a byte offset) when long. *caret gets
// the column at which `focus` is rendered.
std::string render(const Line& line, size_t focus, size_t* caret = nullptr) {
  std::string_view text = line.text;
  std::string out;
  size_t start = 0;
  if (text.size() > kShownLineBytes) {
    start = focus > kShownLineBytes / 3 ? focus - kShownLineBytes / 3 : 0;
    start = std::min(start, text.size() - kShownLineBytes);
    if (start > 0) out += "[" + std::to_string(start) + " bytes]...";
    text = text.substr(start, kShownLineBytes);
  }
  if (caret != nullptr) {
    *caret = out.size() + escape_bytes(text.substr(0, std::min(focus - start, text.size()))).size();
  }
  out += escape_bytes(text);
  size_t rest = line.text.size() - start - text.size();
  if (rest > 0) out += "...[" + std::to_string(rest) + " bytes]";
  out += line.has_newline ? "$" : "   [no newline at end]";
  return out;
}

std::string numbered(std::string_view label, size_t index, const std::string& rendered) {
  std::string number = std::to_string(index + 1);
  std::string out(label);
  out += std::string(number.size() < 4 ? 4 - number.size() : 0, ' ') + number + "| ";
  return out + rendered + "\n";
}

}  // namespace

std::string escape_bytes(std::string_view bytes) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\n':
        out += "\\n";
        break;
      case 0x1b:
        out += "\\e";
        break;
      default:
        if (c >= 0x20 && c < 0x7f) {
          out += static_cast<char>(c);
        } else {
          out += "\\x";
          out += kHex[c >> 4];
          out += kHex[c & 0xf];
        }
    }
  }
  return out;
}

std::vector<Line> split_lines(std::string_view bytes) {
  std::vector<Line> lines;
  while (!bytes.empty()) {
    size_t newline = bytes.find('\n');
    if (newline == std::string_view::npos) {
      lines.push_back({bytes, false});
      break;
    }
    lines.push_back({bytes.substr(0, newline), true});
    bytes.remove_prefix(newline + 1);
  }
  return lines;
}

std::string describe_difference(std::string_view expected, std::string_view actual,
                                std::string_view expected_label, std::string_view actual_label,
                                size_t max_lines) {
  if (expected == actual) return "";
  std::vector<Line> left = split_lines(expected), right = split_lines(actual);
  size_t first = 0;
  while (first < left.size() && first < right.size() && left[first].text == right[first].text &&
         left[first].has_newline == right[first].has_newline) {
    ++first;
  }
  size_t column = 0;
  if (first < left.size() && first < right.size()) {
    column = common_prefix(left[first].text, right[first].text);
  }
  // Labels padded to one width so the columns of both sides line up.
  size_t width = std::max(expected_label.size(), actual_label.size());
  std::string lhs =
      "- " + std::string(expected_label) + std::string(width - expected_label.size(), ' ');
  std::string rhs =
      "+ " + std::string(actual_label) + std::string(width - actual_label.size(), ' ');
  std::string ctx = "  " + std::string(width, ' ');

  std::string out = "stdout differs at line " + std::to_string(first + 1) + ", byte " +
                    std::to_string(column + 1) + " (" + std::string(expected_label) + ": " +
                    std::to_string(left.size()) + " lines, " + std::to_string(expected.size()) +
                    " bytes; " + std::string(actual_label) + ": " + std::to_string(right.size()) +
                    " lines, " + std::to_string(actual.size()) + " bytes)\n";
  for (size_t i = first > kContextLines ? first - kContextLines : 0; i < first; ++i) {
    out += numbered(ctx, i, render(left[i], 0));
  }
  for (size_t i = first; i < first + max_lines; ++i) {
    bool in_left = i < left.size(), in_right = i < right.size();
    if (!in_left && !in_right) break;
    bool same = in_left && in_right && left[i].text == right[i].text &&
                left[i].has_newline == right[i].has_newline;
    if (same) {
      out += numbered(ctx, i, render(left[i], 0));
      continue;
    }
    size_t focus = i == first ? column : 0;
    size_t caret = 0;
    out += in_left ? numbered(lhs, i, render(left[i], focus, &caret))
                   : lhs + "     (no line " + std::to_string(i + 1) + ")\n";
    out += in_right ? numbered(rhs, i, render(right[i], focus, &caret))
                    : rhs + "     (no line " + std::to_string(i + 1) + ")\n";
    if (i == first && in_left && in_right) {
      out += std::string(lhs.size() + 6 + caret, ' ') + "^\n";
    }
  }
  size_t shown = first + max_lines;
  if (shown < std::max(left.size(), right.size())) out += "  ... (more lines not shown)\n";
  return out;
}

}  // namespace td::diff
