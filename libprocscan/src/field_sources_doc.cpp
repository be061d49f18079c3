#include "field_sources_doc.h"

#include <array>
#include <cstddef>

#include "procscan/field.h"
#include "taskdiag/attributes.h"
#include "taskdiag/field_map.h"

namespace procscan {

namespace {

constexpr std::array<std::string_view, static_cast<std::size_t>(Unit::Text) + 1> kUnitNames{
    "",      "id",    "char", "ticks",   "pages", "KiB", "bytes",
    "count", "dev_t", "mask", "address", "inode", "text"};

std::string wire_cell(Field field, std::uint8_t senders) {
  using namespace taskdiag;
  std::string cell;
  for (const FieldSource& row : field_sources()) {
    if (row.field != field) continue;
    const AttributeInfo& attribute = info(row.attribute);
    if (!(attribute.senders & senders)) continue;
    if (!cell.empty()) cell += ", else ";
    cell += attribute.name;
    // The kernel's task_diag may lack it: the transport probes for it.
    if ((attribute.senders & senders) == kKernelProbed) cell += "?";
    cell += ": ";
    cell += info(row.conversion).doc;
    if (row.when_absent == WhenAbsent::Zero) cell += " (absent: 0)";
    if (row.when_absent == WhenAbsent::Empty) cell += " (absent: empty)";
  }
  if (group_of(field) == Group::Identity) return "message header";
  return cell.empty() ? "procfs" : cell;
}

}  // namespace

std::string field_sources_markdown() {
  std::string out =
      "| field | unit | procfs | task_diag | BPF |\n"
      "|---|---|---|---|---|\n";
  for (const FieldInfo& row : kFieldTable) {
    const std::string_view source = detail::doc_source(row.doc);
    out += "| `";
    out += row.name;
    out += "` | ";
    out += kUnitNames[static_cast<std::size_t>(row.unit)];
    out += " | ";
    out += source;
    out += " | ";
    out += wire_cell(row.field, taskdiag::kKernel | taskdiag::kKernelProbed);
    out += " | ";
    out += wire_cell(row.field, taskdiag::kBpfTask);
    out += " |\n";
  }
  return out;
}

}  // namespace procscan
