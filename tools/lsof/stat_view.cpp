#include "stat_view.h"

#include <cstdlib>
#include <sstream>
#include <vector>

namespace tdlsof {

std::optional<StatView> lsof_stat_view(std::string_view comm, char state, pid_t ppid, pid_t pgid) {
  // The line after "PID (": the comm, its closing ')', then fields without parentheses.
  std::string line(comm);
  line += ") ";
  line += state;
  line += ' ' + std::to_string(ppid) + ' ' + std::to_string(pgid) + " 0";
  int balance = 1;
  std::size_t end = std::string::npos;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '(') ++balance;
    if (line[i] == ')' && --balance == 0) {
      end = i;
      break;
    }
  }
  if (end == std::string::npos) return std::nullopt;
  StatView view;
  view.command = line.substr(0, end);
  std::istringstream rest(line.substr(end + 1));
  std::vector<std::string> fields;
  std::string word;
  while (fields.size() < 3 && rest >> word)
    fields.push_back(word);
  if (fields.size() < 3 || fields[1].empty() || fields[2].empty()) return std::nullopt;
  view.zombie = fields[0] == "Z";
  view.ppid = static_cast<pid_t>(std::atoi(fields[1].c_str()));
  view.pgid = static_cast<pid_t>(std::atoi(fields[2].c_str()));
  return view;
}

}  // namespace tdlsof
