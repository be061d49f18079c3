// The cell makers of procps-ng 4.0.2 top (top.c justify_pad, make_chr, make_num, make_str,
// make_str_utf8, scale_mem, scale_num, scale_pcnt, scale_tics, hex_make), free of task
// access so that each rule can be unit-tested on plain values. Every cell ends with the one
// blank that separates columns, as top's do.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace td::top {

// Memory scales of -e/-E and the rcfile (top.h scale_enum).
enum class MemoryScale : int { KiB, MiB, GiB, TiB, PiB, EiB };

// The targets of scale_tics: the finest form tried first.
enum class TimeForm : int { Seconds, Minutes, Hours, Day1, Day2, Weeks, Last };

// What every cell maker consults besides its value.
struct CellStyle {
  int width = 0;
  bool right = true;           // right-justified (the window's J/j flag for the column)
  bool zero_suppress = false;  // the '0' toggle (rcfile Zero_suppress)
};

// "%*.*s " (right) or "%-*.*s " (left): pads and cuts `text` to `width` bytes. Top builds a
// cell in a 512-byte buffer, so at most 511 bytes come out.
void justify_pad(std::string& out, std::string_view text, int width, bool right);

void make_chr(std::string& out, char c, const CellStyle& style);

// "%ld", cut to width - 1 with a '+' when longer; `truncated` is set then (top's automatic
// widening of some columns, AUTOX). With `suppressible` and zero suppression, 0 is blank.
void make_num(std::string& out, long value, const CellStyle& style, bool suppressible,
              bool* truncated = nullptr);

// Bytes cut to width - 1 with a '+' when longer.
void make_str(std::string& out, std::string_view text, const CellStyle& style,
              bool* truncated = nullptr);

// Screen columns cut to width - 1 with a '+' when wider; the cell is padded in columns.
void make_str_utf8(std::string& out, std::string_view text, const CellStyle& style,
                   bool* truncated = nullptr);

// Kibibytes, scaled from `target` up until the text fits: "%.0f" for KiB, "%.1f" and a
// suffix k m g t p above; "?" when nothing fits.
void scale_mem(std::string& out, int target, float kib, const CellStyle& style);

// A count: "%.0f", else "%.1f" or "%.0f" of it in units of 1024 with a suffix.
void scale_num(std::string& out, float value, const CellStyle& style);

// A percentage with one decimal, or "%#.3f" then "%#.2f" first with `extra`; then a whole
// number; "?" when nothing fits.
void scale_pcnt(std::string& out, float value, const CellStyle& style, bool extra = false);

// Clock ticks as M:SS.hh, M:SS, H,MM, Dd+Hh, Dd, Ww+Dd, Ww, from `form` (or the coarser
// `scaled_form`, the ^E toggle) on, the first that fits.
void scale_tics(std::string& out, std::uint64_t ticks, long hertz, TimeForm form, int scaled_form,
                const CellStyle& style);

// "%08lx" of the task flags, zeros shown as '.'.
std::string hex_dotted(unsigned long value);

// The header of a column: `text` cut to `width` columns and justified in them (top.c
// utf8_justify), plus the separating blank.
void justify_header(std::string& out, std::string_view text, int width, bool right);

}  // namespace td::top
