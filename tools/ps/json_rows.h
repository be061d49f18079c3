// --json: the report's lines as one JSON array of objects, one object per line, a member
// per column. Selection, sorting, forest order and thread lines are the text report's.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "format_list.h"
#include "json_writer.h"
#include "output_buffer.h"
#include "print_context.h"
#include "task_lines.h"

namespace td::ps {

// The member names, one per column that has a specifier (literal AIX text has none): the
// header of "spec=HEADER" when it is not empty and not the column's own, else the
// specifier as written (aliases keep their own names). A name already taken gets "_2",
// "_3", ... appended, the first such that is free.
std::vector<std::string> json_keys(const std::vector<FormatColumn>& columns);

class JsonLines {
 public:
  JsonLines(const std::vector<FormatColumn>& columns, const PrintContext& ctx,
            common::OutputBuffer& out);

  void begin();
  void line(const procscan::TaskRef& task, LineMask mask);
  void end();

 private:
  struct Member {
    const ColumnSpec* spec;
    std::string key;
  };

  std::vector<Member> members_;
  PrintContext ctx_;
  common::OutputBuffer& out_;
  common::JsonWriter json_;
  std::string scratch_;
};

}  // namespace td::ps
