// tdps-man-specifiers: the list of format specifiers in man/tdps.1, written from the column
// table so that the page cannot fall behind it.
//
//   tdps-man-specifiers                  print the generated lines
//   tdps-man-specifiers --check FILE     exit 1 when FILE's list differs from them
//   tdps-man-specifiers --update FILE    rewrite FILE's list
//
// The list sits between the lines kBegin and kEnd; the rest of the page is written by hand.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "columns.h"

namespace td::ps {
namespace {

constexpr std::string_view kBegin = ".\\\" BEGIN SPECIFIER LIST (tdps-man-specifiers)\n";
constexpr std::string_view kEnd = ".\\\" END SPECIFIER LIST\n";
constexpr std::size_t kCellWidth = 13;

// roff text: a minus sign is "\-"; returns the text and the cells it prints.
std::string roff(std::string_view text, std::size_t& cells) {
  std::string out;
  for (char c : text) {
    if (c == '-')
      out += "\\-";
    else if (c == '\\')
      out += "\\e";
    else
      out.push_back(c);
  }
  cells = text.size();
  return out;
}

void cell(std::string& line, std::string_view text) {
  std::size_t cells = 0;
  line += roff(text, cells);
  line.append(cells < kCellWidth ? kCellWidth - cells : 1, ' ');
}

std::string note(const ColumnSpec& column) {
  std::vector<std::string> parts;
  if (column.print == nullptr) parts.push_back("placeholder");
  if (column.sort.unapplied) parts.push_back("not sorted");
  if (column.sort.only_with) parts.push_back("sorted beside others");
  std::string out;
  for (const std::string& part : parts)
    out += (out.empty() ? "" : ", ") + part;
  return out;
}

// "a, b or c"
std::string joined(const std::vector<std::string_view>& names, std::string_view last) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i) out += i + 1 == names.size() ? last : ", ";
    out += names[i];
  }
  return out;
}

std::string generated_list() {
  std::string out;
  out += ".PP\n";
  out += "Every specifier with its header. A placeholder prints \"\\-\"; a key marked \"not\n";
  out += "sorted\" is accepted by \\fB\\-\\-sort\\fR and leaves the order as it is, as in ps.\n";
  out += ".PP\n.nf\n";
  for (const ColumnSpec& column : all_columns()) {
    std::string line;
    cell(line, column.spec);
    cell(line, column.header);
    line += note(column);
    while (!line.empty() && line.back() == ' ')
      line.pop_back();
    out += line + "\n";
  }
  out += ".fi\n.PP\n";
  out += "Keys sorted beside others sort only when a specifier that reads their value is\n";
  out += "shown or sorted on too:\n";
  StackItems listed;
  for (const ColumnSpec& key_row : all_columns()) {
    const auto item = key_row.sort.only_with;
    if (!item || listed.has(*item)) continue;
    listed.add(*item);
    std::vector<std::string_view> keys, beside;
    for (const ColumnSpec& column : all_columns()) {
      if (column.sort.only_with == *item) keys.push_back(column.spec);
      if (column.stacks.has(*item)) beside.push_back(column.spec);
    }
    out += ".TP\n.B " + joined(keys, ", ") + "\n";
    out += "beside " + joined(beside, " or ") + ".\n";
  }
  return out;
}

std::string read_file(const std::string& path, bool& ok) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  ok = static_cast<bool>(in);
  return text.str();
}

int check_or_update(const std::string& path, bool update) {
  bool ok = false;
  const std::string page = read_file(path, ok);
  const std::size_t begin = page.find(kBegin);
  const std::size_t end = page.find(kEnd);
  if (!ok || begin == std::string::npos || end == std::string::npos || end < begin) {
    std::cerr << path << ": no lines \"" << kBegin.substr(0, kBegin.size() - 1) << "\" and \""
              << kEnd.substr(0, kEnd.size() - 1) << "\"\n";
    return 2;
  }
  const std::size_t from = begin + kBegin.size();
  const std::string wanted = generated_list();
  if (page.compare(from, end - from, wanted) == 0) return 0;
  if (!update) {
    std::cerr << path << ": the list of specifiers differs from the column table; run\n"
              << "  tdps-man-specifiers --update " << path << "\n"
              << "(ninja tdps-man-specifiers in the build directory)\n";
    return 1;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << page.substr(0, from) << wanted << page.substr(end);
  return out ? 0 : 2;
}

}  // namespace
}  // namespace td::ps

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  if (argc == 1) {
    std::fputs(td::ps::generated_list().c_str(), stdout);
    return 0;
  }
  if (argc == 3 && (mode == "--check" || mode == "--update"))
    return td::ps::check_or_update(argv[2], mode == "--update");
  std::cerr << "usage: tdps-man-specifiers [--check FILE | --update FILE]\n";
  return 2;
}
