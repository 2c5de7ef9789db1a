#include "resolvers/html_page.hpp"

#include <re2/re2.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <vector>

#include "parsers/unicode_text.hpp"

namespace citecheck {

namespace {

// ---------------------------------------------------------------------------------------
// Phrases, one row per language. Compared by word_keys (case, diacritics, punctuation and
// digits of any script folded); rows in scripts written without spaces (Chinese, Japanese)
// are found anywhere in the title.

struct PhraseRow {
  std::string_view language;
  std::vector<std::string_view> phrases;
};

const std::vector<PhraseRow>& not_found_rows() {
  static const std::vector<PhraseRow> rows = {
      {"en", {"page not found", "404", "not found", "page does not exist", "this page does not exist",
              "page doesn't exist", "this page doesn't exist", "no longer available", "page no longer available",
              "this page is no longer available", "item no longer available", "content no longer available",
              "this page isn't available", "this page is not available", "this content isn't available",
              "this content isn't available right now", "page cannot be found", "the page cannot be found",
              "page can't be found", "that page can't be found", "this page can't be found",
              "page could not be found", "the page could not be found", "this page could not be found",
              "the page you requested could not be found", "the requested page could not be found",
              "the page you are looking for does not exist", "the page you're looking for doesn't exist",
              "the page you are looking for cannot be found", "we can't find that page",
              "we couldn't find that page", "we can't find the page you're looking for", "file not found",
              "document not found", "article not found", "content not found", "resource not found",
              "item not found", "record not found", "nothing found", "page missing"}},
      {"ar", {"الصفحة غير موجودة", "الصفحة المطلوبة غير موجودة", "لم يتم العثور على الصفحة",
              "لم يتم العثور على الصفحة المطلوبة", "الصفحة التي تبحث عنها غير موجودة", "الصفحة غير متوفرة",
              "الصفحة المطلوبة غير متوفرة", "الصفحة لم تعد موجودة", "خطأ 404"}},
      {"fa", {"صفحه مورد نظر یافت نشد", "صفحه پیدا نشد", "صفحه یافت نشد", "صفحه مورد نظر پیدا نشد",
              "صفحه وجود ندارد", "صفحه مورد نظر وجود ندارد", "خطای 404"}},
      {"ur", {"صفحہ نہیں ملا", "صفحہ دستیاب نہیں"}},
      {"ru", {"страница не найдена", "ошибка 404", "страница не существует", "запрашиваемая страница не найдена",
              "страница не найдена или удалена", "документ не найден", "статья не найдена", "не найдено"}},
      {"uk", {"сторінку не знайдено", "сторінка не знайдена", "сторінки не існує", "сторінка не існує"}},
      {"bg", {"страницата не е намерена", "страницата не съществува"}},
      {"sr", {"страница није пронађена", "stranica nije pronađena", "stranica ne postoji"}},
      {"kk", {"бет табылмады", "бет табылған жоқ"}},
      {"uz", {"sahifa topilmadi", "sahifa mavjud emas"}},
      {"tg", {"саҳифа ёфт нашуд"}},
      {"ka", {"გვერდი ვერ მოიძებნა", "გვერდი არ არსებობს", "მოთხოვნილი გვერდი ვერ მოიძებნა",
              "გვერდი ვერ იქნა ნაპოვნი"}},
      {"hy", {"Էջը չի գտնվել", "էջը գոյություն չունի", "էջը չի գտնվել"}},
      {"tr", {"sayfa bulunamadı", "aradığınız sayfa bulunamadı", "sayfa mevcut değil", "sayfa bulunamadi"}},
      {"az", {"səhifə tapılmadı", "səhifə mövcud deyil", "axtardığınız səhifə tapılmadı"}},
      {"de", {"seite nicht gefunden", "die seite wurde nicht gefunden", "seite existiert nicht",
              "diese seite existiert nicht", "die angeforderte seite wurde nicht gefunden", "nicht gefunden"}},
      {"fr", {"page introuvable", "page non trouvée", "la page demandée est introuvable", "cette page n'existe pas",
              "la page n'existe pas", "page inexistante", "introuvable"}},
      {"es", {"página no encontrada", "no se encontró la página", "la página no existe", "página no existe",
              "no se ha encontrado la página"}},
      {"pt", {"página não encontrada", "a página não existe", "página não existe", "página inexistente"}},
      {"it", {"pagina non trovata", "la pagina non esiste", "pagina non esistente", "pagina non disponibile"}},
      {"he", {"הדף לא נמצא", "העמוד לא נמצא", "הדף המבוקש לא נמצא", "העמוד המבוקש לא נמצא", "הדף אינו קיים"}},
      {"el", {"η σελίδα δεν βρέθηκε", "σελίδα δεν βρέθηκε", "η σελίδα δεν υπάρχει", "η σελίδα που ζητήσατε δεν βρέθηκε"}},
      {"pl", {"nie znaleziono strony", "strona nie została znaleziona", "strona nie istnieje", "nie znaleziono"}},
      {"nl", {"pagina niet gevonden", "deze pagina bestaat niet", "pagina bestaat niet", "niet gevonden"}},
      {"cs", {"stránka nenalezena", "stránka nebyla nalezena", "stránka neexistuje"}},
      {"ro", {"pagina nu a fost găsită", "pagina nu există"}},
      {"hu", {"az oldal nem található", "oldal nem található", "a keresett oldal nem található"}},
      {"sv", {"sidan hittades inte", "sidan finns inte"}},
      {"da", {"siden blev ikke fundet", "siden findes ikke"}},
      {"id", {"halaman tidak ditemukan"}},
      {"ko", {"페이지를 찾을 수 없습니다", "요청하신 페이지를 찾을 수 없습니다", "페이지가 존재하지 않습니다"}},
      {"zh", {"页面不存在", "找不到页面", "页面未找到", "頁面不存在", "找不到網頁", "找不到网页", "网页不存在",
              "页面找不到了", "無法找到頁面", "找不到頁面"}},
      {"ja", {"ページが見つかりません", "ページが存在しません", "ページは存在しません", "お探しのページは見つかりませんでした"}},
  };
  return rows;
}

// Words an error code comes with ("Error 404", "Ошибка 404", "خطأ ٤٠٤"): with "404" they
// add nothing to what a title says.
constexpr std::string_view kErrorWords[] = {
    "404", "error", "erro", "errore", "erreur", "fehler", "ошибка", "помилка", "грешка", "greška", "خطأ", "خطای", "خطا",
    "შეცდომა", "սխալ", "hata", "xəta", "שגיאה", "σφάλμα", "błąd", "fout", "chyba", "hiba", "fel", "fejl", "eroare",
    "오류", "错误", "錯誤", "エラー", "http", "code", "код", "status"};

const std::vector<PhraseRow>& login_rows() {
  static const std::vector<PhraseRow> rows = {
      {"en", {"sign in", "log in", "login", "sign in to your account", "log in to your account",
              "sign in to continue", "log in to continue", "log in or sign up", "sign in or register",
              "login required", "please log in", "please sign in", "user login", "member login", "account login",
              "sign on", "single sign on", "authentication required", "institutional login", "login page"}},
      {"ar", {"تسجيل الدخول", "تسجيل دخول", "دخول", "الدخول إلى حسابك"}},
      {"fa", {"ورود", "ورود به سامانه", "ورود به حساب کاربری", "ورود کاربران", "ورود به سایت"}},
      {"ru", {"вход", "войти", "авторизация", "вход в систему", "вход на сайт", "вход в личный кабинет"}},
      {"uk", {"вхід", "увійти", "авторизація", "вхід до системи"}},
      {"ka", {"შესვლა", "ავტორიზაცია", "სისტემაში შესვლა"}},
      {"hy", {"մուտք", "մուտք գործել"}},
      {"tr", {"giriş", "giriş yap", "oturum aç", "üye girişi", "kullanıcı girişi"}},
      {"az", {"daxil ol", "sistemə giriş"}},
      {"de", {"anmelden", "anmeldung", "einloggen"}},
      {"fr", {"connexion", "se connecter", "identification", "authentification"}},
      {"es", {"iniciar sesión", "inicio de sesión", "acceder"}},
      {"pt", {"entrar", "iniciar sessão", "fazer login"}},
      {"it", {"accedi", "accesso"}},
      {"he", {"התחברות", "כניסה", "כניסה לחשבון", "כניסה למערכת"}},
      {"el", {"σύνδεση", "είσοδος"}},
      {"pl", {"zaloguj się", "logowanie"}},
      {"nl", {"inloggen", "aanmelden"}},
      {"cs", {"přihlášení", "přihlásit se"}},
      {"zh", {"登录", "登入", "用户登录", "用戶登入"}},
      {"ja", {"ログイン", "サインイン"}},
      {"ko", {"로그인"}},
  };
  return rows;
}

// Titles of bot-challenge pages (Cloudflare, Akamai, PerimeterX, Imperva, Amazon, DDoS-Guard).
const std::vector<PhraseRow>& challenge_rows() {
  static const std::vector<PhraseRow> rows = {
      {"en", {"just a moment", "attention required", "checking your browser", "please wait", "one more step",
              "security check", "access denied", "access to this page has been denied", "robot check",
              "are you a robot", "pardon our interruption", "human verification", "verify you are human",
              "please verify you are a human", "bot verification", "you have been blocked", "ddos guard",
              "captcha", "request unsuccessful"}},
  };
  return rows;
}

// Markup only challenge pages carry (found anywhere, ASCII case ignored).
constexpr std::string_view kChallengeMarkers[] = {
    "cf-chl",           "_cf_chl_opt",          "cf_chl_",  "captcha-delivery.com", "px-captcha",
    "errors.edgesuite.net", "gokuprops",        "_incapsula_resource?cwudnsai",
    "checking your browser before accessing", "enable javascript and cookies to continue",
    "verify you are human by completing the action below"};
// Markup a challenge page carries but an ordinary page may too (a comment form's captcha):
// a challenge only on a short page with a form and no citation metadata.
constexpr std::string_view kWeakChallengeMarkers[] = {"g-recaptcha", "h-captcha",         "cf-turnstile",
                                                      "_incapsula_resource", "ddos-guard", "recaptcha/api.js",
                                                      "hcaptcha.com/1/api.js"};
constexpr std::size_t kShortPageText = 1500;  // bytes of visible text

// ---------------------------------------------------------------------------------------
// Title matching.

enum class Joint { None, Strong, Weak };  // what separates a part of a title from the next

struct TitlePart {
  std::vector<std::string> keys;
  Joint after = Joint::None;
};

struct Delimiter {
  std::string_view text;
  Joint joint;
};

// Longest first where one begins another.
constexpr Delimiter kDelimiters[] = {
    {" :: ", Joint::Strong},   {" | ", Joint::Strong},      {"|", Joint::Strong},       {" - ", Joint::Strong},
    {" \u2013 ", Joint::Strong}, {" \u2014 ", Joint::Strong}, {" \u00B7 ", Joint::Strong}, {" \u2022 ", Joint::Strong},
    {" \u00AB ", Joint::Strong}, {" \u00BB ", Joint::Strong}, {" / ", Joint::Strong},     {"\uFF5C", Joint::Strong},
    {"_", Joint::Strong},      {": ", Joint::Weak},         {"! ", Joint::Weak},        {". ", Joint::Weak},
    {"? ", Joint::Weak},       {", ", Joint::Weak},         {"\u060C ", Joint::Weak},   {"\uFF1A", Joint::Weak},
    {"\u3002", Joint::Weak},   {"\uFF01", Joint::Weak},     {"\u061F ", Joint::Weak},   {"; ", Joint::Weak},
};

std::vector<TitlePart> title_parts(std::string_view title) {
  std::vector<TitlePart> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i < title.size();) {
    const Delimiter* hit = nullptr;
    for (const auto& d : kDelimiters)
      if (title.substr(i, d.text.size()) == d.text) { hit = &d; break; }
    if (!hit) {
      next_code_point(title, i);
      continue;
    }
    auto keys = word_keys(title.substr(start, i - start));
    if (!keys.empty()) parts.push_back({std::move(keys), hit->joint});
    else if (!parts.empty() && hit->joint == Joint::Strong) parts.back().after = Joint::Strong;
    i += hit->text.size();
    start = i;
  }
  auto keys = word_keys(title.substr(start));
  if (!keys.empty()) parts.push_back({std::move(keys), Joint::None});
  return parts;
}

bool spaceless_script(std::string_view phrase) {
  auto s = dominant_script(phrase);
  return s == "Hani" || s == "Hira" || s == "Kana" || s == "Thai";
}

struct CompiledPhrases {
  std::vector<std::vector<std::string>> word_phrases;
  std::vector<std::string> spaceless;  // name_keys, found anywhere
};

CompiledPhrases compile(const std::vector<PhraseRow>& rows, bool spaceless_anywhere) {
  CompiledPhrases c;
  for (const auto& row : rows)
    for (auto p : row.phrases) {
      if (spaceless_anywhere && spaceless_script(p)) c.spaceless.push_back(name_key(p));
      else c.word_phrases.push_back(word_keys(p));
    }
  return c;
}

const CompiledPhrases& not_found_phrases() {
  static const CompiledPhrases c = compile(not_found_rows(), true);
  return c;
}
const CompiledPhrases& login_phrases() {
  static const CompiledPhrases c = compile(login_rows(), false);
  return c;
}
const CompiledPhrases& challenge_phrases() {
  static const CompiledPhrases c = compile(challenge_rows(), false);
  return c;
}
const std::vector<std::string>& error_words() {
  static const std::vector<std::string> w = [] {
    std::vector<std::string> out;
    for (auto e : kErrorWords) out.push_back(name_key(e));
    return out;
  }();
  return w;
}

bool is_phrase(const CompiledPhrases& c, const std::vector<std::string>& keys) {
  return std::find(c.word_phrases.begin(), c.word_phrases.end(), keys) != c.word_phrases.end();
}

// A part of a title says the phrase: it is the phrase, or "404" with error words and
// perhaps the phrase ("404", "Error 404", "404 Not Found", "Page not found (404)").
bool part_says(const CompiledPhrases& c, const std::vector<std::string>& keys, bool with_codes, bool& has_code) {
  has_code = false;
  if (is_phrase(c, keys)) return true;
  if (!with_codes || std::find(keys.begin(), keys.end(), "404") == keys.end()) return false;
  has_code = true;
  std::vector<std::string> rest;
  const auto& errors = error_words();
  auto numeric = [](const std::string& k) { return k.find_first_not_of("0123456789") == std::string::npos; };
  for (const auto& k : keys)  // error words and numbers ("Error 404 (Not Found)!!1")
    if (std::find(errors.begin(), errors.end(), k) == errors.end() && !numeric(k)) rest.push_back(k);
  return rest.empty() || is_phrase(c, rest);
}

// The title says one of the phrases: the whole title; a part that ends the title; a part
// followed by a site-name separator (" | ", " - "); a part with "404"; or a sentence of four
// words or more ("This page isn't available. Sorry…"). A part followed by ":" or "," is a
// title's opening words, not a notice: "Not Found: the missing children".
bool title_says(const CompiledPhrases& c, std::string_view title, bool with_codes) {
  if (!c.spaceless.empty()) {
    std::string key = name_key(title);
    for (const auto& p : c.spaceless)
      if (!p.empty() && key.find(p) != std::string::npos) return true;
  }
  auto parts = title_parts(title);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    bool has_code = false;
    if (!part_says(c, parts[i].keys, with_codes, has_code)) continue;
    bool last = i + 1 == parts.size();
    if (last || parts[i].after == Joint::Strong || has_code || parts[i].keys.size() >= 4) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------
// Charsets.

// WHATWG labels whose decoder is a superset ICU knows under another name.
struct CharsetAlias {
  std::string_view label, icu_name;
};
constexpr CharsetAlias kCharsetAliases[] = {
    {"iso-8859-1", "windows-1252"}, {"iso8859-1", "windows-1252"}, {"latin1", "windows-1252"},
    {"l1", "windows-1252"},         {"us-ascii", "windows-1252"},  {"ascii", "windows-1252"},
    {"iso-8859-9", "windows-1254"}, {"latin5", "windows-1254"},    {"tis-620", "windows-874"},
    {"iso-8859-11", "windows-874"}, {"gb2312", "gb18030"},         {"gbk", "gb18030"},
    {"x-gbk", "gb18030"},           {"chinese", "gb18030"},        {"euc-kr", "windows-949"},
    {"ks_c_5601-1987", "windows-949"}, {"korean", "windows-949"},  {"shift_jis", "windows-31j"},
    {"sjis", "windows-31j"},        {"x-sjis", "windows-31j"},     {"big5", "windows-950"},
    {"x-cp1256", "windows-1256"},   {"cp1256", "windows-1256"},    {"x-cp1251", "windows-1251"},
    {"cp1251", "windows-1251"},     {"utf8", "utf-8"},             {"unicode-1-1-utf-8", "utf-8"},
};

std::string canonical_charset(std::string_view label) {
  std::string l = lower_ascii(std::string(trim(label)));
  while (!l.empty() && (l.back() == '"' || l.back() == '\'' || l.back() == ';')) l.pop_back();
  while (!l.empty() && (l.front() == '"' || l.front() == '\'')) l.erase(0, 1);
  for (const auto& a : kCharsetAliases)
    if (l == a.label) return std::string(a.icu_name);
  return l;
}

std::string charset_of_content_type(std::string_view content_type) {
  std::string ct = lower_ascii(content_type);
  std::size_t p = ct.find("charset=");
  if (p == std::string::npos) return "";
  std::string_view v = std::string_view(ct).substr(p + 8);
  std::size_t end = v.find_first_of(";, ");
  return canonical_charset(v.substr(0, end));
}

const RE2& meta_charset_pattern() {  // <meta charset="x"> and <meta http-equiv … content="…; charset=x">
  static const RE2 re(R"((?i)<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+))",
                      [] {
                        RE2::Options o;
                        o.set_encoding(RE2::Options::EncodingLatin1);
                        o.set_log_errors(false);
                        return o;
                      }());
  return re;
}

std::string charset_of_meta(std::string_view body) {
  std::string label;
  body = body.substr(0, 8192);  // where pages declare it (the standard's pre-scan reads 1024 bytes)
  re2::StringPiece input(body.data(), body.size());
  if (!RE2::PartialMatch(input, meta_charset_pattern(), &label)) return "";
  std::string cs = canonical_charset(label);
  // A page read as ASCII to find this <meta> cannot be UTF-16 (the HTML standard's rule).
  if (cs.rfind("utf-16", 0) == 0) return "utf-8";
  return cs;
}

bool valid_utf8(std::string_view s, bool allow_cut_end) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) { ++i; continue; }
    std::size_t n = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (n == 0 || c == 0xC0 || c == 0xC1 || c > 0xF4) return false;
    if (i + n > s.size()) return allow_cut_end;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

bool has_non_ascii(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

std::string detected_charset(std::string_view body) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> det(ucsdet_open(&err), &ucsdet_close);
  if (U_FAILURE(err)) return "windows-1252";
  ucsdet_enableInputFilter(det.get(), true);  // markup is no evidence of a charset
  ucsdet_setText(det.get(), body.data(), static_cast<int32_t>(body.size()), &err);
  const UCharsetMatch* m = ucsdet_detect(det.get(), &err);
  if (U_FAILURE(err) || !m) return "windows-1252";
  const char* name = ucsdet_getName(m, &err);
  if (U_FAILURE(err) || !name) return "windows-1252";
  std::string cs = canonical_charset(name);
  return cs == "utf-8" ? "windows-1252" : cs;  // the bytes were found not to be UTF-8
}

// Converts `bytes` from `charset` to UTF-8; nullopt when ICU does not know the charset.
std::optional<std::string> convert(std::string_view bytes, const std::string& charset) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> cnv(ucnv_open(charset.c_str(), &err), &ucnv_close);
  if (U_FAILURE(err) || !cnv) return std::nullopt;
  icu::UnicodeString u(bytes.data(), static_cast<int32_t>(bytes.size()), cnv.get(), err);
  if (U_FAILURE(err)) return std::nullopt;
  std::string out;
  u.toUTF8String(out);
  return out;
}

// The page as UTF-8, charset chosen as the HTML standard does (BOM, header, <meta>), with
// two repairs of common server mistakes: a Latin-1 header on a page that is plainly UTF-8,
// and no declaration at all (ICU's detector, for the windows-125x / KOI8-R pages of old sites).
std::string page_utf8(std::string_view body, std::string_view content_type) {
  std::string charset;
  if (body.starts_with("\xEF\xBB\xBF")) {
    body.remove_prefix(3);
    charset = "utf-8";
  } else if (body.starts_with("\xFF\xFE")) {
    body.remove_prefix(2);
    charset = "utf-16le";
  } else if (body.starts_with("\xFE\xFF")) {
    body.remove_prefix(2);
    charset = "utf-16be";
  }
  if (charset.empty()) charset = charset_of_content_type(content_type);
  if (charset.empty()) charset = charset_of_meta(body);
  if (charset == "windows-1252" && has_non_ascii(body) && valid_utf8(body, true)) charset = "utf-8";
  if (charset.empty()) charset = valid_utf8(body, true) ? "utf-8" : detected_charset(body);
  if (auto text = convert(body, charset)) return *text;
  if (valid_utf8(body, true)) return *convert(body, "utf-8");
  if (auto text = convert(body, detected_charset(body))) return *text;
  return *convert(body, "windows-1252");
}

// ---------------------------------------------------------------------------------------
// Character references.

struct NamedEntity {
  std::string_view name;
  char32_t cp;
};
constexpr NamedEntity kEntities[] = {
    {"amp", '&'},        {"lt", '<'},          {"gt", '>'},          {"quot", '"'},        {"apos", '\''},
    {"nbsp", 0xA0},      {"ndash", 0x2013},    {"mdash", 0x2014},    {"laquo", 0xAB},      {"raquo", 0xBB},
    {"lsquo", 0x2018},   {"rsquo", 0x2019},    {"ldquo", 0x201C},    {"rdquo", 0x201D},    {"sbquo", 0x201A},
    {"bdquo", 0x201E},   {"hellip", 0x2026},   {"middot", 0xB7},     {"bull", 0x2022},     {"copy", 0xA9},
    {"reg", 0xAE},       {"trade", 0x2122},    {"deg", 0xB0},        {"times", 0xD7},      {"divide", 0xF7},
    {"shy", 0xAD},       {"zwnj", 0x200C},     {"zwj", 0x200D},      {"lrm", 0x200E},      {"rlm", 0x200F},
    {"thinsp", 0x2009},  {"ensp", 0x2002},     {"emsp", 0x2003},     {"euro", 0x20AC},     {"pound", 0xA3},
    {"yen", 0xA5},       {"sect", 0xA7},       {"para", 0xB6},       {"iexcl", 0xA1},      {"iquest", 0xBF},
    {"lsaquo", 0x2039},  {"rsaquo", 0x203A},   {"prime", 0x2032},    {"Prime", 0x2033},    {"minus", 0x2212},
    {"aacute", 0xE1},    {"Aacute", 0xC1},     {"agrave", 0xE0},     {"Agrave", 0xC0},     {"acirc", 0xE2},
    {"Acirc", 0xC2},     {"atilde", 0xE3},     {"Atilde", 0xC3},     {"auml", 0xE4},       {"Auml", 0xC4},
    {"aring", 0xE5},     {"Aring", 0xC5},      {"aelig", 0xE6},      {"AElig", 0xC6},      {"ccedil", 0xE7},
    {"Ccedil", 0xC7},    {"eacute", 0xE9},     {"Eacute", 0xC9},     {"egrave", 0xE8},     {"Egrave", 0xC8},
    {"ecirc", 0xEA},     {"Ecirc", 0xCA},      {"euml", 0xEB},       {"Euml", 0xCB},       {"iacute", 0xED},
    {"Iacute", 0xCD},    {"igrave", 0xEC},     {"Igrave", 0xCC},     {"icirc", 0xEE},      {"Icirc", 0xCE},
    {"iuml", 0xEF},      {"Iuml", 0xCF},       {"ntilde", 0xF1},     {"Ntilde", 0xD1},     {"oacute", 0xF3},
    {"Oacute", 0xD3},    {"ograve", 0xF2},     {"Ograve", 0xD2},     {"ocirc", 0xF4},      {"Ocirc", 0xD4},
    {"otilde", 0xF5},    {"Otilde", 0xD5},     {"ouml", 0xF6},       {"Ouml", 0xD6},       {"oslash", 0xF8},
    {"Oslash", 0xD8},    {"uacute", 0xFA},     {"Uacute", 0xDA},     {"ugrave", 0xF9},     {"Ugrave", 0xD9},
    {"ucirc", 0xFB},     {"Ucirc", 0xDB},      {"uuml", 0xFC},       {"Uuml", 0xDC},       {"yacute", 0xFD},
    {"Yacute", 0xDD},    {"yuml", 0xFF},       {"szlig", 0xDF},      {"scaron", 0x161},    {"Scaron", 0x160},
    {"zcaron", 0x17E},   {"Zcaron", 0x17D},    {"oelig", 0x153},     {"OElig", 0x152},     {"alpha", 0x3B1},
    {"beta", 0x3B2},     {"gamma", 0x3B3},     {"delta", 0x3B4},     {"mu", 0x3BC},        {"pi", 0x3C0},
    {"sigma", 0x3C3},    {"omega", 0x3C9},     {"Omega", 0x3A9},
};

// Legacy references a browser accepts without the ";".
constexpr std::string_view kBareEntities[] = {"amp", "lt", "gt", "quot", "nbsp"};

}  // namespace

std::string decode_html_entities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t amp = text.find('&', i);
    if (amp == std::string_view::npos) amp = text.size();
    out.append(text.substr(i, amp - i));
    i = amp;
    if (i >= text.size()) break;
    std::size_t j = i + 1;
    if (j < text.size() && text[j] == '#') {
      ++j;
      bool hex = j < text.size() && (text[j] == 'x' || text[j] == 'X');
      if (hex) ++j;
      std::size_t digits_start = j;
      std::uint32_t value = 0;
      while (j < text.size() && j - digits_start < 8) {
        char c = text[j];
        int d = c >= '0' && c <= '9' ? c - '0' : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                                              : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0) break;
        value = value * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
        ++j;
      }
      if (j == digits_start) {  // "&#" with no digits: kept
        out.push_back('&');
        ++i;
        continue;
      }
      if (j < text.size() && text[j] == ';') ++j;
      char32_t cp = value;
      if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
      if (cp >= 0x80 && cp < 0xA0) cp = 0xFFFD;  // C1 controls (the standard maps them to windows-1252; rare)
      append_utf8(out, cp);
      i = j;
      continue;
    }
    std::size_t name_start = j;
    while (j < text.size() && j - name_start < 10 &&
           ((text[j] >= 'a' && text[j] <= 'z') || (text[j] >= 'A' && text[j] <= 'Z') || (text[j] >= '0' && text[j] <= '9')))
      ++j;
    std::string_view name = text.substr(name_start, j - name_start);
    bool semicolon = j < text.size() && text[j] == ';';
    const NamedEntity* hit = nullptr;
    for (const auto& e : kEntities)
      if (e.name == name) { hit = &e; break; }
    bool bare_ok = std::find(std::begin(kBareEntities), std::end(kBareEntities), name) != std::end(kBareEntities);
    if (hit && (semicolon || bare_ok)) {
      append_utf8(out, hit->cp);
      i = j + (semicolon ? 1 : 0);
    } else {
      out.push_back('&');
      ++i;
    }
  }
  return out;
}

namespace {

// White space (and no-break spaces, controls) collapsed to single spaces, trimmed.
std::string collapse_space(std::string_view s) {
  std::string out;
  bool pending = false;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t start = i;
    char32_t cp = next_code_point(s, i);
    if (is_space(cp) || cp == 0xA0 || cp == 0x202F || cp < 0x20 || cp == 0x7F) {
      pending = true;
      continue;
    }
    if (pending && !out.empty()) out.push_back(' ');
    pending = false;
    out.append(s.substr(start, i - start));
  }
  return out;
}

std::string clean_text(std::string_view raw) { return collapse_space(decode_html_entities(raw)); }

bool ascii_starts_with_ci(std::string_view s, std::size_t at, std::string_view prefix) {
  if (at + prefix.size() > s.size()) return false;
  for (std::size_t k = 0; k < prefix.size(); ++k) {
    char c = s[at + k];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != prefix[k]) return false;
  }
  return true;
}

// Position of "</name" (ASCII case ignored) at or after `from`, or npos.
std::size_t find_end_tag(std::string_view s, std::size_t from, std::string_view name) {
  while (true) {
    std::size_t lt = s.find("</", from);
    if (lt == std::string_view::npos) return lt;
    if (ascii_starts_with_ci(s, lt + 2, name)) {
      std::size_t after = lt + 2 + name.size();
      if (after >= s.size() || s[after] == '>' || s[after] == ' ' || s[after] == '\t' || s[after] == '\n' ||
          s[after] == '\r' || s[after] == '/')
        return lt;
    }
    from = lt + 2;
  }
}

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
         c == ':' || c == '.';
}
bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
char lower_char(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

struct Tag {
  std::string name;  // lower case
  std::vector<std::pair<std::string, std::string>> attributes;  // names lower case, values raw
  bool end = false;
  std::size_t next = 0;  // just past '>' (or the end of the text when cut)
  const std::string* attribute(std::string_view n) const {
    for (const auto& a : attributes)
      if (a.first == n) return &a.second;
    return nullptr;
  }
};

// Reads the tag opening at s[at] == '<'; a tag cut by the end of the prefix ends there.
Tag read_tag(std::string_view s, std::size_t at) {
  Tag t;
  std::size_t i = at + 1;
  if (i < s.size() && s[i] == '/') {
    t.end = true;
    ++i;
  }
  while (i < s.size() && is_name_char(s[i])) t.name.push_back(lower_char(s[i++]));
  while (i < s.size() && s[i] != '>') {
    if (is_ascii_space(s[i]) || s[i] == '/') { ++i; continue; }
    std::string name;
    while (i < s.size() && !is_ascii_space(s[i]) && s[i] != '=' && s[i] != '>' && s[i] != '/')
      name.push_back(lower_char(s[i++]));
    while (i < s.size() && is_ascii_space(s[i])) ++i;
    std::string value;
    if (i < s.size() && s[i] == '=') {
      ++i;
      while (i < s.size() && is_ascii_space(s[i])) ++i;
      if (i < s.size() && (s[i] == '"' || s[i] == '\'')) {
        char q = s[i++];
        std::size_t close = s.find(q, i);
        if (close == std::string_view::npos) close = s.size();
        value.assign(s.substr(i, close - i));
        i = close < s.size() ? close + 1 : close;
      } else {
        while (i < s.size() && !is_ascii_space(s[i]) && s[i] != '>') value.push_back(s[i++]);
      }
    }
    if (!name.empty()) t.attributes.emplace_back(std::move(name), std::move(value));
  }
  t.next = i < s.size() ? i + 1 : s.size();
  return t;
}

struct Scan {
  std::optional<std::string> title, citation_title, dc_title, og_title;
  std::vector<std::string> headings;  // <h1> texts
  bool password_input = false, form = false;
  std::size_t visible_text = 0;  // bytes of visible text other than white space
};

void count_visible(Scan& scan, std::string_view text) {
  for (char c : text)
    if (!is_ascii_space(c)) ++scan.visible_text;
}

Scan scan_html(std::string_view s) {
  Scan scan;
  int svg_depth = 0;
  std::optional<std::string> h1;  // the <h1> being read
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t lt = s.find('<', i);
    std::string_view text = s.substr(i, (lt == std::string_view::npos ? s.size() : lt) - i);
    count_visible(scan, text);
    if (h1) h1->append(text);
    if (lt == std::string_view::npos) break;
    i = lt;
    if (s.substr(i, 4) == "<!--") {
      std::size_t close = s.find("-->", i + 4);
      i = close == std::string_view::npos ? s.size() : close + 3;
      continue;
    }
    if (i + 1 < s.size() && (s[i + 1] == '!' || s[i + 1] == '?')) {
      std::size_t close = s.find('>', i);
      i = close == std::string_view::npos ? s.size() : close + 1;
      continue;
    }
    bool tag_start = i + 1 < s.size() && (std::isalpha(static_cast<unsigned char>(s[i + 1])) || s[i + 1] == '/');
    if (!tag_start) {  // a lone '<' in text
      if (h1) h1->push_back('<');
      ++i;
      continue;
    }
    Tag tag = read_tag(s, i);
    i = tag.next;
    if (tag.end) {
      if (tag.name == "svg" && svg_depth > 0) --svg_depth;
      if (tag.name == "h1" && h1) {
        std::string heading = clean_text(*h1);
        if (!heading.empty() && scan.headings.size() < 4) scan.headings.push_back(std::move(heading));
        h1.reset();
      }
      continue;
    }
    const std::string& n = tag.name;
    if (n == "script" || n == "style" || n == "textarea" || n == "template") {
      std::size_t close = find_end_tag(s, i, n);
      i = close == std::string_view::npos ? s.size() : close;
    } else if (n == "title" && svg_depth == 0) {
      std::size_t close = find_end_tag(s, i, "title");
      std::string_view raw = s.substr(i, (close == std::string_view::npos ? s.size() : close) - i);
      if (!scan.title) {
        std::string title = clean_text(raw);
        if (!title.empty()) scan.title = std::move(title);
      }
      i = close == std::string_view::npos ? s.size() : close;
    } else if (n == "svg" || n == "math") {
      ++svg_depth;
    } else if (n == "meta") {
      const std::string* content = tag.attribute("content");
      if (!content) continue;
      for (auto key : {"name", "property", "itemprop"}) {
        const std::string* a = tag.attribute(key);
        if (!a) continue;
        std::string which = lower_ascii(*a);
        std::optional<std::string>* slot = which == "citation_title"                        ? &scan.citation_title
                                           : which == "dc.title" || which == "dcterms.title" ? &scan.dc_title
                                           : which == "og:title"                             ? &scan.og_title
                                                                                             : nullptr;
        if (slot && !*slot) {
          std::string value = clean_text(*content);
          if (!value.empty()) *slot = std::move(value);
        }
      }
    } else if (n == "h1") {
      if (h1) {
        std::string heading = clean_text(*h1);
        if (!heading.empty() && scan.headings.size() < 4) scan.headings.push_back(std::move(heading));
      }
      h1.emplace();
    } else if (n == "input") {
      const std::string* type = tag.attribute("type");
      if (type && lower_ascii(*type) == "password") scan.password_input = true;
    } else if (n == "form") {
      scan.form = true;
    }
  }
  if (h1) {
    std::string heading = clean_text(*h1);
    if (!heading.empty() && scan.headings.size() < 4) scan.headings.push_back(std::move(heading));
  }
  return scan;
}

bool contains_any(std::string_view haystack_lower, const std::string_view* begin, const std::string_view* end) {
  for (auto p = begin; p != end; ++p)
    if (haystack_lower.find(*p) != std::string_view::npos) return true;
  return false;
}

}  // namespace

bool title_says_not_found(std::string_view title) { return title_says(not_found_phrases(), title, true); }

bool is_html(std::string_view content_type, std::string_view body_prefix) {
  std::string ct = lower_ascii(content_type);
  std::string_view type = std::string_view(ct).substr(0, ct.find(';'));
  type = trim(type);
  if (type == "text/html" || type == "application/xhtml+xml") return true;
  if (type.starts_with("image/") || type.starts_with("audio/") || type.starts_with("video/") ||
      type.starts_with("font/"))
    return false;
  // Sniff: after a byte-order mark, white space and comments, an HTML document's first tag.
  std::string_view b = body_prefix.substr(0, 2048);
  if (b.starts_with("\xEF\xBB\xBF")) b.remove_prefix(3);
  while (true) {
    while (!b.empty() && is_ascii_space(b.front())) b.remove_prefix(1);
    if (b.starts_with("<!--")) {
      std::size_t close = b.find("-->");
      if (close == std::string_view::npos) return false;
      b.remove_prefix(close + 3);
      continue;
    }
    if (b.starts_with("<?xml")) {
      std::size_t close = b.find("?>");
      if (close == std::string_view::npos) return false;
      b.remove_prefix(close + 2);
      continue;
    }
    break;
  }
  for (std::string_view opening : {"<!doctype html", "<html", "<head", "<body", "<title", "<meta"}) {
    if (!ascii_starts_with_ci(b, 0, opening)) continue;
    std::size_t after = opening.size();
    if (after >= b.size() || is_ascii_space(b[after]) || b[after] == '>') return true;
  }
  return false;
}

PageSignals read_page(std::string_view body_prefix, std::string_view content_type) {
  PageSignals page;
  std::string text = page_utf8(body_prefix, content_type);
  Scan scan = scan_html(text);
  page.title = scan.title;
  page.citation_title = scan.citation_title ? scan.citation_title : scan.dc_title ? scan.dc_title : scan.og_title;

  // A page with citation metadata is a work's page, whatever its title's first words say.
  bool work_page = scan.citation_title || scan.dc_title;
  std::vector<std::string_view> texts;  // title and headings
  if (scan.title) texts.push_back(*scan.title);
  for (const auto& h : scan.headings) texts.push_back(h);

  std::string lower = lower_ascii(text);
  bool challenge = contains_any(lower, std::begin(kChallengeMarkers), std::end(kChallengeMarkers));
  if (!challenge && !work_page && scan.title) challenge = title_says(challenge_phrases(), *scan.title, false);
  if (!challenge && !work_page && scan.form && scan.visible_text < kShortPageText)
    challenge = contains_any(lower, std::begin(kWeakChallengeMarkers), std::end(kWeakChallengeMarkers));
  page.bot_challenge = challenge;

  if (!work_page && !challenge) {
    for (auto t : texts) page.says_not_found = page.says_not_found || title_says(not_found_phrases(), t, true);
    for (auto t : texts) page.login_page = page.login_page || title_says(login_phrases(), t, false);
    page.login_page = page.login_page || (scan.password_input && !page.says_not_found);
  }
  return page;
}

}  // namespace citecheck
