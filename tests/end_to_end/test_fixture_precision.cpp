// Focused precision cases for the trap fixtures (fixtures/manuscripts/trap_*.txt): things that look
// like citations, footnote markers, footnote texts, reference lists, URLs or DOIs but are not.
// Each TEST_CASE names the trap and the line. Cases the tool fails today carry the hidden tag
// "[.bug]" (run them with `citecheck-e2e-tests "[bug]"`); remove the tag once the parser is fixed.
#include <catch2/catch.hpp>

#include <string>

#include "fixture_support.hpp"

using namespace citecheck;
using namespace citecheck::test;

namespace {

const DocumentReport& ar() { return fixture_report("trap_ar_news_gas_fields.txt"); }
const DocumentReport& en_hist() { return fixture_report("trap_en_karabakh_chronology.txt"); }
const DocumentReport& en_stats() { return fixture_report("trap_en_notes_stats.txt"); }
const DocumentReport& fa() { return fixture_report("trap_fa_groundwater_report.txt"); }
const DocumentReport& hy() { return fixture_report("trap_hy_sevan_level.txt"); }
const DocumentReport& ka() { return fixture_report("trap_ka_security_brief.txt"); }
const DocumentReport& ru() { return fixture_report("trap_ru_urban_heat.txt"); }
const DocumentReport& tr() { return fixture_report("trap_tr_math_anxiety.txt"); }

int count_errors_and_warnings(const DocumentReport& r) {
  int n = 0;
  for (const auto& f : r.findings) n += f.severity != Severity::Info;
  return n;
}

int author_date_count(const DocumentReport& r) {
  int n = 0;
  for (const auto& c : r.manuscript.citations) n += c.kind == CitationKind::AuthorDate;
  return n;
}

int numeric_count(const DocumentReport& r) {
  int n = 0;
  for (const auto& c : r.manuscript.citations) n += c.kind == CitationKind::Numeric;
  return n;
}

// A footnote whose marker sits on `line` (nullptr when none).
const Footnote* footnote_marked_on(const DocumentReport& r, int line) {
  for (const auto& f : r.manuscript.footnotes)
    if (f.marker && f.marker->line == line) return &f;
  return nullptr;
}

// A footnote whose body starts on `line` (nullptr when none).
const Footnote* footnote_body_on(const DocumentReport& r, int line) {
  for (const auto& f : r.manuscript.footnotes)
    if (f.body && f.body->line == line) return &f;
  return nullptr;
}

std::string footnotes_summary(const DocumentReport& r) {
  std::string s;
  for (const auto& f : r.manuscript.footnotes)
    s += f.label + "(marker " + (f.marker ? std::to_string(f.marker->line) : "-") + ", body " +
         (f.body ? std::to_string(f.body->line) : "-") + ") ";
  return s;
}

std::string citations_summary(const DocumentReport& r) {
  std::string s;
  for (const auto& c : r.manuscript.citations) s += c.raw + "@" + std::to_string(c.span.line) + " ";
  return s;
}

}  // namespace

// --- Arabic news article (like the shared 004 sample): nothing at all -------------------------

TEST_CASE("trap ar news: an Arabic news article yields nothing at all", "[e2e][precision][ar]") {
  INFO(findings_summary(ar()) << "| footnotes: " << footnotes_summary(ar()));
  CHECK(ar().findings.empty());
  CHECK(ar().manuscript.footnotes.empty());
  CHECK(ar().manuscript.citations.empty());
  CHECK(ar().manuscript.references.empty());
  CHECK(ar().manuscript.links.empty());
}

TEST_CASE("trap ar news: the list '١- ٢- ٣-' (l.33-35) is not footnote text", "[e2e][precision][ar]") {
  INFO(footnotes_summary(ar()));
  CHECK(footnote_body_on(ar(), 33) == nullptr);
  CHECK(footnote_body_on(ar(), 34) == nullptr);
  CHECK(footnote_body_on(ar(), 35) == nullptr);
}

TEST_CASE("trap ar news: 'كم٢' (km², l.6) is not a footnote marker", "[e2e][precision][ar]") {
  INFO(footnotes_summary(ar()));
  CHECK(footnote_marked_on(ar(), 6) == nullptr);
}

TEST_CASE("trap ar news: a section titled 'المصادر الرئيسية للطاقة' is not a reference list",
          "[e2e][precision][ar]") {
  CHECK_FALSE(ar().manuscript.reference_list.present);
  CHECK(ar().manuscript.references.empty());
}

TEST_CASE("trap ar news: '(عام ١٩٩٩)', 'بدبي (٢٠٢٣)', 'ظُهر (عام ٢٠١٥)' are not citations",
          "[e2e][precision][ar]") {
  INFO(citations_summary(ar()));
  CHECK(ar().manuscript.citations.empty());
  CHECK(count_findings(ar(), "missing-reference-list") == 0);
}

// --- English briefing note: parenthesised years, numbered headings, timeline, glued numbers ---

TEST_CASE("trap en history: no author-date citation in the briefing note", "[e2e][precision][en]") {
  INFO(citations_summary(en_hist()));
  CHECK(author_date_count(en_hist()) == 0);  // '(established 1923)' l.16 is taken for one
  CHECK(count_findings(en_hist(), "missing-reference-list") == 0);
}

TEST_CASE("trap en history: life dates, resolutions and named documents are not citations",
          "[e2e][precision][en]") {
  INFO(citations_summary(en_hist()));
  CHECK(citations_on(en_hist(), 18).empty());  // Heydar Aliyev (1923–2003)
  CHECK(citations_on(en_hist(), 23).empty());  // (UN Security Council Resolution 884, 1993)
  CHECK(citations_on(en_hist(), 24).empty());  // The Bishkek Protocol (1994)
  CHECK(citations_on(en_hist(), 61).empty());  // the Madrid Principles (2007)
  CHECK(citations_on(en_hist(), 48).empty());  // (in 2020)
}

TEST_CASE("trap en history: numbered section headings '1. Background' are not footnote text",
          "[e2e][precision][en]") {
  INFO(footnotes_summary(en_hist()));
  CHECK(footnote_body_on(en_hist(), 12) == nullptr);  // 1. Background
  CHECK(footnote_body_on(en_hist(), 26) == nullptr);  // 2. Sources of conflict
  CHECK(en_hist().manuscript.footnotes.size() == 2);
  CHECK(count_findings(en_hist(), "footnote-body-without-marker") == 0);
}

TEST_CASE("trap en history: 'km2' (l.16) and 'x2' (l.34) are not footnote markers", "[e2e][precision][en]") {
  INFO(footnotes_summary(en_hist()));
  CHECK(footnote_marked_on(en_hist(), 16) == nullptr);
  CHECK(footnote_marked_on(en_hist(), 34) == nullptr);
}

TEST_CASE("trap en history: the markers '2020.1' (l.45) and '2007,2' (l.60) pair with their notes",
          "[e2e][precision][en]") {
  INFO(footnotes_summary(en_hist()));
  const Footnote* f1 = footnote_marked_on(en_hist(), 45);
  REQUIRE(f1 != nullptr);
  CHECK(f1->label == "1");
  REQUIRE(f1->body.has_value());
  CHECK(f1->body->line == 53);
  const Footnote* f2 = footnote_marked_on(en_hist(), 60);
  REQUIRE(f2 != nullptr);
  CHECK(f2->label == "2");
  REQUIRE(f2->body.has_value());
  CHECK(f2->body->line == 91);
}

TEST_CASE("trap en history: the case number '10.2021/3345' (l.50) is not a DOI", "[e2e][precision][en]") {
  for (const auto& l : en_hist().manuscript.links) {
    INFO(l.value);
    CHECK(l.kind != LinkKind::Doi);
  }
}

TEST_CASE("trap en history: the timeline and table rows are not footnotes — the Kremlin URL is found",
          "[e2e][precision][en]") {
  for (int line : {65, 66, 67, 68, 69, 70, 71, 76, 77, 78, 79}) {
    INFO("line " << line);
    CHECK(footnote_body_on(en_hist(), line) == nullptr);
  }
  CHECK(link_valued(en_hist(), LinkKind::Url, "http://en.kremlin.ru/events/president/news/64384") != nullptr);
  CHECK(en_hist().manuscript.references.empty());
}

// --- English APA paper with statistics: clean ----------------------------------------------

TEST_CASE("trap en stats: the clean APA paper has no error or warning", "[e2e][precision][en]") {
  INFO(findings_summary(en_stats()));
  CHECK(count_errors_and_warnings(en_stats()) == 0);
}

TEST_CASE("trap en stats: confidence intervals and scale brackets are not numeric citations",
          "[e2e][precision][en]") {
  INFO(citations_summary(en_stats()));
  CHECK(numeric_count(en_stats()) == 0);  // [0.07,\n0.61], [1 = not at all, …], [2.94, 3.30], [1, 7]
}

TEST_CASE("trap en stats: every real citation links — 'Mueller and Oppenheimer (2014)' in a title is none",
          "[e2e][precision][en]") {
  CHECK(en_stats().manuscript.references.size() == 4);
  for (int line : {22, 25, 49, 71, 72, 73}) {
    INFO("line " << line);
    const Citation* c = citation_at(en_stats(), line);
    REQUIRE(c != nullptr);
    CHECK(c->reference.has_value());
  }
  CHECK(citations_on(en_stats(), 83).empty());
}

TEST_CASE("trap en stats: '(St. Louis, 1918)' in Appendix A (l.94) is not a citation", "[e2e][precision][en]") {
  INFO(citations_summary(en_stats()));
  CHECK(citations_on(en_stats(), 94).empty());
  CHECK(count_findings(en_stats(), "citation-without-reference") == 0);
}

TEST_CASE("trap en stats: numbered hypotheses and appendix items are not footnote text",
          "[e2e][precision][en]") {
  INFO(footnotes_summary(en_stats()));
  CHECK(en_stats().manuscript.footnotes.empty());  // l.30-31, l.92-94
  CHECK(footnote_marked_on(en_stats(), 27) == nullptr);  // 'hall (240 m2)'
  CHECK(footnote_marked_on(en_stats(), 57) == nullptr);  // 'χ2(1)'
}

// --- Persian report: 'منابع' = resources ------------------------------------------------------

TEST_CASE("trap fa report: 'منابع آب …' section headings are not a reference list", "[e2e][precision][fa]") {
  CHECK_FALSE(fa().manuscript.reference_list.present);
  CHECK(fa().manuscript.references.empty());
  CHECK(fa().manuscript.footnotes.empty());
  CHECK(link_valued(fa(), LinkKind::Url, "https://www.wrm.ir/") != nullptr);
}

TEST_CASE("trap fa report: '(مصوب ۱۳۶۱)' ('adopted 1361', l.53) is not a citation", "[e2e][precision][fa]") {
  INFO(citations_summary(fa()) << "| " << findings_summary(fa()));
  CHECK(fa().manuscript.citations.empty());
  CHECK(fa().findings.empty());
}

TEST_CASE("trap fa report: 'سد زاینده‌رود (۱۳۴۹)' and reign dates are not citations", "[e2e][precision][fa]") {
  CHECK(citations_on(fa(), 17).empty());
  CHECK(citations_on(fa(), 18).empty());
}

// --- Armenian bulletin: footnotes next to a '1) 2) 3)' list ------------------------------------

TEST_CASE("trap hy Sevan: footnote 2 pairs with its text on l.73, not with the list item '2)' on l.63",
          "[e2e][precision][hy]") {
  INFO(footnotes_summary(hy()));
  const Footnote* f2 = footnote_labelled(hy(), "2");
  REQUIRE(f2 != nullptr);
  REQUIRE(f2->marker.has_value());
  CHECK(f2->marker->line == 58);
  REQUIRE(f2->body.has_value());
  CHECK(f2->body->line == 73);
  CHECK(footnote_body_on(hy(), 62) == nullptr);
  CHECK(footnote_body_on(hy(), 63) == nullptr);
}

TEST_CASE("trap hy Sevan: footnote 1 pairs — no finding — 'Սնման աղբյուրները' is no reference list",
          "[e2e][precision][hy]") {
  const Footnote* f1 = footnote_labelled(hy(), "1");
  REQUIRE(f1 != nullptr);
  REQUIRE(f1->marker.has_value());
  CHECK(f1->marker->line == 29);
  REQUIRE(f1->body.has_value());
  CHECK(f1->body->line == 49);
  CHECK(hy().findings.empty());
  CHECK_FALSE(hy().manuscript.reference_list.present);
  CHECK(hy().manuscript.citations.empty() == true);
}

// --- Georgian brief: a URL at the end of a page ------------------------------------------------

TEST_CASE("trap ka brief: the URL before the page number '1' (l.68-69) is not joined with it",
          "[e2e][precision][ka]") {
  const Link* l = link_valued(
      ka(), LinkKind::Url,
      "https://www.consilium.europa.eu/en/press/press-releases/2023/12/15/european-council-conclusions/");
  CHECK(l != nullptr);
  for (const auto& link : ka().manuscript.links) {
    INFO(link.value);
    CHECK(link.value.substr(link.value.size() - 2) != "/1");
  }
}

TEST_CASE("trap ka brief: glued markers pair — reference words in headings and 'მე-3', 'E60' are no traps",
          "[e2e][precision][ka]") {
  INFO(footnotes_summary(ka()) << "| " << findings_summary(ka()));
  CHECK(ka().manuscript.footnotes.size() == 2);
  const Footnote* f1 = footnote_marked_on(ka(), 59);
  REQUIRE(f1 != nullptr);
  REQUIRE(f1->body.has_value());
  CHECK(f1->body->line == 66);
  CHECK_FALSE(ka().manuscript.reference_list.present);
  CHECK(ka().manuscript.citations.empty());
  CHECK(ka().findings.empty());
}

// --- Russian paper: author information after the reference list -------------------------------

TEST_CASE("trap ru heat: the last entry ends before 'Сведения об авторе' and keeps its year 2012",
          "[e2e][precision][ru]") {
  REQUIRE(ru().manuscript.references.size() == 5);
  const Reference& last = ru().manuscript.references.back();
  CHECK(last.span.line == 84);
  CHECK(last.span.end_line == 85);
  CHECK(last.work.year.value_or("") == "2012");
  INFO(findings_summary(ru()));
  CHECK(ru().findings.empty());
}

TEST_CASE("trap ru heat: 'Обзор литературы' and 'Источники данных' are not the reference list",
          "[e2e][precision][ru]") {
  CHECK(ru().manuscript.reference_list.heading_line == 75);
  INFO(citations_summary(ru()));
  CHECK(author_date_count(ru()) == 7);
  CHECK(citations_on(ru(), 72).empty());  // Д. С. Лихачёв (1906–1999)
  CHECK(citations_on(ru(), 66).empty());  // (СП 42.13330.2016, п. 9.2; …)
}

// --- Turkish paper: appendices after the reference list ----------------------------------------

TEST_CASE("trap tr anxiety: 'Ekler' ends the reference list — 'Cahit Arf (1910–1997)' is not a citation",
          "[e2e][precision][tr]") {
  CHECK(tr().manuscript.references.size() == 4);
  CHECK(citations_on(tr(), 18).empty());
  CHECK(citations_on(tr(), 86).empty());
  CHECK(tr().findings.empty());
}

TEST_CASE("trap tr anxiety: the narrative citation with a suffix 'Hembree'nin (1990)' (l.64) is recognised",
          "[e2e][precision][tr]") {
  const Citation* c = citation_at(tr(), 64, "Hembree");
  REQUIRE(c != nullptr);
  CHECK(linked_line(tr(), c) == 72);
}
