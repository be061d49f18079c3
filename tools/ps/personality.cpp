#include "personality.h"

#include <strings.h>

#include <array>
#include <cstdlib>

#include "options.h"

namespace td::ps {

namespace {

struct PersonalityRow {
  std::string_view name;
  unsigned bits;
  bool prefer_bsd_defaults;
  PredefinedFormats formats;
};

constexpr PredefinedFormats kDefaultFormats{};
// FreeBSD-like BSD formats (bsd, aix, sunos4); s keeps the old Linux one.
constexpr PredefinedFormats kFreeBsdFormats{"FB_j", "FB_l", "OL_s", "FB_u", "FB_v", {}, {}, {}, {}};
constexpr PredefinedFormats kDebianFormats{"OL_j", "OL_l", "OL_s", "OL_u", "OL_v",
                                           "RD_f", {},     "RD_j", "RD_l"};
constexpr PredefinedFormats kDigitalFormats{"JFMT",  "LFMT",   "SFMT", "UFMT", "VFMT",
                                            "F5FMT", "FL5FMT", "JFMT", "L5FMT"};
constexpr PredefinedFormats kOs390Formats{"OL_j", "OL_l", "OL_s", "OL_u", "OL_v",
                                          {},     {},     "J390", {}};

constexpr unsigned kBsd = kPersonalityForceBsd | kPersonalityBsdH | kPersonalityBsdM;
constexpr unsigned kOld = kPersonalityForceBsd | kPersonalityOldM;
constexpr unsigned kGnu = kPersonalityGoodO | kPersonalityOldM;
constexpr unsigned kLinux = kPersonalityGoodO | kPersonalityZapAddr | kPersonalitySaneUser;
constexpr unsigned kDigital = kPersonalityGoodO | kPersonalityBsdH;

// procps' table, sorted by name; irix and sgi depend on $_XPG (see choose_personality).
constexpr auto kPersonalities = std::to_array<PersonalityRow>({
    {"390", 0, false, kOs390Formats},
    {"aix", 0, false, kFreeBsdFormats},
    {"bsd", kBsd, true, kFreeBsdFormats},
    {"compaq", kDigital, true, kDigitalFormats},
    {"debian", kGnu, true, kDebianFormats},
    {"default", 0, false, kDefaultFormats},
    {"digital", kDigital, true, kDigitalFormats},
    {"gnu", kGnu, true, kDebianFormats},
    {"hp", kPersonalityHpuxX, false, kDefaultFormats},
    {"hpux", kPersonalityHpuxX, false, kDefaultFormats},
    {"irix", kPersonalityIrixL, false, kDefaultFormats},
    {"linux", kLinux, false, kDefaultFormats},
    {"old", kOld, true, kDefaultFormats},
    {"os390", 0, false, kOs390Formats},
    {"posix", 0, false, kDefaultFormats},
    {"s390", 0, false, kOs390Formats},
    {"sco", kPersonalitySvr4X, false, kDefaultFormats},
    {"sgi", kPersonalityIrixL, false, kDefaultFormats},
    {"solaris2", 0, false, kDefaultFormats},
    {"sunos4", kPersonalityNoDefaultG, true, kFreeBsdFormats},
    {"svr4", kPersonalitySvr4X, false, kDefaultFormats},
    {"sysv", kPersonalitySvr4X, false, kDefaultFormats},
    {"tru64", kDigital, true, kDigitalFormats},
    {"unix", 0, false, kDefaultFormats},
    {"unix95", 0, false, kDefaultFormats},
    {"unix98", 0, false, kDefaultFormats},
    {"unknown", 0, false, kDefaultFormats},
});

// procps keeps this text when the name is too long to copy.
constexpr std::string_view kUncopiedName = "You found a bug!";
constexpr std::size_t kLongestName = 15;

}  // namespace

PersonalityChoice choose_personality(std::string_view name, const char* xpg) {
  PersonalityChoice choice;
  if (name.size() > kLongestName) {
    choice.source = kUncopiedName;
    return choice;
  }
  choice.source = std::string(name);
  for (const PersonalityRow& row : kPersonalities) {
    if (row.name.size() != name.size() ||
        ::strncasecmp(row.name.data(), name.data(), name.size()) != 0)
      continue;
    choice.bits = row.bits;
    choice.prefer_bsd_defaults = row.prefer_bsd_defaults;
    choice.formats = row.formats;
    // IRIX in X/Open mode is plain Unix.
    if ((choice.bits & kPersonalityIrixL) && xpg != nullptr && xpg[0] > '0' && xpg[0] <= '9')
      choice.bits = 0;
    break;
  }
  return choice;
}

PersonalityChoice personality_from_environment() {
  const char* name = std::getenv("PS_PERSONALITY");
  if (name == nullptr || *name == '\0') name = std::getenv("CMD_ENV");
  if (name == nullptr || *name == '\0') name = "unknown";
  if (std::getenv("I_WANT_A_BROKEN_PS") != nullptr) name = "old";
  return choose_personality(name, std::getenv("_XPG"));
}

}  // namespace td::ps
