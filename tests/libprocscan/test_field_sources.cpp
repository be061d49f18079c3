// The one table of where fields come from (taskdiag/field_map.h with the senders of
// taskdiag/attributes.h), seen from its readers: the README's generated copy, the BPF task
// program's offer and what a transport's attributes serve.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "bpf/iter_transport.h"
#include "field_sources_doc.h"
#include "taskdiag/field_map.h"

using namespace procscan;
using namespace procscan::taskdiag;

namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("the README's field source table is the generated one", "[fields][docs]") {
  const std::string path = std::string(LIBPROCSCAN_SRC_DIR) + "/README.md";
  std::string readme = read_text(path);
  const std::size_t begin = readme.find(kFieldSourcesBegin);
  const std::size_t end = readme.find(kFieldSourcesEnd);
  REQUIRE(begin != std::string::npos);
  REQUIRE(end != std::string::npos);
  const std::size_t first = begin + kFieldSourcesBegin.size() + 1;  // after its newline
  REQUIRE(first <= end);
  const std::string generated = field_sources_markdown();
  if (std::getenv("TD_WRITE_FIELD_DOCS")) {
    readme.replace(first, end - first, generated);
    std::ofstream(path) << readme;
    SUCCEED("rewrote " + path);
    return;
  }
  INFO("regenerate with: TD_WRITE_FIELD_DOCS=1 "
       << "build/tests/libprocscan/test_field_sources");
  CHECK(readme.substr(first, end - first) == generated);
}

TEST_CASE("a field's wire sources are served by the attributes they read", "[fields]") {
  for (const FieldSource& row : field_sources()) {
    INFO(name_of(row.field));
    CHECK(served_fields(show_bit(row.attribute)).contains(row.field));
    CHECK(attributes_for(FieldSet{row.field}, show_bit(row.attribute)) ==
          (show_bit(row.attribute) | show_bit(Attribute::Base)));
  }
}
