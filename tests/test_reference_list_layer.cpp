// Tests for the reference-list layer as a whole (parsers/reference_list_finder.cpp with the
// built-in line models, parsers/learned/*): list shapes, entry starts and what is not the
// list, on text written for these tests in several scripts; and the model files' refusals.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>
#include <vector>

#include "helpers.hpp"
#include "parsers/learned/line_features.hpp"
#include "parsers/learned/line_models.hpp"
#include "parsers/page_furniture.hpp"
#include "parsers/reference_list.hpp"

using namespace citecheck;
using citecheck::test::doc_from;
using citecheck::test::doc_of;

namespace {


ReferenceListLayout list_of(const Document& d) { return find_reference_list(d, detect_page_furniture(d)); }

// (first line, last line) of every entry.
std::vector<std::pair<int, int>> spans(const ReferenceListLayout& l) {
  std::vector<std::pair<int, int>> out;
  for (const auto& e : l.entries) out.emplace_back(e.first_line, e.last_line);
  return out;
}

using Spans = std::vector<std::pair<int, int>>;

}  // namespace

namespace Catch {
template <>
struct StringMaker<std::pair<int, int>> {
  static std::string convert(const std::pair<int, int>& p) {
    return std::to_string(p.first) + "-" + std::to_string(p.second);
  }
};
}  // namespace Catch

// --- List shape ---------------------------------------------------------------------------------

TEST_CASE("entries wrapped over several lines at the margin, without indentation", "[list-layer]") {
  auto d = doc_of({
      "The results agree with earlier work on the same question.",                               // 1
      "References",                                                                              // 2
      "Abelson, R. P., and J. D. Carroll. 1965. Computer simulation of individual belief",       // 3
      "systems. American Behavioral Scientist 8: 24-30.",                                       // 4
      "Brown, M. 1987. The measurement of attitudes in large samples of respondents who",        // 5
      "answered by mail and by telephone. Public Opinion Quarterly 51: 301-318.",                // 6
      "Campbell, A., P. E. Converse, W. E. Miller, and D. E. Stokes. 1960. The American",       // 7
      "Voter. New York: Wiley.",                                                                 // 8
      "Dunn, S. 1999. A short entry. Journal of Things 3: 1-2.",                                 // 9
  });
  auto l = list_of(d);
  CHECK(l.info.heading == "References");
  CHECK(spans(l) == Spans{{3, 4}, {5, 6}, {7, 8}, {9, 9}});
}

TEST_CASE("entries with hanging indents, in Cyrillic and in Georgian", "[list-layer]") {
  auto ru = doc_of({
      "Список литературы",                                                                        // 1
      "Иванов И. И. Теория литературы и её применение к задачам поэтики. М.: Наука,",            // 2
      "    1999. 320 с.",                                                                         // 3
      "Петров П. П., Сидоров С. С. Очерки истории русского языка в XIX веке //",                  // 4
      "    Вопросы языкознания. 2005. № 3. С. 12–34.",                                            // 5
      "Смирнов А. А. Введение в языкознание. СПб.: Питер, 2010. 256 с.",                          // 6
  });
  CHECK(spans(list_of(ru)) == Spans{{2, 3}, {4, 5}, {6, 6}});
  auto ka = doc_of({
      "ბიბლიოგრაფია",                                                                             // 1
      "ბადურაშვილი, ნ. საქართველოს ისტორიის ნარკვევები და წყაროები. თბილისი:",                   // 2
      "    მეცნიერება, 2001.",                                                                    // 3
      "გელაშვილი, თ. ქართული ენის სტრუქტურა. თბილისი: უნივერსიტეტი, 2015.",                      // 4
      "ჯავახიშვილი, ი. ქართველი ერის ისტორია. ტომი 1. თბილისი: საბჭოთა",                         // 5
      "    საქართველო, 1979.",                                                                   // 6
  });
  CHECK(spans(list_of(ka)) == Spans{{2, 3}, {4, 4}, {5, 6}});
}

TEST_CASE("a bibliography after every chapter is a list of its own", "[list-layer]") {
  auto d = doc_of({
      "Chapter 1. Origins",                                                                       // 1
      "The first chapter discusses the origins of the method and its early uses in the field.",   // 2
      "It draws on the sources below and on the archive of the society.",                       // 3
      "Bibliography",                                                                            // 4
      "Adams, J. 1990. The Origins of Method. London: Routledge.",                               // 5
      "Baker, K. 1995. Early Uses. Oxford: Clarendon Press.",                                    // 6
      "Chapter 2. Later developments",                                                           // 7
      "The second chapter follows the method into the twentieth century, when it was taken",     // 8
      "up by a new generation of scholars who changed its aims and its tools considerably.",     // 9
      "They wrote little about it, and what they wrote was scattered in many journals.",         // 10
      "Bibliography",                                                                            // 11
      "Clark, L. 2001. Modern Method. Cambridge: Cambridge University Press.",                   // 12
      "Davis, M. 2004. New Tools. Journal of Method 12: 45-67.",                                 // 13
  });
  auto l = list_of(d);
  REQUIRE(l.regions.size() == 2);
  CHECK(l.regions[0] == std::pair<int, int>{4, 6});
  CHECK(l.regions[1] == std::pair<int, int>{11, 13});
  CHECK(spans(l) == Spans{{5, 5}, {6, 6}, {12, 12}, {13, 13}});
  CHECK_FALSE(l.contains(8));
  CHECK(l.contains(12));
}

TEST_CASE("chapters of many pages, each closed by the same heading, keep every list", "[list-layer]") {
  // A thesis as pdftotext -nopgbrk gives it: no form feeds, one "Bibliography" per chapter,
  // a few hundred lines apart. The repeated heading is no running head.
  std::vector<std::string> lines;
  std::vector<int> headings;
  const char* authors[] = {"Adams, J.", "Baker, K.", "Clark, L.", "Davis, M.", "Evans, P.", "Fisher, R."};
  for (int chapter = 1; chapter <= 3; ++chapter) {
    lines.push_back("Chapter " + std::to_string(chapter) + ". A part of the argument");
    for (int l = 0; l < 200; ++l)
      lines.push_back("The chapter goes on with its argument and its evidence, paragraph after paragraph, line " +
                      std::to_string(l) + ".");
    lines.push_back("Bibliography");
    headings.push_back(static_cast<int>(lines.size()));
    for (int e = 0; e < 2; ++e)
      lines.push_back(std::string(authors[(chapter - 1) * 2 + e]) + " " + std::to_string(1990 + chapter * 3 + e) +
                      ". A Title of the Work. London: Routledge.");
  }
  std::string text;
  for (const auto& l : lines) text += l + "\n";
  auto l = list_of(doc_from(text));
  REQUIRE(l.regions.size() == 3);
  for (int k = 0; k < 3; ++k) CHECK(l.regions[static_cast<std::size_t>(k)] == std::pair<int, int>{headings[static_cast<std::size_t>(k)], headings[static_cast<std::size_t>(k)] + 2});
  CHECK(l.entries.size() == 6);
}

TEST_CASE("a list ends at an appendix, a table or a list of figures", "[list-layer]") {
  for (const char* closing : {"Appendix 1", "APPENDIX A", "List of figures", "Приложение 1", "Table 3"}) {
    auto d = doc_of({
        "References",                                                                             // 1
        "Adams, J. 1990. The Origins of Method. London: Routledge.",                              // 2
        "Baker, K. 1995. Early Uses. Oxford: Clarendon Press.",                                   // 3
        closing,                                                                                  // 4
        "Adams, B. 2001. Not an entry but a line of the appendix that looks like one.",          // 5
        "Question 1. How often do you read the journal, and which of its sections first?",       // 6
    });
    auto l = list_of(d);
    INFO(closing);
    CHECK(l.last_line == 3);
    CHECK(spans(l) == Spans{{2, 2}, {3, 3}});
  }
}

TEST_CASE("a list without a heading is found by its shape", "[list-layer]") {
  std::string text =
      "The method was first described in a short note and later in a longer paper, which we\n"
      "follow here in most respects, although the notation differs in a few places.\n"
      "\n";
  const char* entries[] = {
      "Abelson, R. P. (1965). Computer simulation of belief systems. Am. Behav. Sci. 8, 24-30.",
      "Brown, M. (1987). The measurement of attitudes. Public Opin. Q. 51, 301-318.",
      "Campbell, A., Converse, P. E. (1960). The American Voter. New York: Wiley.",
      "Dunn, S. (1999). A short entry. J. Things 3, 1-2.",
      "Evans, T., Ford, G. (2003). Sampling rare events. Stat. Sci. 18, 100-120.",
      "Fox, J. (2008). Applied Regression Analysis. Thousand Oaks: Sage.",
      "Green, D. P., Shapiro, I. (1994). Pathologies of Rational Choice. New Haven: Yale UP.",
      "Hall, P. A. (2010). Historical institutionalism. Comp. Polit. 42, 7-25.",
      "Ingram, H. (2012). Policy design. Policy Stud. J. 40, 1-20.",
  };
  for (const char* e : entries) text += std::string(e) + "\n";
  auto l = list_of(doc_from(text));
  CHECK(l.info.present);
  CHECK(l.info.heading.empty());
  CHECK(l.entries.size() == 9);
  CHECK(l.first_line == 4);
}

TEST_CASE("a list without a heading whose entries run over three lines is found", "[list-layer]") {
  // The extraction lost the heading; each entry has one year over three lines.
  std::string text =
      "5. Acknowledgements\n"
      "We acknowledge the support of the Arcadia Fund, the Royal Society and the research\n"
      "council, and thank the staff of the animal facility for their help.\n";
  const char* authors[] = {"Bair, W., Zohary, E.", "Bandyopadhyay, S., Shamma, S.", "Barth, A. L., Poulet, J.",
                           "Cossell, L., Iacaruso, M.", "Douglas, R. J., Martin, K.", "Harris, K. D., Shepherd, G.",
                           "Ko, H., Hofer, S. B.", "Lefort, S., Tomm, C.", "Markram, H., Lubke, J."};
  int k = 0;
  for (const char* a : authors) {
    text += std::string(a) + ". Correlated firing in macaque visual area " + std::to_string(k) + ": time\n";
    text += "scales and relationship to behavior, with a long title that wraps. Journal\n";
    text += "of Neuroscience " + std::to_string(1990 + k) + ";21(5):1676-1697.\n";
    ++k;
  }
  auto l = list_of(doc_from(text));
  REQUIRE(l.info.present);
  CHECK(l.first_line == 4);
  CHECK(l.entries.size() == 9);
}

TEST_CASE("a list without a heading numbered by bare numbers in sequence is a list, not notes", "[list-layer]") {
  // Physics journals print "1 S. Chen, …" under no heading at the article's end; the same
  // lines under a Notes heading stay notes.
  std::string body =
      "funding through the research project and the framework of the professorship of the\n"
      "university, which we acknowledge with thanks.\n";
  std::string list;
  const char* authors[] = {"S. Chen, X. Gong, A. Walsh, and S. Wei", "T. K. Todorov, K. B. Reuter, and D. B. Mitzi",
                           "H. Katagiri, K. Jimbo, and W. S. Maw", "A. Redinger, K. Hones, and X. Fontane",
                           "J. J. Scragg, P. J. Dale, and L. M. Peter", "R. Schurr, A. Holzing, and S. Jost",
                           "A. Weber, R. Mainz, and H. W. Schock", "K. Wang, O. Gunawan, and T. Todorov",
                           "D. A. R. Barkhouse, O. Gunawan, and T. Gokmen"};
  int k = 1;
  for (const char* a : authors) {
    list += std::to_string(k) + " " + a + ", Appl. Phys. Lett. 96, " + std::to_string(21900 + k) + "\n";
    list += "(" + std::to_string(2000 + k) + ").\n";
    ++k;
  }
  auto l = list_of(doc_from(body + list));
  REQUIRE(l.info.present);
  CHECK(l.first_line == 3);
  CHECK(spans(l) == Spans{{3, 4}, {5, 6}, {7, 8}, {9, 10}, {11, 12}, {13, 14}, {15, 16}, {17, 18}, {19, 20}});
  auto notes = list_of(doc_from(body + "Notes\n" + list));
  CHECK_FALSE(notes.info.present);
}

// --- Entry starts -------------------------------------------------------------------------------

TEST_CASE("numbered only when the labels run in sequence: a page range or a wrapped number is no label", "[list-layer]") {
  auto d = doc_of({
      "References",                                                                               // 1
      "1. Smith, J. A very long title of an article that wraps at the margin of the page, pp.",  // 2
      "1247–1266.",                                                                               // 3
      "2. Brown, K. Another article in a journal with a long name. Nature 12: 33–45.",           // 4
      "3. Clark, L. A third article whose volume number ends up at the start of the next line,",  // 5
      "12(3): 100–110.",                                                                          // 6
      "4. Davis, M. The last one. Science 300: 1–2.",                                             // 7
  });
  auto l = list_of(d);
  CHECK(l.numbered);
  CHECK(spans(l) == Spans{{2, 3}, {4, 4}, {5, 6}, {7, 7}});
  CHECK(l.entries[0].label == "1");
}

TEST_CASE("entries that end in a semicolon, a comma or nothing still end", "[list-layer]") {
  auto d = doc_of({
      "References",                                                                               // 1
      "Abelson, R. P., Carroll, J. D. 1965. Computer simulation of belief systems in the",       // 2
      "    laboratory and in the field;",                                                         // 3
      "Brown, M. 1987. The measurement of attitudes. Public Opinion Quarterly 51,",               // 4
      "Campbell, A., Converse, P. E. 1960. The American Voter. New York: Wiley",                  // 5
      "Dunn, S. 1999. A short entry that is long enough to wrap onto a second line of",          // 6
      "    its own. Journal of Things 3: 1-2.",                                                   // 7
  });
  CHECK(spans(list_of(d)) == Spans{{2, 3}, {4, 4}, {5, 5}, {6, 7}});
  // Without indentation, a line that ends short of the margin may end its entry whatever
  // its last character.
  auto flat = doc_of({
      "References",                                                                               // 1
      "Abelson, R. P., Carroll, J. D. 1965. Computer simulation of belief systems in the",       // 2
      "laboratory and in the field;",                                                             // 3
      "Brown, M. 1987. The measurement of attitudes. POQ 51,",                                    // 4
      "Campbell, A., Converse, P. E. 1960. The American Voter. Wiley",                            // 5
      "Dunn, S. 1999. A short entry that is long enough to wrap onto a second line of the",      // 6
      "page. Journal of Things 3: 1-2.",                                                         // 7
  });
  CHECK(spans(list_of(flat)) == Spans{{2, 3}, {4, 4}, {5, 5}, {6, 7}});
}

TEST_CASE("entries that end in words at the margin, and author lists wrapped after a comma", "[list-layer]") {
  // A flat list wrapped at the margin: entries close with index words ("CrossRef Medline"),
  // so a line that runs to the margin may still end its entry; a name with initials and a
  // year opens the next, a capitalised particle before the name included ("De Vries GJ").
  // After a comma the names go on.
  auto d = doc_of({
      "References",                                                                            // 1
      "Albers HE (2012) The regulation of social recognition, social communication and",      // 2
      "aggression: vasopressin in the social behavior neural network. Horm Behav 61:283-292.", // 3
      "Caligioni CS (2009) Assessing reproductive status and stages in mice and rats in the",  // 4
      "Curr Protoc Neurosci Appendix 4:Appendix 4I in the laboratory. CrossRef Medline",       // 5
      "Chabout J, Sarkar A, Dunson DB, Jarvis ED (2015) Male mice song syntax depends on",     // 6
      "social contexts and influences female preferences. Front Behav Neurosci 9:76. Medline", // 7
      "Kelly AM, Kingsbury MA, Hoffbuhr K, Schrock SE, Waxman B (2011) Vasotocin neurons and",  // 8
      "septal receptors potently modulate songbird flocking and responses to novelty, in: Smith,", // 9
      "Jones AB (2011) Songbirds. Horm Behav 60:12-21. CrossRef Medline",                      // 10
      "De Vries GJ, Panzica GC (2006) Sexual differentiation of central vasopressin systems",  // 11
      "in vertebrates: different mechanisms, similar endpoints. Neuroscience 138:947-955.",    // 12
  });
  auto l = list_of(d);
  CHECK(spans(l) == Spans{{2, 3}, {4, 5}, {6, 7}, {8, 10}, {11, 12}});
}

TEST_CASE("an entry to a line, not wrapped: each closed line ends its entry, whatever opens the next", "[list-layer]") {
  // A word processor's text: one long line per entry, each closed by a full stop; the next
  // opens with an acronym, a name in capitals or a title, not with a name and initials.
  auto d = doc_of({
      "References",                                                                                       // 1
      "BLS – US Bureau of Labor Statistics. The employment situation. Washington, D.C.: BLS, 2023.",     // 2
      "ILO – International Labour Organization. ILO modeled database, ILOSTAT, with estimates of employment and unemployment by sex and age for every country. Geneva: ILO, 2024.",  // 3
      "NBS – National Bureau of Statistics of China. National data. Beijing: NBS, 2024.",                 // 4
      "WORLD BANK. Services for development. Washington, D.C.: World Bank, 2019.",                        // 5
      "WORLD BANK. World Development Indicators. Washington, D.C.: World Bank, 2020.",                    // 6
      "Yang, L. Urbanisation and the labour market in China: migrant workers, their wages and their hours in the cities of the coast since 1990. Beijing: Social Sciences Academic Press, 2014.",  // 7
  });
  auto l = list_of(d);
  CHECK(spans(l) == Spans{{2, 2}, {3, 3}, {4, 4}, {5, 5}, {6, 6}, {7, 7}});
}

TEST_CASE("keyed entries: '[Smi20] …' and 'Anochin 1986  V. A. Anochin, …'", "[list-layer]") {
  auto keyed = doc_of({
      "Bibliography",                                                                             // 1
      "[Smi20] J. Smith. Typesetting references in plain text. TUGboat 41(2):100–110, 2020.",     // 2
      "[Bro19] K. Brown and L. Clark. A second paper on the same subject, with a title long",    // 3
      "        enough to wrap. In Proceedings of the Workshop, pages 1–10, 2019.",               // 4
      "[Dav18] M. Davis. A third. Journal of Keys 7:1–2, 2018.",                                  // 5
  });
  CHECK(spans(list_of(keyed)) == Spans{{2, 2}, {3, 4}, {5, 5}});
  auto author_year = doc_of({
      "Литература",                                                                               // 1
      "Anochin 1986  V. A. Anochin, Der Weg zur Sprache. Berlin: Akademie, 1986.",                // 2
      "Bulygina 1997  T. V. Bulygina, A. D. Šmelev, Jazykovaja konceptualizacija mira.",           // 3
      "              Moskva: Jazyki russkoj kul'tury, 1997.",                                      // 4
      "Zaliznjak 2004  A. A. Zaliznjak, Drevnenovgorodskij dialekt. Moskva, 2004.",               // 5
  });
  CHECK(spans(list_of(author_year)) == Spans{{2, 2}, {3, 4}, {5, 5}});
}

TEST_CASE("'N Text' lines right after a heading are entries, not footnote bodies", "[list-layer]") {
  auto d = doc_of({
      "References",                                                                               // 1
      "1 Smith J, Brown K. A study of the matter. Lancet 2001; 357: 100-105.",                     // 2
      "2 Clark L. Another study of the matter, at length. BMJ 2003; 326: 1-10.",                  // 3
      "3 Davis M, Evans T, Ford G. A third. N Engl J Med 2005; 352: 20-30.",                       // 4
  });
  auto l = list_of(d);
  CHECK(spans(l) == Spans{{2, 2}, {3, 3}, {4, 4}});
  CHECK(l.footnote_blocks.empty());
  CHECK(l.entries[1].label == "2");
}

// --- What is not the list -----------------------------------------------------------------------

TEST_CASE("page breaks with running heads inside a list are furniture", "[list-layer]") {
  auto d = doc_of({
      "References",                                                                               // 1
      "Abelson, R. P. 1965. Computer simulation of belief systems. American",                    // 2
      "Behavioral Scientist 8: 24-30.",                                                          // 3
      "Brown, M. 1987. The measurement of attitudes. Public Opinion Quarterly 51:",               // 4
      "152",                                                                                     // 5
      "\fJournal of Examples",                                                                   // 6
      "301-318.",                                                                                // 7
      "Campbell, A. 1960. The American Voter. New York: Wiley.",                                 // 8
  });
  auto l = list_of(d);
  CHECK(spans(l) == Spans{{2, 3}, {4, 7}, {8, 8}});
}

TEST_CASE("a figure caption set in the middle of a list is no entry, and the list goes on", "[list-layer]") {
  auto d = doc_of({
      "References",                                                                               // 1
      "Abelson, R. P. 1965. Computer simulation of belief systems. Am. Sci. 8: 24-30.",          // 2
      "Brown, M. 1987. The measurement of attitudes. Public Opinion Quarterly 51: 301-318.",      // 3
      "Figure 6: The climbing rate of the flies falls with age, and falls faster in",            // 4
      "those whose muscles lack the protein; the bars show the spread over three",               // 5
      "repeated trials with twenty flies in each, measured on the same afternoon",               // 6
      "under the same light and at the same temperature as described in the text.",             // 7
      "Campbell, A. 1960. The American Voter. New York: Wiley.",                                 // 8
      "Dunn, S. 1999. A short entry. Journal of Things 3: 1-2.",                                  // 9
      "Evans, T. 2003. Sampling rare events. Statistical Science 18: 100-120.",                   // 10
  });
  auto l = list_of(d);
  CHECK(l.last_line == 10);
  CHECK(spans(l) == Spans{{2, 2}, {3, 3}, {8, 8}, {9, 9}, {10, 10}});
}

TEST_CASE("a heading that heads no list is no list", "[list-layer]") {
  auto d = doc_of({
      "References",                                                                               // 1
      "In this section we discuss how the references of a paper are found and checked by",      // 2
      "the editors of the journal, who read every one of them before the paper goes out,",       // 3
      "and who ask the authors to correct what does not agree with the sources they cite.",     // 4
      "The editors also check that every work cited in the text is listed at the end.",         // 5
  });
  CHECK_FALSE(list_of(d).info.present);
}

// --- Pathological layouts stay bounded ----------------------------------------------------------

TEST_CASE("a million one-character lines, a 20 MB line and 100,000 headings stay fast", "[list-layer][robustness]") {
  auto timed = [](const std::string& text) {
    Document d = doc_from(text);
    auto t0 = std::chrono::steady_clock::now();
    auto l = list_of(d);
    (void)l;
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  };
  std::string short_lines;
  for (int i = 0; i < 1000000; ++i) short_lines += "x\n";
  CHECK(timed(short_lines) < 30.0);
  std::string long_line = "References\n" + std::string(20 << 20, 'a') + "\n";
  CHECK(timed(long_line) < 30.0);
  std::string headings;
  for (int i = 0; i < 100000; ++i) headings += "References\n";
  CHECK(timed(headings) < 30.0);
}

// --- Model files --------------------------------------------------------------------------------

namespace {

std::filesystem::path model_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("citecheck-models-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

std::string read_source_model(const char* name) {
  std::ifstream in(std::filesystem::path(CITECHECK_SOURCE_DIR) / "parsers" / "models" / name, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void write(const std::filesystem::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary);
  out << bytes;
}

}  // namespace

TEST_CASE("the built-in models load, and a folder holding the same files gives the same lists", "[list-layer][models]") {
  LineModels builtin = builtin_line_models();
  CHECK(builtin.zone.labels() == std::vector<std::string>{"body", "reference", "note", "furniture"});
  CHECK(builtin.entry.labels() == std::vector<std::string>{"start", "continuation"});
  auto dir = model_dir("same");
  write(dir / "reference-zone.model", read_source_model("reference-zone.model"));
  write(dir / "reference-entry.model", read_source_model("reference-entry.model"));
  LineModels loaded = load_line_models(dir);
  auto d = doc_of({"References", "Abelson, R. P. 1965. Computer simulation. Am. Sci. 8: 24-30.",
                   "Brown, M. 1987. The measurement of attitudes. POQ 51: 301-318."});
  PageLayout layout = detect_page_furniture(d);
  CHECK(spans(find_reference_list(d, layout, {}, loaded)) == spans(find_reference_list(d, layout, {}, builtin)));
}

TEST_CASE("a missing, truncated, edited, foreign or other-version model file is refused by name", "[list-layer][models]") {
  const std::string zone = read_source_model("reference-zone.model");
  const std::string entry = read_source_model("reference-entry.model");
  REQUIRE(zone.size() > 1000);
  auto refused = [&](const std::string& zone_bytes, const std::string& entry_bytes, const std::string& why) {
    auto dir = model_dir("bad");
    if (!zone_bytes.empty()) write(dir / "reference-zone.model", zone_bytes);
    if (!entry_bytes.empty()) write(dir / "reference-entry.model", entry_bytes);
    try {
      load_line_models(dir);
      FAIL("accepted: " << why);
    } catch (const ModelError& e) {
      std::string msg = e.what();
      INFO(msg);
      CHECK(msg.find("model file") != std::string::npos);
      CHECK(msg.find(why) != std::string::npos);
    }
  };
  refused("", entry, "missing");
  refused(zone.substr(0, zone.size() / 2), entry, "truncated");
  std::string edited = zone;
  edited[edited.size() / 2] = edited[edited.size() / 2] == '1' ? '2' : '1';
  refused(edited, entry, "checksum");
  std::string other_version = zone;
  other_version.replace(0, std::string("citecheck-linear-chain 1").size(), "citecheck-linear-chain 9");
  refused(other_version, entry, "this citecheck reads");
  refused(entry, entry, "'reference-entry' model where a 'reference-zone' model is needed");
  refused("not a model at all\n", entry, "not a citecheck model");
}

TEST_CASE("line features ignore the words: the same shape in two scripts gives the same features", "[list-layer]") {
  auto latin = doc_of({"References", "Smith, J. 1999. A title of a work. Journal 3: 1-2."});
  auto cyrillic = doc_of({"References", "Смит, Д. 1999. Заглавие одной работы. Журнал 3: 1-2."});
  auto sl = line_shapes(latin, detect_page_furniture(latin));
  auto sc = line_shapes(cyrillic, detect_page_furniture(cyrillic));
  auto fl = entry_features(sl, {2}, kLineModelBuckets);
  auto fc = entry_features(sc, {2}, kLineModelBuckets);
  CHECK(fl == fc);
}
