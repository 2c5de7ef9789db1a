// Short articles in 45 languages and eleven scripts (fixtures/languages), each written with the
// citation forms its authors use: "and" and "et al." in the language ("dkk.", "m.fl.", "ir kt.",
// "și colab.", "т.б.", "ve ark.", "وغیرہ", "आदि"), Arabic's "and" glued to a name, Persian's zero-width
// non-joiner and "بی‌تا", Chinese GB/T 7714 entries, Japanese family names for whole names,
// Korean names, "(Smith, 2012a, b)", "(Brown, n.d.-a)", "(Lee, 2010/2011)", narrative names with
// initials or a two-word et al., numeric citations with pages. Every citation links to its
// entry and nothing is reported: each of these forms once gave a false finding or no link.
#include <catch2/catch.hpp>

#include "fixture_support.hpp"

using namespace citecheck;
using namespace citecheck::test;

TEST_CASE("articles in 45 languages: every citation links and nothing is reported", "[e2e][languages]") {
  struct Article { const char* file; std::size_t citations; };
  for (const Article& a : {
           Article{"ar_glued_and.txt", 4},          Article{"ar_hijri_nd.txt", 4},
           Article{"ar_numeric.txt", 3},            Article{"az_authordate.txt", 2},
           Article{"bg_authordate.txt", 2},         Article{"cs_authordate.txt", 2},
           Article{"de_authordate.txt", 4},         Article{"el_authordate.txt", 4},
           Article{"en_apa_letters_years.txt", 8},  Article{"es_authordate.txt", 4},
           Article{"et_authordate.txt", 2},         Article{"fa_numeric.txt", 2},
           Article{"fa_zwnj_nd.txt", 4},            Article{"fi_authordate.txt", 2},
           Article{"fr_authordate.txt", 2},         Article{"fr_de_pt_spacing.txt", 8},
           Article{"he_glued_and.txt", 4},          Article{"hr_authordate.txt", 2},
           Article{"hu_authordate.txt", 2},         Article{"hy_authordate.txt", 4},
           Article{"id_dkk.txt", 2},                Article{"it_authordate.txt", 2},
           Article{"ja_family_names.txt", 4},       Article{"ka_authordate.txt", 4},
           Article{"kk_authordate.txt", 4},         Article{"ko_whole_names.txt", 4},
           Article{"lt_authordate.txt", 2},         Article{"lv_authordate.txt", 2},
           Article{"ms_authordate.txt", 2},         Article{"narrative_initials.txt", 4},
           Article{"narrative_two_word_et_al.txt", 7}, Article{"nl_authordate.txt", 2},
           Article{"no_authordate.txt", 2},         Article{"pl_authordate.txt", 2},
           Article{"pt_abnt.txt", 2},               Article{"ro_authordate.txt", 2},
           Article{"ru_authordate.txt", 5},         Article{"ru_numeric_pages.txt", 4},
           Article{"ru_square_brackets.txt", 5},    Article{"sk_authordate.txt", 2},
           Article{"sv_authordate.txt", 2},         Article{"tr_authordate.txt", 4},
           Article{"tr_ile_suffixes.txt", 5},       Article{"uk_authordate.txt", 4},
           Article{"vi_authordate.txt", 2},         Article{"zh_gbt7714.txt", 4},
           Article{"ur_authordate.txt", 4},         Article{"tg_authordate.txt", 4},
           Article{"sr_cyrillic_authordate.txt", 4}, Article{"ckb_authordate.txt", 4},
           Article{"hi_authordate.txt", 4},         Article{"be_authordate.txt", 4},
           Article{"mk_authordate.txt", 4},         Article{"mn_authordate.txt", 4},
       }) {
    CAPTURE(a.file);
    const DocumentReport r = check_document(read_text_file(fixture_path(std::string("languages/") + a.file)));
    CHECK(r.manuscript.citations.size() == a.citations);
    for (const Citation& c : r.manuscript.citations) {
      CAPTURE(c.raw);
      CHECK(c.reference.has_value());
    }
    std::vector<std::string> codes;
    for (const Finding& f : r.findings) codes.push_back(f.code);
    CHECK(codes.empty());
  }
}
