// PS_PERSONALITY and CMD_ENV: which Unix ps this one imitates (procps-ng 4.0.2 global.c
// set_personality). A personality sets option behaviour bits, whether BSD defaults are
// preferred, and which format macros the predefined formats (j l s u v, -f -l -j) use.
#pragma once

#include <string>
#include <string_view>

namespace td::ps {

// Format macros (format_tables.cpp) of the predefined formats. An empty SysV name means
// "build the SysV list" (format_defaults.cpp), as procps' NULL does.
struct PredefinedFormats {
  std::string_view bsd_j = "OL_j";
  std::string_view bsd_l = "OL_l";
  std::string_view bsd_s = "OL_s";
  std::string_view bsd_u = "OL_u";
  std::string_view bsd_v = "OL_v";
  std::string_view sysv_f;
  std::string_view sysv_fl;
  std::string_view sysv_j;
  std::string_view sysv_l;
};

struct PersonalityChoice {
  unsigned bits = 0;  // Personality flags (options.h)
  bool prefer_bsd_defaults = false;
  PredefinedFormats formats;
  // What `ps --info` says it came from: the variable's text, or procps' placeholder when
  // the text was longer than 15 bytes.
  std::string source = "unknown";
};

// Looks up a name (case-insensitive). `xpg` is $_XPG, which irix/sgi consult. Unknown
// names and names longer than 15 bytes give the defaults, as procps' ignored error does.
PersonalityChoice choose_personality(std::string_view name, const char* xpg);

// From the environment: PS_PERSONALITY, else CMD_ENV, else "unknown";
// I_WANT_A_BROKEN_PS means "old".
PersonalityChoice personality_from_environment();

}  // namespace td::ps
