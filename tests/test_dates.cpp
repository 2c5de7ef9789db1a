// Tests for parsers/dates.cpp: which days exist (ICU's calendar, not a days-per-month table)
// and what month a month name means in any language (ICU's locale data, not a hand table).
#include <catch2/catch.hpp>

#include <string>
#include <utility>

#include "parsers/dates.hpp"
#include "parsers/scripts/tables.hpp"
#include "parsers/unicode_text.hpp"

using namespace citecheck;

namespace {
int month(const char* name) { return tables::month_number(name_key(name)); }
}  // namespace

TEST_CASE("days that exist and days that do not", "[dates]") {
  CHECK(is_calendar_date(2024, 2, 29));
  CHECK(is_calendar_date(2000, 2, 29));
  CHECK(is_calendar_date(2021, 12, 31));
  CHECK_FALSE(is_calendar_date(2021, 2, 31));
  CHECK_FALSE(is_calendar_date(2023, 2, 29));
  CHECK_FALSE(is_calendar_date(1900, 2, 29));
  CHECK_FALSE(is_calendar_date(2021, 4, 31));
  CHECK_FALSE(is_calendar_date(2021, 13, 1));
  CHECK_FALSE(is_calendar_date(2021, 0, 10));
  CHECK_FALSE(is_calendar_date(2021, 6, 0));
}

TEST_CASE("an ISO date keeps its year and month when its day does not exist", "[dates]") {
  CHECK(checked_iso_date(2021, 3, 9) == "2021-03-09");
  CHECK(checked_iso_date(2021, 2, 31) == "2021-02");
  CHECK(checked_iso_date(2021, 7, 0) == "2021-07");
  CHECK_FALSE(checked_iso_date(2021, 13, 1));
  CHECK(checked_iso_text("2021-02-31") == "2021-02");
  CHECK(checked_iso_text("2024-02-29") == "2024-02-29");
  CHECK(checked_iso_text("cited 2021 Feb 31") == "cited 2021 Feb 31");
}

TEST_CASE("access dates in the Solar Hijri and Hijri calendars become Gregorian days", "[dates]") {
  CHECK(access_date_iso(1400, 2, 22) == "2021-05-12");   // 22 Ordibehesht 1400
  CHECK(access_date_iso(1399, 12, 30) == "2021-03-20");  // 1399 is a leap year
  CHECK_FALSE(access_date_iso(1400, 12, 30));            // 1400 is not
  CHECK(access_date_iso(1399, 1, 0) == "2020-03");
  CHECK(access_date_iso(1445, 9, 1) == "2024-03-11");    // 1 Ramadan 1445 (Umm al-Qura)
  CHECK(access_date_iso(2021, 2, 31) == "2021-02");
  CHECK(access_date_iso(2024, 2, 29) == "2024-02-29");
}

TEST_CASE("German and Ukrainian month names, stand-alone and genitive", "[dates]") {
  CHECK(month("März") == 3);
  CHECK(month("Marz") == 3);
  CHECK(month("Mai") == 5);
  CHECK(month("Oktober") == 10);
  CHECK(month("Dezember") == 12);
  const char* genitive[] = {"січня", "лютого", "березня", "квітня", "травня", "червня",
                            "липня", "серпня", "вересня", "жовтня", "листопада", "грудня"};
  for (int m = 0; m < 12; ++m) CHECK(month(genitive[m]) == m + 1);
  CHECK(month("березень") == 3);
  CHECK(month("травень") == 5);
}

TEST_CASE("month names across other languages and scripts come from ICU", "[dates]") {
  CHECK(month("septembre") == 9);
  CHECK(month("ottobre") == 10);
  CHECK(month("czerwca") == 6);
  CHECK(month("Ιουνίου") == 6);
  CHECK(month("ژوئن") == 6);
  CHECK(month("Sept.") == 9);
  CHECK(month("novembre") == 11);
  CHECK(month("Paper") == 0);
  CHECK(month("Journal") == 0);
}

TEST_CASE("a name languages give to different months goes to the one most of them mean", "[dates]") {
  // Czech and Polish "listopad" is November, Croatian October.
  CHECK(month("listopad") == 11);
  CHECK(month("May") == 5);
}

TEST_CASE("every month name the hand table used to list is still read the same", "[dates]") {
  const std::pair<const char*, int> rows[] = {
      {"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5}, {"june", 6},
      {"july", 7}, {"august", 8}, {"september", 9}, {"october", 10}, {"november", 11},
      {"december", 12}, {"jan", 1}, {"feb", 2}, {"mar", 3}, {"apr", 4}, {"jun", 6},
      {"jul", 7}, {"aug", 8}, {"sep", 9}, {"sept", 9}, {"oct", 10}, {"nov", 11}, {"dec", 12},
      {"يناير", 1}, {"فبراير", 2}, {"مارس", 3}, {"ابريل", 4}, {"مايو", 5}, {"يونيو", 6},
      {"يوليو", 7}, {"اغسطس", 8}, {"سبتمبر", 9}, {"اكتوبر", 10}, {"نوفمبر", 11}, {"ديسمبر", 12},
      {"كانون الثاني", 1}, {"شباط", 2}, {"اذار", 3}, {"نيسان", 4}, {"ايار", 5}, {"حزيران", 6},
      {"تموز", 7}, {"اب", 8}, {"ايلول", 9}, {"تشرين الاول", 10}, {"تشرين الثاني", 11},
      {"كانون الاول", 12}, {"იანვარი", 1}, {"თებერვალი", 2}, {"მარტი", 3}, {"აპრილი", 4},
      {"მაისი", 5}, {"ივნისი", 6}, {"ივლისი", 7}, {"აგვისტო", 8}, {"სექტემბერი", 9},
      {"ოქტომბერი", 10}, {"ნოემბერი", 11}, {"დეკემბერი", 12}, {"января", 1}, {"февраля", 2},
      {"марта", 3}, {"апреля", 4}, {"мая", 5}, {"июня", 6}, {"июля", 7}, {"августа", 8},
      {"сентября", 9}, {"октября", 10}, {"ноября", 11}, {"декабря", 12}, {"ocak", 1},
      {"şubat", 2}, {"mart", 3}, {"nisan", 4}, {"mayıs", 5}, {"haziran", 6}, {"temmuz", 7},
      {"ağustos", 8}, {"eylül", 9}, {"ekim", 10}, {"kasım", 11}, {"aralık", 12},
  };
  for (const auto& [name, number] : rows) {
    INFO(name);
    CHECK(month(name) == number);
  }
}
