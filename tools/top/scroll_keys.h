// Scrolling the task window and locating text in it (top.c keys_window's cursor keys, L
// and &, find_string; keys_summary's C and show_scroll): handlers for the command table of
// keys.cpp, and the messages the frame loop shows for them.
#pragma once

#include <string>

#include "columns.h"
#include "keys.h"
#include "task_area.h"

namespace td::top {

// Up, Down, PgUp, PgDn, Home, End move the rows (only while idle tasks are shown, as in
// top); Left and Right the columns, or a lone variable column's text by 8.
void key_scroll(KeyContext& c, int key);
// C: the scroll coordinates message under the summary, on or off.
void key_coordinates(KeyContext& c, int key);
// L asks for a text and looks for it from the first row on; & looks for it again. The
// search is made by the next frame (WindowPosition::find_pending).
void key_locate(KeyContext& c, int key);

// show_scroll's line: "scroll coordinates: y = N/M (tasks), x = N/M (fields)" [+ offset].
std::string coordinates_text(const WindowConfig& window, const WindowPosition& position,
                             const ScrollFacts& facts);
// find_string's message when the text is in no later row ("another" once it was found).
std::string locate_failed_text(const std::string& find, bool found_before);

}  // namespace td::top
