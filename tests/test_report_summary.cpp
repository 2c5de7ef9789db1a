// The summary counts links by status, every status listed, and adds up documents.
#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "src/pipeline.hpp"
#include "src/report_summary.hpp"

using namespace citecheck;

namespace {
Link link_with(LinkStatus status, LinkKind kind = LinkKind::Url) {
  Link l;
  l.status = status;
  l.kind = kind;
  return l;
}
}  // namespace

TEST_CASE("the summary counts links by status and lists every status", "[report_summary]") {
  Report r;
  r.documents.resize(2);
  auto& a = r.documents[0].manuscript.links;
  a = {link_with(LinkStatus::Ok), link_with(LinkStatus::Broken), link_with(LinkStatus::Ok, LinkKind::Doi),
       link_with(LinkStatus::Unverifiable)};
  r.documents[1].manuscript.links = {link_with(LinkStatus::Soft404), link_with(LinkStatus::Ok, LinkKind::Email)};
  r.documents[1].findings = {{"newly-broken", Severity::Error, "m", {}, {}, {}}};
  const nlohmann::json s = totals_of(r).to_json();
  CHECK(s["documents"] == 2);
  CHECK(s["links"] == 6);
  CHECK(s["links_by_status"] == nlohmann::json{{"unchecked", 0}, {"ok", 3},           {"redirected", 0},
                                               {"broken", 1},    {"server-error", 0}, {"timeout", 0},
                                               {"unverifiable", 1}, {"soft-404", 1}, {"invalid", 0},
                                               {"skipped", 0}});
  CHECK(s["findings"] == nlohmann::json{{"error", 1}, {"warning", 0}, {"info", 0}});
}

TEST_CASE("an offline report's links are all unchecked but e-mails and ISBNs", "[report_summary]") {
  Report r;
  r.documents.push_back(check_document(test::doc_from(test::read_file(test::fixture_path("cli/errors.txt")))));
  const nlohmann::json s = totals_of(r).to_json();
  // errors.txt cites one DOI and one shortened URL, both unchecked offline.
  CHECK(s["links"] == 2);
  CHECK(s["links_by_status"]["unchecked"] == 2);
  CHECK(s["links_by_status"]["ok"] == 0);
}
