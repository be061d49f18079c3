// What tdlsof says about itself: lsof 4.95's short usage (after an option error), its help
// (-h, -?), its field list (-F?), and a version block (-v) that names this project. All go
// to standard error, as lsof's do.
#pragma once

#include <string>

namespace tdlsof {

std::string short_usage(const std::string& program);
std::string help_text(const std::string& program);
std::string field_help(const std::string& program);
std::string version_text(const std::string& program);

}  // namespace tdlsof
