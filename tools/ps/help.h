// The usage text: ps --help [simple|list|output|threads|misc|all] and the error usage.
#pragma once

#include <string>
#include <string_view>

namespace td::ps {

// `program` is the name tdps was invoked as; `topic` as given after --help (may be empty).
std::string help_text(std::string_view program, std::string_view topic);

// "tdps from td 0.1.0", under the name tdps was invoked as.
std::string version_text(std::string_view program);

// `ps L`: every printable specifier with its header.
std::string format_specifier_list();

}  // namespace td::ps
