// The rcfile top's W command writes (top.c write_rcfile): the settings of the four windows,
// the global ones and the other filters, in top 4.0.2's layout, so that top reads it back.
#pragma once

#include <string>

#include "config.h"

namespace td::top {

// The file's text; `program` names it in its first line ("top's Config File ...").
std::string rcfile_text(const TopConfig& config, const std::string& program);

}  // namespace td::top
