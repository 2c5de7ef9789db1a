#include "parsers/dates.hpp"

#include <unicode/calendar.h>
#include <unicode/dtfmtsym.h>
#include <unicode/gregocal.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

#include <array>
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>

#include "parsers/unicode_text.hpp"

namespace citecheck {

bool is_calendar_date(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  UErrorCode err = U_ZERO_ERROR;
  icu::GregorianCalendar cal(*icu::TimeZone::getGMT(), err);
  if (U_FAILURE(err)) return false;
  cal.setLenient(false);  // a lenient calendar would roll 02-31 over to 03-03
  cal.clear();
  cal.set(year, month - 1, day);
  cal.getTime(err);
  return U_SUCCESS(err);
}

std::optional<std::string> checked_iso_date(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12) return std::nullopt;
  char buf[16];
  if (is_calendar_date(year, month, day)) std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  else std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  return std::string(buf);
}

std::optional<std::string> access_date_iso(int year, int month, int day) {
  const char* calendar = year >= 1370 && year <= 1410   ? "fa@calendar=persian"
                         : year >= 1411 && year <= 1470 ? "ar@calendar=islamic-umalqura"
                                                        : nullptr;
  if (!calendar) return checked_iso_date(year, month, day);
  if (month < 1 || month > 12 || day < 0 || day > 31) return std::nullopt;
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> hijri(
      icu::Calendar::createInstance(*icu::TimeZone::getGMT(), icu::Locale(calendar), err));
  if (U_FAILURE(err) || !hijri) return std::nullopt;
  hijri->setLenient(false);
  hijri->clear();
  hijri->set(year, month - 1, day == 0 ? 1 : day);
  UDate when = hijri->getTime(err);
  if (U_FAILURE(err)) return std::nullopt;
  icu::GregorianCalendar gregorian(*icu::TimeZone::getGMT(), err);
  gregorian.setTime(when, err);
  int32_t y = gregorian.get(UCAL_YEAR, err), m = gregorian.get(UCAL_MONTH, err) + 1, d = gregorian.get(UCAL_DATE, err);
  if (U_FAILURE(err)) return std::nullopt;
  char buf[48];  // room for any int32_t ICU returns, so the compiler sees no truncation
  if (day == 0) std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  else std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return std::string(buf);
}

std::string checked_iso_text(std::string_view text) {
  auto digits = [&](std::size_t from, std::size_t n) {
    int v = 0;
    for (std::size_t k = from; k < from + n; ++k) {
      if (text[k] < '0' || text[k] > '9') return -1;
      v = v * 10 + (text[k] - '0');
    }
    return v;
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::string(text);
  int y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
  if (y < 0 || m < 0 || d < 0) return std::string(text);
  return checked_iso_date(y, m, d).value_or(std::string(text));
}

namespace {

using MonthNames = std::unordered_map<std::string, int>;

// Built once from every locale's DateFormatSymbols. A name two languages give to different
// months ("listopad": November in Czech and Polish, October in Croatian) goes to the month
// most languages (not regional locales) give it; a tie leaves it out.
MonthNames build_month_names() {
  std::map<std::string, std::array<std::set<std::string>, 12>> languages_by_key;
  int32_t count = 0;
  const icu::Locale* locales = icu::Locale::getAvailableLocales(count);
  for (int32_t i = 0; i < count; ++i) {
    UErrorCode err = U_ZERO_ERROR;
    icu::DateFormatSymbols symbols(locales[i], err);
    if (U_FAILURE(err)) continue;
    std::string language = locales[i].getLanguage();
    for (auto context : {icu::DateFormatSymbols::FORMAT, icu::DateFormatSymbols::STANDALONE})
      for (auto width : {icu::DateFormatSymbols::WIDE, icu::DateFormatSymbols::ABBREVIATED}) {
        int32_t n = 0;
        const icu::UnicodeString* months = symbols.getMonths(n, context, width);
        for (int32_t m = 0; m < n && m < 12; ++m) {
          std::string name;
          months[m].toUTF8String(name);
          std::string key = name_key(name);
          if (key.size() < 2) continue;  // a lone letter (or nothing once digits go) names no month
          languages_by_key[key][static_cast<std::size_t>(m)].insert(language);
        }
      }
  }
  MonthNames out;
  for (const auto& [key, votes] : languages_by_key) {
    std::size_t best = 0, best_votes = 0;
    bool tie = false;
    for (std::size_t m = 0; m < 12; ++m) {
      if (votes[m].size() > best_votes) {
        best = m;
        best_votes = votes[m].size();
        tie = false;
      } else if (votes[m].size() == best_votes && best_votes > 0) {
        tie = true;
      }
    }
    if (best_votes > 0 && !tie) out.emplace(key, static_cast<int>(best) + 1);
  }
  return out;
}

}  // namespace

int month_of_name_key(std::string_view key) {
  // A function-local static: built on first use (C++ makes that thread-safe) and never
  // changed afterwards, so concurrent readers need no lock. Building reads every locale's
  // data (a few hundred milliseconds), which must not happen per date.
  static const MonthNames names = build_month_names();
  auto it = names.find(std::string(key));
  return it == names.end() ? 0 : it->second;
}

}  // namespace citecheck
