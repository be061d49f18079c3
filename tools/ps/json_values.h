// One column's value for one task in --json output, as the column's JsonValue kind says.
#pragma once

#include <string>

#include "columns.h"
#include "json_writer.h"

namespace td::ps {

// Writes the value (the key is the caller's). `ctx` must allow unlimited cells, so that
// printed text is never cut; `scratch` is reused between calls to save allocations.
void write_json_value(const ColumnSpec& column, const PrintContext& ctx,
                      const procscan::TaskRef& task, common::JsonWriter& json,
                      std::string& scratch);

}  // namespace td::ps
