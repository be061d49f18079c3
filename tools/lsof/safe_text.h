// lsof's "safe" printing of names (misc.c safestrprt, safestrlen, safestrprtn): bytes that
// are not printable, and the backslash, become \n-style escapes, ^X, or \xNN, so that a name
// never moves the columns or the terminal. In a multibyte locale, printable multibyte
// characters pass whole where lsof lets them (safe_text, not the fixed-width forms).
#pragma once

#include <string>
#include <string_view>

namespace tdlsof {

// The escape of one byte that is not printed as itself.
std::string escape_byte(unsigned char c);

// The whole text, escaped (safestrprt). `space_unprintable`: a blank is escaped too (\x20),
// as lsof does for command names.
std::string safe_text(std::string_view text, bool space_unprintable = false);

// Its width once escaped, a byte at a time (safestrlen).
std::size_t safe_width(std::string_view text, bool space_unprintable = false);

// Exactly `width` columns: escaped a byte at a time, cut before an escape that would not
// fit, padded with blanks (safestrprtn).
std::string safe_fixed(std::string_view text, std::size_t width, bool space_unprintable = false);

}  // namespace tdlsof
