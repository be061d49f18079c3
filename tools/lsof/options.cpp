#include "options.h"

#include <pwd.h>
#include <strings.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <string_view>

#include "option_reader.h"
#include "tcp_states.h"

namespace tdlsof {

namespace {

// lsof 4.95's option letters on Linux (main.c builds them from its HAS* switches).
constexpr const char* kLetters = "?abc:D:d:e:Ef:F:g:hi:K:lL:m:MnNo:Op:QPr:Rs:S:tT:u:UvVwx:XZ:";

// The field letters -F knows, in lsof's table order (store.c FieldSel, Linux).
constexpr const char* kFieldLetters = "acCdDfFGikKlLmMnNopgPrRsStTuzZ0";
// What plain -F selects: all but r (kept out for compatibility), z and Z (no zones, no
// SELinux here). The '0' and 'm' entries are selected too but change nothing by that.
constexpr const char* kPlainFieldLetters = "acCdDfFGikKlLmMnNopgPRsStTu0";

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// The decimal number a value starts with, and how many digits it took (lsof's loops over
// isdigit() in -L, -o, -r, -S).
struct LeadingNumber {
  long value = 0;
  std::size_t digits = 0;
};
LeadingNumber leading_number(std::string_view text) {
  LeadingNumber n;
  while (n.digits < text.size() && is_digit(text[n.digits])) {
    n.value = n.value * 10 + (text[n.digits] - '0');
    ++n.digits;
  }
  return n;
}

// A value that is really the next option ("-g -p 1"), or none.
bool no_value(const OptionReader::Step& step) {
  return !step.has_value || step.value.empty() || step.value[0] == '-' || step.value[0] == '+';
}

class Parser {
 public:
  explicit Parser(const std::vector<std::string>& args) : reader_(args, kLetters) {}

  ParseResult run() {
    using Kind = OptionReader::Kind;
    for (auto step = reader_.next(); step.kind != Kind::End; step = reader_.next()) {
      if (step.kind == Kind::Colon) {
        error("colon is an illegal option character.");
        continue;
      }
      if (step.kind == Kind::Unknown) {
        error(std::string("illegal option character: ") + step.letter);
        continue;
      }
      option(step);
    }
    auto& o = out_.options;
    o.names = reader_.operands();
    if (o.sizes && o.offsets) error("-o and -s are mutually exclusive");
    if (o.fields && o.terse) error("-F and -t are mutually exclusive");
    if (xover_ && !directory_) error("-x must accompany +d or +D");
    if (!out_.failed && o.and_selections && !has_selection()) {
      out_.errors.push_back("no select options to AND via -a");
      out_.failed = out_.no_selection_to_and = true;
    }
    return std::move(out_);
  }

 private:
  void error(std::string text) {
    out_.errors.push_back(std::move(text));
    out_.failed = true;
  }

  bool has_selection() const {
    const auto& o = out_.options;
    const bool pid_in =
        std::any_of(o.pids.begin(), o.pids.end(), [](const IdItem& i) { return !i.excluded; });
    const bool pgid_in =
        std::any_of(o.pgids.begin(), o.pgids.end(), [](const IdItem& i) { return !i.excluded; });
    const bool uid_in =
        std::any_of(o.uids.begin(), o.uids.end(), [](const UidItem& i) { return !i.excluded; });
    const bool command_in = std::any_of(o.commands.begin(), o.commands.end(),
                                        [](const CommandItem& i) { return !i.excluded; });
    return pid_in || pgid_in || uid_in || command_in || !o.command_regexes.empty() ||
           !o.fds.empty() || o.inet_given || o.nfs || o.unix_sockets || o.select_tasks ||
           o.select_nlink || !o.directories.empty() || reader_.operands().size() > 0;
  }

  void option(const OptionReader::Step& step) {
    auto& o = out_.options;
    const bool plus = step.prefix == '+';
    const std::string value(step.value);
    switch (step.letter) {
      case 'a':
        o.and_selections = true;
        break;
      case 'b':
        o.avoid_blocking = true;  // lsof's kernel-block avoidance (block_warnings.h)
        break;
      case 'c':
        command(step);
        break;
      case 'd':
        if (plus) {
          directory(step, false);
        } else {
          fd_list(step);
        }
        break;
      case 'D':
        if (plus) {
          directory(step, true);
        } else {
          error("unsupported option: -D");
        }
        break;
      case 'e':
        exempt(step);
        break;
      case 'E':
        out_.options.endpoints = step.prefix == '+' ? 2 : 1;
        break;
      case 'f':
        filesystem(step);
        break;
      case 'F':
        fields(step);
        break;
      case 'g':
        if (step.has_value && !step.value.empty() &&
            (step.value[0] == '-' || step.value[0] == '+')) {
          reader_.give_back();
        } else if (step.has_value && !ids(value, o.pgids, true)) {
          out_.failed = true;
        }
        o.show_pgid = true;
        break;
      case 'h':
      case '?':
        o.help = true;
        break;
      case 'i':
        o.inet_given = true;
        if (no_value(step)) {
          o.inet.network = true;
          o.inet.network_family = 0;
          if (step.has_value) reader_.give_back();
        } else if (!o.inet.add(value, out_.errors)) {
          out_.failed = true;
        }
        break;
      case 'K':
        if (no_value(step)) {
          o.select_tasks = true;
          o.ignore_tasks = false;
          if (step.has_value) reader_.give_back();
        } else if (value.size() == 1 && std::tolower(static_cast<unsigned char>(value[0])) == 'i') {
          o.select_tasks = false;
          o.ignore_tasks = true;
        } else {
          error("-K not followed by i (but by " + value + ")");
        }
        break;
      case 'l':
        o.uid_numbers = true;
        break;
      case 'L':
        links(step);
        break;
      case 'm':
        memory(step);
        break;
      case 'M':
        break;  // portmapper registration: no RPC lookups here
      case 'n':
        o.host_names = plus;
        break;
      case 'N':
        o.nfs = true;
        break;
      case 'o':
        offset(step);
        break;
      case 'O':
        break;  // overhead avoidance: nothing forks here
      case 'p':
        if (!step.has_value) {
          error("no process ID specified");
        } else if (!ids(value, o.pids, false)) {
          out_.failed = true;
        }
        break;
      case 'Q':
        o.quiet_search = true;
        break;
      case 'P':
        o.port_names = plus;
        break;
      case 'r':
        repeat(step);
        break;
      case 'R':
        o.show_ppid = true;
        break;
      case 's':
        // -s alone: always sizes; -s p:s: state selection, sizes as usual.
        if (no_value(step)) {
          o.sizes = true;
          if (step.has_value) reader_.give_back();
        } else if (!state_spec(value)) {
          out_.failed = true;
        }
        break;
      case 'S':
        stat_timeout(step);
        break;
      case 't':
        o.terse = true;
        o.warnings = false;
        break;
      case 'T':
        tcp_info(step);
        break;
      case 'u':
        uid_list(step);
        break;
      case 'U':
        o.unix_sockets = true;
        break;
      case 'v':
        o.version = true;
        break;
      case 'V':
        o.verbose_search = true;
        break;
      case 'w':
        o.warnings = plus;
        break;
      case 'x':
        cross_over(step);
        break;
      case 'X':
        o.skip_tcp_udp = !o.skip_tcp_udp;
        break;
      case 'Z':
        error("-Z limited to SELinux");
        break;
      default:
        error(std::string("unknown option (") + step.letter + ")");
        break;
    }
  }

  // -s TCP:LISTEN,^CLOSE_WAIT (arg.c enter_state_spec). lsof 4.95 on Linux has TCP state
  // names only.
  bool state_spec(const std::string& value) {
    const bool tcp = strncasecmp(value.c_str(), "tcp:", 4) == 0;
    const bool udp = strncasecmp(value.c_str(), "udp:", 4) == 0;
    if (!tcp && !udp) {
      out_.errors.push_back("unknown -s protocol: \"" + value + "\"");
      return false;
    }
    const std::string protocol = tcp ? "TCP" : "UDP";
    if (value.size() == 4) {
      out_.errors.push_back("no " + protocol + " state names in: " + value);
      return false;
    }
    if (udp) {
      out_.errors.push_back("no UDP state names available: " + value);
      return false;
    }
    auto& o = out_.options;
    bool ok = true;
    std::size_t at = 4;
    while (at < value.size()) {
      bool excluded = false;
      if (value[at] == '^') {
        excluded = true;
        ++at;
      }
      std::size_t end = value.find(',', at);
      if (end == std::string::npos) end = value.size();
      const std::string name = value.substr(at, end - at);
      at = end < value.size() ? end + 1 : end;
      if (name.empty()) {
        out_.errors.push_back("NULL " + protocol + " state name in: " + value);
        ok = false;
        continue;
      }
      int state = -1;
      for (int i = 0; i < static_cast<int>(kTcpStates.size()); ++i)
        if (strcasecmp(name.c_str(), kTcpStates[i]) == 0) state = i;
      if (state < 0) {
        out_.errors.push_back("unknown " + protocol + " state name: " + name);
        ok = false;
        continue;
      }
      auto& list = excluded ? o.tcp_states_out : o.tcp_states_in;
      if (std::find(list.begin(), list.end(), state) != list.end()) {
        out_.errors.push_back("duplicate " + protocol + " " + (excluded ? "ex" : "in") +
                              "clusion: " + name);
        ok = false;
        continue;
      }
      list.push_back(state);
    }
    return ok;
  }

  void command(const OptionReader::Step& step) {
    auto& o = out_.options;
    const std::string value(step.value);
    if (step.prefix == '+') {
      if (no_value(step) || !is_digit(step.value[0])) {
        error("+c not followed by width number");
        if (step.has_value) reader_.give_back();
        return;
      }
      o.command_width = std::atoi(value.c_str());
      if (o.command_width > 15) {
        error("+c " + std::to_string(o.command_width) + " > what system provides (15)");
      }
      return;
    }
    if (step.has_value && !value.empty() && value[0] == '/') {
      command_regex(value);
      return;
    }
    if (!step.has_value || (!value.empty() && (value[0] == '-' || value[0] == '+'))) {
      error("missing -c option value");
      return;
    }
    CommandItem item;
    item.excluded = !value.empty() && value[0] == '^';
    item.prefix = item.excluded ? value.substr(1) : value;
    if (item.prefix.size() > 15) {
      error("\"-c " + item.prefix + "\" length (" + std::to_string(item.prefix.size()) +
            ") > what system provides (15)");
      return;
    }
    for (const auto& other : o.commands) {
      if (other.prefix == item.prefix && other.excluded != item.excluded) {
        error("-c^" + item.prefix + " and -c" + item.prefix + " conflict.");
        return;
      }
    }
    o.commands.push_back(item);
  }

  // "/regex/[bix]" (arg.c enter_cmd_rx).
  void command_regex(const std::string& value) {
    const std::size_t close = value.rfind('/');
    if (close == 0) {
      error("regexp has no ending '/': " + value);
      return;
    }
    CommandRegex rx;
    rx.text = value;
    rx.regex = value.substr(1, close - 1);
    for (char c : value.substr(close + 1)) {
      switch (c) {
        case 'b':
          rx.basic = true;
          break;
        case 'i':
          rx.ignore_case = true;
          break;
        case 'x':
          rx.exact = true;
          break;
        default:
          error(std::string("invalid regexp modifier: ") + c);
          return;
      }
    }
    if (rx.regex.empty()) {
      error("no regular expression: " + value);
      return;
    }
    out_.options.command_regexes.push_back(rx);
  }

  // -d: "1,2,cwd", "3-10", "^txt,^mem" (arg.c enter_fd): exclusions and inclusions do not mix.
  void fd_list(const OptionReader::Step& step) {
    auto& o = out_.options;
    const std::string value(step.value);
    if (!step.has_value || value.empty()) {
      error("no file descriptor specified");
      return;
    }
    std::size_t at = 0;
    while (at <= value.size()) {
      std::size_t end = value.find(',', at);
      if (end == std::string::npos) end = value.size();
      std::string item = value.substr(at, end - at);
      bool excluded = false;
      if (!item.empty() && item[0] == '^') {
        excluded = true;
        item.erase(0, 1);
      }
      if (!item.empty()) fd_item(item, excluded);
      if (end == value.size()) break;
      at = end + 1;
    }
    (void)o;
  }

  void fd_item(const std::string& item, bool excluded) {
    auto& o = out_.options;
    const std::string shown = (excluded ? "^" : "") + item;
    FdItem fd;
    const std::size_t dash = item.rfind('-');
    if (dash != std::string::npos) {
      if (dash == 0 || dash + 1 == item.size()) {
        out_.errors.push_back("illegal FD range for -d: " + shown.substr(excluded ? 1 : 0));
        out_.failed = true;
        return;
      }
      const std::string low = item.substr(0, dash), high = item.substr(dash + 1);
      const auto digits = [](const std::string& s) {
        return std::all_of(s.begin(), s.end(), [](char c) { return is_digit(c); });
      };
      if (!digits(low) || !digits(high)) {
        error("non-digit in -d FD range: " + item);
        return;
      }
      fd.low = std::atoi(low.c_str());
      fd.high = std::atoi(high.c_str());
      if (fd.low >= fd.high) {
        error("-d FD range's low >= its high: " + item);
        return;
      }
    } else if (std::all_of(item.begin(), item.end(), [](char c) { return is_digit(c); })) {
      fd.low = fd.high = std::atoi(item.c_str());
    } else if (item == "fd") {
      fd.low = 0;
      fd.high = 0x7fffffff;
    } else {
      fd.name = item;
      fd.low = 1;
      fd.high = 0;
    }
    if (!o.fds.empty() && o.fds_excluded != excluded) {
      std::string text = shown;
      if (dash != std::string::npos) {
        text = (excluded ? "^" : "") + std::to_string(fd.low) + "-" + std::to_string(fd.high);
      }
      if (o.warnings) {
        out_.errors.push_back(std::string(excluded ? "exclude" : "include") + " in an " +
                              (o.fds_excluded ? "exclude" : "include") + " -d list: " + text);
      }
      out_.failed = true;
      return;
    }
    for (const auto& other : o.fds) {
      if (other.name == fd.name && other.low == fd.low && other.high == fd.high) return;
    }
    o.fds.push_back(fd);
    o.fds_excluded = excluded;
  }

  // +d D, +D D (arg.c enter_dir): the directory and its entries (its tree with +D) become
  // names to look for; read when the search starts.
  void directory(const OptionReader::Step& step, bool descend) {
    directory_ = true;
    if (!step.has_value || step.value.empty() || step.value[0] == '+' || step.value[0] == '-') {
      if (out_.options.warnings) out_.errors.push_back("+d not followed by a directory path");
      out_.failed = true;
      return;
    }
    out_.options.directories.push_back({std::string(step.value), descend});
  }

  // -e s, +e s (arg.c enter_efsys): an absolute path, -e's with its links resolved, kept
  // once, newest first. Whether it is a mount point is checked after parsing (main.cpp).
  void exempt(const OptionReader::Step& step) {
    if (no_value(step)) {
      error(std::string("no ") + step.prefix + "e file system specified");
      if (step.has_value) reader_.give_back();
      return;
    }
    const std::string value(step.value);
    if (value[0] != '/') {
      if (out_.options.warnings)
        out_.errors.push_back("-e not followed by a file system path: \"" + value + "\"");
      out_.failed = true;
      return;
    }
    std::string path = value;
    auto& o = out_.options;
    // -e resolves its path with Readlink(), which a -b given before it avoids, saying so.
    if (step.prefix == '-' && o.avoid_blocking) {
      if (o.warnings) o.readlinks_avoided.push_back(value);
    } else if (step.prefix == '-') {
      if (char* real = ::realpath(value.c_str(), nullptr)) {
        path = real;
        std::free(real);
      }
    }
    while (path.size() > 1 && path.back() == '/')
      path.pop_back();
    auto& list = o.exempt;
    for (const auto& e : list)
      if (e.path == path) return;
    list.insert(list.begin(), Options::Exempt{path, step.prefix == '+'});
  }

  void filesystem(const OptionReader::Step& step) {
    auto& o = out_.options;
    if (no_value(step)) {
      o.filesystem_names = step.prefix == '+' ? 2 : 1;
      if (step.has_value) reader_.give_back();
      return;
    }
    for (char c : step.value) {
      switch (c) {
        case 'c':
        case 'C':
        case 'f':
        case 'F':
        case 'n':
        case 'N':
          error(std::string("unknown string for ") + step.prefix + "f: " + std::string(step.value));
          return;
        case 'g':
        case 'G':
          if (step.prefix == '+') {
            o.file_flags = true;
            if (c == 'G') o.file_flags_hex = true;
          }
          break;
        default:
          error(std::string("unknown string for ") + step.prefix + "f: " + std::string(step.value));
          return;
      }
    }
  }

  void fields(const OptionReader::Step& step) {
    auto& o = out_.options;
    if (!o.fields) o.fields = FieldChoice{};
    // Each field's side effects (store.c FieldSel's option pointers), and for a letter
    // named explicitly, main.c's extras: '0' ends fields with NUL, 'o' always shows offsets.
    auto add = [&](char letter, bool explicitly) {
      if (!o.fields->has(letter)) o.fields->letters += letter;
      switch (letter) {
        case 'g':
          o.show_pgid = true;
          break;
        case 'R':
          o.show_ppid = true;
          break;
        case 'k':
          o.link_counts = true;
          break;
        case 'T':
          o.tcp_info |= 0x7;
          break;  // TCPTPI_ALL: state, queues, windows
        case 'G':
          o.file_flags = o.file_flags_hex = true;
          break;
        case '0':
          if (explicitly) o.terminator = '\0';
          break;
        case 'o':
          if (explicitly) o.offsets = true;
          break;
        default:
          break;
      }
    };
    if (no_value(step) || step.value == "0") {
      if (step.has_value && step.value != "0") reader_.give_back();
      if (step.value == "0") o.terminator = '\0';
      for (const char* c = kPlainFieldLetters; *c; ++c) {
        add(*c, false);
      }
      return;
    }
    if (step.value == "?") {
      o.field_help = true;
      return;
    }
    for (char c : step.value) {
      if (std::strchr(kFieldLetters, c) == nullptr || c == '\0') {
        out_.errors.push_back(std::string("unknown field: ") + c);
        out_.failed = true;
        continue;
      }
      add(c, true);
    }
  }

  // -p and -g lists (arg.c enter_id): digits only, '^' excludes, duplicates dropped, an id
  // both included and excluded is an error.
  bool ids(const std::string& value, std::vector<IdItem>& list, bool group) {
    const std::string what = group ? "process group" : "process";
    bool ok = true;
    std::size_t at = 0;
    while (at < value.size()) {
      IdItem item;
      std::size_t i = at;
      bool first = true;
      for (; i < value.size() && value[i] != ','; ++i) {
        if (first) {
          first = false;
          if (value[i] == '^') {
            item.excluded = true;
            continue;
          }
        }
        if (!is_digit(value[i])) {
          out_.errors.push_back("illegal " + what + " ID: " + value);
          return false;
        }
        item.id = item.id * 10 + (value[i] - '0');
      }
      at = i < value.size() ? i + 1 : i;
      bool skip = false;
      for (const auto& other : list) {
        if (other.id != item.id) continue;
        if (other.excluded == item.excluded) {
          skip = true;
          continue;
        }
        out_.errors.push_back(std::string("P") + (group ? "G" : "") + "ID " +
                              std::to_string(item.id) + " has been included and excluded.");
        ok = false;
        skip = true;
        break;
      }
      if (!skip) list.push_back(item);
    }
    return ok;
  }

  void uid_list(const OptionReader::Step& step) {
    auto& o = out_.options;
    if (!step.has_value) {
      error("no UIDs specified");
      return;
    }
    const std::string value(step.value);
    std::size_t at = 0;
    while (at < value.size()) {
      std::size_t end = value.find(',', at);
      if (end == std::string::npos) end = value.size();
      std::string item = value.substr(at, end - at);
      at = end + 1;
      UidItem uid;
      if (!item.empty() && item[0] == '^') {
        uid.excluded = true;
        item.erase(0, 1);
      }
      if (item.size() > 32) {
        error("-u login name > 32 characters: " + item.substr(0, 32));
        continue;
      }
      const bool number = !item.empty() &&
                          std::all_of(item.begin(), item.end(), [](char c) { return is_digit(c); });
      if (number) {
        uid.uid = static_cast<uid_t>(std::strtoul(item.c_str(), nullptr, 10));
      } else {
        const passwd* pw = item.empty() ? nullptr : ::getpwnam(item.c_str());
        if (!pw) {
          error("can't get UID for " + item);
          continue;
        }
        uid.uid = pw->pw_uid;
        uid.login = item;
      }
      bool duplicate = false;
      for (auto& other : o.uids) {
        if (other.uid == uid.uid && other.excluded == uid.excluded) duplicate = true;
      }
      if (!duplicate) o.uids.push_back(uid);
    }
  }

  void links(const OptionReader::Step& step) {
    auto& o = out_.options;
    o.link_counts = step.prefix == '+';
    if (no_value(step)) {
      o.nlink_below = 0;
      if (step.has_value) reader_.give_back();
      return;
    }
    const auto [value, n] = leading_number(step.value);
    if (n) {
      if (step.prefix != '+') {
        error("no number may follow -L");
      } else {
        o.nlink_below = value;
        o.select_nlink = true;
      }
    } else {
      o.nlink_below = 0;
    }
    if (n < step.value.size()) reader_.give_back(n);
  }

  void memory(const OptionReader::Step& step) {
    if (step.prefix == '-') {
      if (no_value(step)) {
        error("-m not followed by path");
        if (step.has_value) reader_.give_back();
      }
      error("-m not supported");
    } else {
      if (no_value(step) && step.has_value) reader_.give_back();
      error("+m not supported");
    }
  }

  void offset(const OptionReader::Step& step) {
    auto& o = out_.options;
    if (no_value(step)) {
      o.offsets = true;
      if (step.has_value) reader_.give_back();
      return;
    }
    const auto [digits, n] = leading_number(step.value);
    if (n) {
      o.offset_digits = static_cast<int>(digits);
    } else {
      o.offsets = true;
    }
    if (n < step.value.size()) reader_.give_back(n);
  }

  void repeat(const OptionReader::Step& step) {
    auto& o = out_.options;
    if (step.prefix == '+') o.repeat_until_empty = true;
    o.repeat_seconds = 15;
    if (no_value(step)) {
      if (step.has_value) reader_.give_back();
      return;
    }
    const auto [seconds, n] = leading_number(step.value);
    if (n) o.repeat_seconds = static_cast<int>(seconds);
    std::size_t at = n;
    if (at == step.value.size()) return;
    while (at < step.value.size() && step.value[at] == ' ')
      ++at;
    if (at < step.value.size() && step.value[at] == 'c') {
      ++at;
      int count = 0;
      while (at < step.value.size() && is_digit(step.value[at])) {
        count = count * 10 + (step.value[at] - '0');
        ++at;
      }
      o.repeat_count = count;
    }
    if (at >= step.value.size() || step.value[at] != 'm') {
      reader_.give_back(n);
      return;
    }
    error("m<fmt> not supported: \"" + std::string(step.value.substr(at + 1)) + "\"");
  }

  void stat_timeout(const OptionReader::Step& step) {
    if (no_value(step)) {
      if (step.has_value) reader_.give_back();
      return;
    }
    const auto [seconds, n] = leading_number(step.value);
    if (n < step.value.size()) reader_.give_back(n);
    if (n && seconds < 2) {
      out_.errors.push_back("WARNING: -S time (" + std::to_string(seconds) + ") changed to 2");
    }
  }

  void tcp_info(const OptionReader::Step& step) {
    auto& o = out_.options;
    if (no_value(step)) {
      o.tcp_info = step.prefix == '-' ? 0 : 1;
      if (step.has_value) reader_.give_back();
      return;
    }
    o.tcp_info = 0;
    for (char c : step.value) {
      switch (c) {
        case 'f':
          o.tcp_info |= 8;
          break;
        case 'q':
          o.tcp_info |= 2;
          break;
        case 's':
          o.tcp_info |= 1;
          break;
        case 'w':
          o.tcp_info |= 4;
          break;
        default:
          error(std::string("unsupported TCP/TPI info selection: ") + c);
          break;
      }
    }
  }

  void cross_over(const OptionReader::Step& step) {
    auto& o = out_.options;
    xover_ = true;
    if (no_value(step)) {
      o.cross_file_systems = o.cross_symlinks = true;
      if (step.has_value) reader_.give_back();
      return;
    }
    for (char c : step.value) {
      if (c == 'f') {
        o.cross_file_systems = true;
      } else if (c == 'l') {
        o.cross_symlinks = true;
      } else {
        out_.errors.push_back(std::string("unknown cross-over option: ") + c);
        out_.failed = true;
      }
    }
  }

  OptionReader reader_;
  ParseResult out_;
  bool xover_ = false;
  bool directory_ = false;
};

}  // namespace

ParseResult parse_options(const std::vector<std::string>& args) {
  return Parser(args).run();
}

}  // namespace tdlsof
