// BSD options: letters without a dash ("aux"), and every dash word in the second pass.
#include "options_parser.h"

namespace td::ps::detail {

std::string Parser::bsd_word() {
  // In the second pass a dash word is read as BSD letters after its dash.
  for (flag_ = word_.starts_with('-') ? 1 : 0; flag_ < word_.size(); ++flag_) {
    const char letter = word_[flag_];
    if (letter >= '0' && letter <= '9') return add_list(word_.substr(flag_), ListKind::Pid);
    switch (letter) {
      case 'H':
        opt_.thread_flags |= kThreadBsdH;
        break;
      case 'L':
        if (!exclusive("L")) return "the option is exclusive: L";
        opt_.action = Action::ListFormats;
        return {};
      case 'M':
        opt_.thread_flags |= kThreadBsdM;
        break;
      case 'O': {
        auto arg = option_argument();
        if (!arg) return "format or sort specification must follow O";
        opt_.formats.push_back({std::string(*arg), FormatSource::BsdBigO});
        return {};
      }
      case 'S':
        opt_.modes.include_dead_children = true;
        break;
      case 'T':
        add_own_tty();
        break;
      case 'U':
        return list_option("list of users must follow U", ListKind::Euid);
      case 'V':
        if (!exclusive("V")) return "the option is exclusive: V";
        opt_.action = Action::Version;
        return {};
      case 'W':
        return "obsolete W option not supported (you have a /dev/drum?)";
      case 'X':
        opt_.format_flags |= kFormatBsdX;
        break;
      case 'Z':
        opt_.format_modifiers |= kModifierM;
        break;
      case 'a':
        opt_.simple_select |= kSelectBsdA;
        break;
      case 'c':
        opt_.modes.bsd_c = true;
        break;
      case 'e':
        opt_.modes.bsd_e = true;
        break;
      case 'f':
        opt_.forest_type = 'b';
        break;
      case 'g':
        opt_.simple_select |= kSelectBsdG;
        break;
      case 'h':
        if (opt_.header != HeaderMode::Single) return "only one heading option may be specified";
        opt_.header = (opt_.personality & kPersonalityBsdH) ? HeaderMode::Repeat : HeaderMode::None;
        break;
      case 'j':
        opt_.format_flags |= kFormatBsdJ;
        break;
      case 'k': {
        auto arg = option_argument();
        if (!arg) return "long sort specification must follow 'k'";
        opt_.formats.push_back({std::string(*arg), FormatSource::GnuSort});
        return {};
      }
      case 'l':
        opt_.format_flags |= kFormatBsdL;
        break;
      case 'm':
        if (opt_.personality & kPersonalityOldM) {
          opt_.format_flags |= kFormatBsdM;
          break;
        }
        if (opt_.personality & kPersonalityBsdM) {
          opt_.formats.push_back({"pmem", FormatSource::BsdM});
          break;
        }
        opt_.thread_flags |= kThreadBsdM;
        break;
      case 'n':
        opt_.modes.wchan_is_number = true;
        opt_.modes.user_is_number = true;
        break;
      case 'o': {
        auto arg = option_argument();
        if (!arg) return "format specification must follow o";
        opt_.formats.push_back({std::string(*arg), FormatSource::BsdO});
        return {};
      }
      case 'p':
        return list_option("list of process IDs must follow p", ListKind::Pid);
      case 'q':
        return list_option("List of process IDs must follow q.", ListKind::QuickPid);
      case 'r':
        opt_.running_only = true;
        break;
      case 's':
        opt_.format_flags |= kFormatBsdS;
        break;
      case 't': {
        // With no list, obsolete BSD syntax for "this terminal".
        auto arg = option_argument();
        if (!arg) {
          add_own_tty();
          return {};
        }
        return add_list(*arg, ListKind::Tty);
      }
      case 'u':
        opt_.format_flags |= kFormatBsdU;
        break;
      case 'v':
        opt_.format_flags |= kFormatBsdV;
        break;
      case 'w':
        ++opt_.w_count;
        break;
      case 'x':
        opt_.simple_select |= kSelectBsdX;
        break;
      case '-':
        return "embedded '-' among BSD options makes no sense";
      default:
        return "unsupported option (BSD syntax)";
    }
  }
  return {};
}

}  // namespace td::ps::detail
