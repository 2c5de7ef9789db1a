// dates.hpp — calendar knowledge from ICU: which days exist, and what month a name means in
// any language. Access dates are read with these, so no month table is typed by hand.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace citecheck {

// True when the day exists in the Gregorian calendar (2024-02-29 does, 2021-02-31 and
// 2021-04-31 do not), as a non-lenient ICU calendar decides.
bool is_calendar_date(int year, int month, int day);

// "YYYY-MM-DD" for a day that exists; "YYYY-MM" when the month exists but that day does not
// in it (the day is the impossible part: 2021-02-31 → 2021-02); nullopt for no such month.
std::optional<std::string> checked_iso_date(int year, int month, int day);

// An access date (a day of the web era, 1990 on) as Gregorian "YYYY-MM-DD" ("YYYY-MM" when
// no day is given, day 0), whatever calendar its year says it is written in: 1370-1410 is a
// Solar Hijri year (Iranian manuscripts: ۱۴۰۰/۰۲/۲۲ is 2021-05-12), 1411-1470 a Hijri year
// (Umm al-Qura: ١٤٤٢/٠٣/١٢ is 2020-10-29), others Gregorian as checked_iso_date. An impossible
// Hijri day is nullopt.
std::optional<std::string> access_date_iso(int year, int month, int day);

// A date a file states in ISO form ("2021-02-31" in a JATS iso-8601-date or a BibTeX
// urldate) through checked_iso_date; any other text as it is.
std::string checked_iso_text(std::string_view text);

// The month (1-12) a month name means, given as its name_key: the Gregorian month names of
// every locale ICU has, wide and abbreviated, in their format forms (genitive "березня",
// "марта") and stand-alone forms ("березень", "März"). 0 when no locale has the name, or
// when locales disagree on it and no month has most languages behind it.
int month_of_name_key(std::string_view key);

}  // namespace citecheck
