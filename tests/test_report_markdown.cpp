// The Markdown report: text from the manuscript cannot break its tables or turn into markup.
#include <catch2/catch.hpp>

#include <sstream>

#include "helpers.hpp"
#include "src/pipeline.hpp"
#include "src/report_markdown.hpp"

using namespace citecheck;

TEST_CASE("pipes, backticks and markup characters are escaped in table cells", "[report_markdown]") {
  CHECK(markdown_cell("a | b") == "a \\| b");
  CHECK(markdown_cell("`code`") == "\\`code\\`");
  CHECK(markdown_cell("*bold* _it_ [link](x) <b>") == "\\*bold\\* \\_it\\_ \\[link\\](x) \\<b\\>");
  CHECK(markdown_cell("back\\slash") == "back\\\\slash");
  CHECK(markdown_cell("two\nlines") == "two lines");
  CHECK(markdown_cell("قائمة المراجع") == "قائمة المراجع");
}

TEST_CASE("a name typed with a backtick stays text in its table cell", "[report_markdown]") {
  Report r;
  r.documents.push_back(check_document(citecheck::test::doc_from(
      "Ports\n\nAs argued (Brandt 201), the ports | grew (Brandt 2011).\n\nReferences\n\n"
      "Brandt, Karl. 2011. Ports of the Caspian. London: Routledge.\n"
      "O`Brien, Sean. 2017. Harbours and Quays. Dublin: Four Courts.\n")));
  std::ostringstream out;
  write_markdown(r, out);
  const std::string md = out.str();
  CHECK(md.find("## test.txt\n\n| Errors | Warnings | Info | References | Citations | Footnotes | Links |\n") !=
        std::string::npos);
  CHECK(md.find("\n### Warnings (2)\n") != std::string::npos);
  CHECK(md.find("| 3:11 | malformed-citation | malformed citation '(Brandt 201)'") != std::string::npos);
  CHECK(md.find("| 8:1 | reference-never-cited | entry “O\\`Brien, Sean (2017)” is never cited in the text |\n") !=
        std::string::npos);
  // Every table row has as many unescaped pipes as its header.
  std::istringstream lines(md);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("| ", 0) != 0 || line.find("| Errors") == 0) continue;
    std::size_t pipes = 0;
    for (std::size_t i = 0; i < line.size(); ++i)
      if (line[i] == '|' && (i == 0 || line[i - 1] != '\\')) ++pipes;
    CHECK((pipes == 4 || pipes == 8));
  }
}
