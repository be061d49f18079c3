#include "other_filters.h"

#include <strings.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "cell_format.h"

namespace td::top {

namespace {

constexpr std::size_t kRawBytes = 255;  // MEDBUFSIZ - 1

int width_at(FieldId field, FilterSource source, const FieldWidths* widths) {
  const int width = source == FilterSource::Typed && widths
                        ? widths->width[static_cast<std::size_t>(field)]
                        : field_spec(field).width;
  return width < kVariableWidth ? 0 : width;  // the CPU and node markers are 0 then too
}

// strcasestr() without _GNU_SOURCE assumptions: the first match ignoring ASCII case.
bool contains_ignoring_case(std::string_view haystack, std::string_view needle) {
  if (needle.empty()) return true;
  auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                        [](char a, char b) {
                          return std::tolower(static_cast<unsigned char>(a)) ==
                                 std::tolower(static_cast<unsigned char>(b));
                        });
  return it != haystack.end();
}

int compare(const OtherFilter& filter, std::string_view cell) {
  const std::string a(cell);
  return filter.ignore_case ? ::strcasecmp(a.c_str(), filter.value.c_str())
                            : std::strcmp(a.c_str(), filter.value.c_str());
}

}  // namespace

std::string add_other_filter(std::vector<OtherFilter>& filters, int type, std::string_view text,
                             FilterSource source, const FieldWidths* widths) {
  if (text.empty()) return "";
  OtherFilter filter;
  filter.ignore_case = type == 'o';
  filter.raw = std::string(text.substr(0, std::min(text.size(), kRawBytes)));
  for (const OtherFilter& existing : filters)
    if (existing.raw == filter.raw) return "duplicate filter was ignored";
  if (!text.empty() && text.front() == '!') {
    filter.include = false;
    text.remove_prefix(1);
  }
  const std::size_t relation = text.find_first_of("<=>");
  if (relation == std::string_view::npos)
    return std::string("'") + (filter.include ? "include" : "exclude") +
           "' filter delimiter is missing";
  filter.relation = text[relation];
  const std::string_view name = text.substr(0, relation);
  const std::string_view value = text.substr(relation + 1);
  const auto field = field_by_header(name);
  if (!field) return "unrecognized field name '" + std::string(name) + "'";
  if (value.empty())
    return std::string("'") + (filter.include ? "include" : "exclude") +
           "' filter value is missing";
  filter.field = *field;
  if (filter.relation == '=') {
    filter.value = std::string(value);
  } else {
    // justify_pad(value, width, the column's alignment flag): always right, as the flag is
    // never 0; a variable column's -1 pads nothing.
    const int width = width_at(*field, source, widths);
    if (width == kVariableWidth) {
      filter.value = std::string(value) + " ";
    } else {
      justify_pad(filter.value, value, width, true);
    }
  }
  if (source == FilterSource::Typed)
    filters.insert(filters.begin(), std::move(filter));
  else
    filters.push_back(std::move(filter));
  return "";
}

bool passes_filters(const std::vector<OtherFilter>& filters, FieldId field, std::string_view cell) {
  for (const OtherFilter& filter : filters) {
    if (filter.field != field) continue;
    switch (filter.relation) {
      case '<': {
        const int r = compare(filter, cell);
        if ((r >= 0 && filter.include) || (r < 0 && !filter.include)) return false;
        break;
      }
      case '>': {
        const int r = compare(filter, cell);
        if ((r <= 0 && filter.include) || (r > 0 && !filter.include)) return false;
        break;
      }
      default: {
        const bool found = filter.ignore_case ? contains_ignoring_case(cell, filter.value)
                                              : cell.find(filter.value) != std::string_view::npos;
        if ((!found && filter.include) || (found && !filter.include)) return false;
        break;
      }
    }
  }
  return true;
}

}  // namespace td::top
