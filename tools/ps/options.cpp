#include "options.h"
#include "options_parser.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <clocale>
#include <cstdlib>
#include <cwchar>
#include <cwctype>

namespace td::ps {

namespace {

enum class ArgType { Gnu, End, ProcessGroup, SysV, Pid, Bsd, Fail, Session };

ArgType arg_type(std::string_view word) {
  auto at = [&](std::size_t i) -> unsigned char {
    return i < word.size() ? static_cast<unsigned char>(word[i]) : 0;
  };
  if (std::isalpha(at(0))) return ArgType::Bsd;
  if (std::isdigit(at(0))) return ArgType::Pid;
  if (at(0) == '+') return ArgType::Session;
  if (at(0) != '-') return ArgType::Fail;
  if (std::isalpha(at(1))) return ArgType::SysV;
  if (std::isdigit(at(1))) return ArgType::ProcessGroup;
  if (at(1) != '-') return ArgType::Fail;
  if (std::isalpha(at(2))) return ArgType::Gnu;
  if (at(2) == 0) return ArgType::End;
  // A long option may start with a letter of the locale (translated "--help").
  std::wstring wide(2, L'\0');
  const std::string rest(word.substr(2));
  if (std::mbstowcs(wide.data(), rest.c_str(), 1) == 1 && std::iswalpha(wide[0]))
    return ArgType::Gnu;
  return ArgType::Fail;
}

}  // namespace

namespace detail {

std::optional<std::string_view> Parser::option_argument() {
  if (flag_ + 1 < word_.size()) return word_.substr(flag_ + 1);
  if (index_ + 1 >= args_.size() || args_[index_ + 1].empty()) return std::nullopt;
  return args_[++index_];
}

std::optional<std::string_view> Parser::long_option_argument(std::string_view rest) {
  if (!rest.empty()) {
    if (rest[0] != '=' && rest[0] != ':') return std::nullopt;
    if (rest.size() > 1) return rest.substr(1);
    return std::nullopt;
  }
  if (index_ + 1 >= args_.size() || args_[index_ + 1].empty()) return std::nullopt;
  return args_[++index_];
}

std::string Parser::list_option(const char* missing_argument_message, ListKind kind) {
  auto arg = option_argument();
  if (!arg) return missing_argument_message;
  return add_list(*arg, kind);
}

std::string Parser::add_list(std::string_view text, ListKind kind) {
  SelectionList list;
  std::string err = parse_list(text, kind, opt_.negate, list);
  if (err.empty()) opt_.lists.push_back(std::move(list));
  return err;
}

// BSD "T" and a bare "t": the terminal ps itself runs on. The number is filled in later
// from SystemInfo::own_tty(); an empty list marks it.
void Parser::add_own_tty() {
  opt_.lists.push_back(SelectionList{ListKind::Tty, {}, {}});
}

std::string Parser::run() {
  for (index_ = 0; index_ < args_.size(); ++index_) {
    word_ = args_[index_];
    std::string err;
    switch (arg_type(word_)) {
      case ArgType::Gnu:
        err = gnu_word();
        break;
      case ArgType::SysV:
        if (!force_bsd_) {
          err = sysv_word();
          break;
        }
        opt_.prefer_bsd_defaults = true;
        err = bsd_word();
        break;
      case ArgType::Bsd:
        // The second pass only reinterprets dash words; a plain BSD word there means
        // the line is neither BSD nor SysV.
        if (force_bsd_ && !(opt_.personality & kPersonalityForceBsd)) return "way bad";
        opt_.prefer_bsd_defaults = true;
        err = bsd_word();
        break;
      case ArgType::ProcessGroup:
      case ArgType::Session:
      case ArgType::Pid:
        opt_.prefer_bsd_defaults = true;
        err = trailing_pids();
        break;
      case ArgType::End:
      case ArgType::Fail:
        return "garbage option";
    }
    if (!err.empty()) return err;
    // --help, -V and L end parsing at once, as procps exits there.
    if (opt_.action != Action::Report) return {};
  }
  return {};
}

std::string Parser::sysv_word() {
  for (flag_ = 1; flag_ < word_.size(); ++flag_) {
    switch (word_[flag_]) {
      case 'A':
      case 'e':
        opt_.all_processes = true;
        break;
      case 'C':
        return list_option("list of command names must follow -C", ListKind::Command);
      case 'F':
        opt_.format_modifiers |= kModifierF;
        opt_.format_flags |= kFormatUnixF;
        opt_.modes.unix_f = true;
        break;
      case 'G':
        return list_option("list of real groups must follow -G", ListKind::Rgid);
      case 'H':
        opt_.forest_type = 'u';
        break;
      case 'L':
        opt_.thread_flags |= kThreadUnixL;
        break;
      case 'M':
      case 'Z':
        opt_.format_modifiers |= kModifierM;
        break;
      case 'N':
        opt_.negate = true;
        break;
      case 'O': {
        auto arg = option_argument();
        if (!arg) return "format or sort specification must follow -O";
        opt_.formats.push_back({std::string(*arg), FormatSource::UnixBigO});
        return {};
      }
      case 'P':
        opt_.format_modifiers |= kModifierP;
        break;
      case 'T':
        opt_.thread_flags |= kThreadUnixT;
        break;
      case 'U':
        return list_option("list of real users must follow -U", ListKind::Ruid);
      case 'V':
        if (!exclusive("-V")) return "the option is exclusive: -V";
        opt_.action = Action::Version;
        return {};
      case 'a':
        opt_.simple_select |= kSelectUnixA;
        break;
      case 'c':
        opt_.format_modifiers |= kModifierC;
        break;
      case 'd':
        opt_.simple_select |= kSelectUnixD;
        break;
      case 'f':
        opt_.format_flags |= kFormatUnixF;
        opt_.modes.unix_f = true;
        break;
      case 'g': {
        // Sessions if numeric, else effective group names.
        auto arg = option_argument();
        if (!arg) return "list of session leaders OR effective group names must follow -g";
        if (add_list(*arg, ListKind::Session).empty()) return {};
        if (add_list(*arg, ListKind::Egid).empty()) return {};
        return "list of session leaders OR effective group IDs was invalid";
      }
      case 'j':
        // A personality with a SysV -j format (gnu, digital, os390) uses it; else -j
        // modifies the default format.
        if (!opt_.predefined.sysv_j.empty())
          opt_.format_flags |= kFormatUnixJ;
        else
          opt_.format_modifiers |= kModifierJ;
        break;
      case 'l':
        opt_.format_flags |= kFormatUnixL;
        break;
      case 'm':
        opt_.thread_flags |= kThreadUnixM;
        break;
      case 'o': {
        auto arg = option_argument();
        if (!arg) return "format specification must follow -o";
        opt_.formats.push_back({std::string(*arg), FormatSource::UnixO});
        return {};
      }
      case 'p':
        return list_option("list of process IDs must follow -p", ListKind::Pid);
      case 'q':
        return list_option("List of process IDs must follow -q.", ListKind::QuickPid);
      case 's':
        return list_option("list of session IDs must follow -s", ListKind::Session);
      case 't':
        return list_option("list of terminals (pty, tty...) must follow -t", ListKind::Tty);
      case 'u':
        return list_option("list of users must follow -u", ListKind::Euid);
      case 'w':
        ++opt_.w_count;
        break;
      case 'x':
        if (opt_.personality & kPersonalitySvr4X) {
          opt_.format_modifiers |= kModifierY;
          break;
        }
        if (opt_.personality & kPersonalityHpuxX) {
          opt_.w_count += 2;
          opt_.modes.unix_f = true;
          break;
        }
        return "must set personality to get -x option";
      case 'y':
        opt_.format_modifiers |= kModifierY;
        break;
      case '-':
        return "embedded '-' among SysV options makes no sense";
      default:
        return "unsupported SysV option";
    }
  }
  return {};
}

std::string Parser::trailing_pids() {
  // Everything from here on is a pid, "-pgrp" or "+session".
  SelectionList pids{ListKind::Pid, {}, {}};
  SelectionList groups{ListKind::Pgrp, {}, {}};
  SelectionList sessions{ListKind::Session, {}, {}};
  for (; index_ < args_.size(); ++index_) {
    std::string_view word = args_[index_];
    SelectionList* list = &pids;
    if (!word.empty() && word[0] == '-') {
      list = &groups;
      word.remove_prefix(1);
    } else if (!word.empty() && word[0] == '+') {
      list = &sessions;
      word.remove_prefix(1);
    }
    std::uint64_t pid = 0;
    std::string err = parse_pid_value(std::string(word), pid);
    if (!err.empty()) return err;
    list->ids.push_back(pid);
  }
  index_ = args_.size() - 1;
  for (SelectionList* list : {&pids, &groups, &sessions})
    if (!list->ids.empty()) opt_.lists.push_back(std::move(*list));
  return {};
}

}  // namespace detail

std::string parse_options(std::span<const std::string_view> args, bool force_bsd, Options& out) {
  detail::Parser parser(args, force_bsd, out);
  return parser.run();
}

}  // namespace td::ps
