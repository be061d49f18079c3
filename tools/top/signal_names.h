// procps's signal_name_to_number (local/signals.c), as top's 'k' reads its answer: a name
// with or without "SIG" in any case, CLD, IO, IOT, RTMIN, RTMIN+n, EXIT and NULL (0), or
// a number; -1 when it is none of these.
#pragma once

#include <string_view>

namespace td::top {

int signal_name_to_number(std::string_view name);

}  // namespace td::top
