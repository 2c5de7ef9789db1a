// The text report's summary: what the network said of the links, once it was asked.
#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "src/pipeline.hpp"
#include "src/report_text.hpp"

using namespace citecheck;

namespace {

Report two_links() {
  Report r;
  r.documents.push_back(check_document(citecheck::test::doc_from(
      "Ports\n\nAs shown (Aliyev 2021; Keller 2020).\n\nReferences\n\n"
      "Aliyev, Rashid. 2021. \"Ports of the Caspian.\" https://journal.example/ports\n"
      "Keller, Anna. 2020. \"Caspian ferries.\" https://journal.example/ferries\n")));
  return r;
}

}  // namespace

TEST_CASE("after the network, the summary counts the links by status", "[report_text]") {
  Report r = two_links();
  auto& links = r.documents[0].manuscript.links;
  REQUIRE(links.size() == 2);
  links[0].status = LinkStatus::Ok;
  links[1].status = LinkStatus::Broken;
  for (auto& l : links) l.check = std::make_shared<LinkCheck>();
  std::string text = render_text(r, false);
  CHECK(text.find("\nlinks checked: 1 broken, 1 ok\n") != std::string::npos);
}

TEST_CASE("offline, the summary says nothing of link statuses", "[report_text]") {
  std::string text = render_text(two_links(), false);
  CHECK(text.find("links checked") == std::string::npos);
  CHECK(text.find("2 links\n") != std::string::npos);
}
