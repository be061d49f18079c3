#include "case_table.h"

#include <charconv>

namespace td::diff {
namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}

bool parse_unsigned(std::string_view text, unsigned* value) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), *value);
  return ec == std::errc() && ptr == text.data() + text.size() && !text.empty();
}

// "80" or "80x24".
bool parse_size(std::string_view text, unsigned* cols, unsigned* rows) {
  size_t x = text.find('x');
  if (x == std::string_view::npos) return parse_unsigned(text, cols) && *cols > 0;
  return parse_unsigned(text.substr(0, x), cols) && parse_unsigned(text.substr(x + 1), rows) &&
         *cols > 0 && *rows > 0;
}

bool apply_marker(std::string_view marker, Case* c, std::string* error) {
  std::string_view key = marker, value;
  if (size_t eq = marker.find('='); eq != std::string_view::npos) {
    key = marker.substr(0, eq);
    value = marker.substr(eq + 1);
  }
  bool ok = true;
  if (key == "@tty") {
    c->output = Output::tty;
    c->ctty = true;
    ok = parse_size(value, &c->cols, &c->rows);
  } else if (key == "@ctty") {
    c->ctty = true;
    ok = value.empty() || parse_size(value, &c->cols, &c->rows);
  } else if (key == "@noself" && value.empty()) {
    c->drop_self_row = true;
  } else if (key == "@head") {
    ok = parse_unsigned(value, &c->head_lines) && c->head_lines > 0;
  } else if (key == "@closed" && value.empty()) {
    c->output = Output::closed;
  } else if (key == "@full" && value.empty()) {
    c->output = Output::full;
  } else if (key == "@stderr" && value.empty()) {
    c->compare_stderr = true;
  } else if (key == "@user") {
    c->user = std::string(value);
    ok = !value.empty();
  } else if (key == "@gap" && value.empty()) {
    c->known_gap = true;
  } else {
    *error = "unknown marker " + std::string(marker);
    return false;
  }
  if (!ok) *error = "bad value in marker " + std::string(marker);
  return ok;
}

bool is_assignment(const Word& word) {
  size_t eq = word.text.find('=');
  if (eq == 0 || eq == std::string::npos || eq >= word.quoted_from) return false;
  for (size_t i = 0; i < eq; ++i) {
    char c = word.text[i];
    bool ok = c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
              (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

}  // namespace

bool split_words(std::string_view line, std::vector<Word>* words, std::string* error) {
  words->clear();
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && is_blank(line[i]))
      ++i;
    if (i == line.size() || line[i] == '#') break;
    Word word;
    while (i < line.size() && !is_blank(line[i])) {
      char c = line[i];
      if (c == '\'') {
        size_t end = line.find('\'', i + 1);
        if (end == std::string_view::npos) {
          *error = "unterminated '";
          return false;
        }
        word.quoted_from = std::min(word.quoted_from, word.text.size());
        word.text.append(line.substr(i + 1, end - i - 1));
        word.quoted = true;
        i = end + 1;
      } else if (c == '"') {
        word.quoted_from = std::min(word.quoted_from, word.text.size());
        word.quoted = true;
        for (++i;; ++i) {
          if (i == line.size()) {
            *error = "unterminated \"";
            return false;
          }
          if (line[i] == '"') break;
          if (line[i] == '\\' && i + 1 < line.size() &&
              std::string_view("\"\\$`").find(line[i + 1]) != std::string_view::npos) {
            ++i;
          }
          word.text.push_back(line[i]);
        }
        ++i;
      } else if (c == '\\') {
        if (i + 1 == line.size()) {
          *error = "backslash at end of line";
          return false;
        }
        word.quoted_from = std::min(word.quoted_from, word.text.size());
        word.text.push_back(line[i + 1]);
        word.quoted = true;
        i += 2;
      } else {
        word.text.push_back(c);
        ++i;
      }
    }
    words->push_back(std::move(word));
  }
  return true;
}

CaseTable parse_case_table(std::string_view text, std::string_view file, std::string_view tool) {
  CaseTable table;
  int line_number = 0;
  while (!text.empty()) {
    ++line_number;
    size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);

    auto complain = [&](const std::string& message) {
      table.errors.push_back(std::string(file) + ":" + std::to_string(line_number) + ": " +
                             message);
    };
    std::vector<Word> words;
    std::string error;
    if (!split_words(line, &words, &error)) {
      complain(error);
      continue;
    }
    if (words.empty()) continue;

    Case c;
    c.line = line_number;
    c.text = std::string(line);
    while (c.text.size() > 0 && is_blank(c.text.back()))
      c.text.pop_back();
    size_t i = 0;
    bool ok = true;
    for (; i < words.size() && !words[i].quoted && words[i].text.starts_with("@"); ++i) {
      if (!apply_marker(words[i].text, &c, &error)) {
        complain(error);
        ok = false;
      }
    }
    for (; i < words.size() && is_assignment(words[i]); ++i)
      c.env.push_back(words[i].text);
    for (; i < words.size(); ++i)
      c.argv.push_back(words[i].text);
    if (!ok) continue;
    if (c.argv.empty() || c.argv[0] != tool) {
      complain("the command must be " + std::string(tool) + " (markers first, then KEY=VALUE)");
      continue;
    }
    if (c.head_lines > 0 && c.output != Output::pipe) {
      complain("@head needs stdout to be a pipe");
      continue;
    }
    table.cases.push_back(std::move(c));
  }
  return table;
}

bool expand_placeholders(const std::string& word, const PlaceholderLookup& lookup, std::string* out,
                         std::string* error) {
  out->clear();
  size_t pos = 0;
  for (;;) {
    size_t open = word.find('{', pos);
    if (open == std::string::npos) break;
    size_t close = word.find('}', open);
    std::string key = close == std::string::npos ? "" : word.substr(open + 1, close - open - 1);
    if (!key.starts_with("pid:") && !key.starts_with("tid:") && !key.starts_with("tty:") &&
        !key.starts_with("data:")) {
      // Not a placeholder (ps itself has none): keep the brace.
      out->append(word, pos, open + 1 - pos);
      pos = open + 1;
      continue;
    }
    auto value = lookup(key);
    if (!value) {
      *error = "unknown placeholder {" + key + "}";
      return false;
    }
    out->append(word, pos, open - pos);
    out->append(*value);
    pos = close + 1;
  }
  out->append(word, pos);
  return true;
}

}  // namespace td::diff
