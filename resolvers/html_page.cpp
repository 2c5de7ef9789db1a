#include "resolvers/html_page.hpp"

#include <gumbo.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>

#include <algorithm>
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

// The id or class of the dialog a consent manager draws (OneTrust, Cookiebot, Quantcast,
// Sourcepoint, Didomi, Usercentrics, TrustArc, consentmanager.net, Google's Funding Choices,
// iubenda, CookieYes, Yahoo's consent page), found in an element's id or class, ASCII case
// ignored. Most sites draw the banner beside their content: only a page whose visible text
// is almost all inside such a dialog is a wall (kWallOutsideText).
constexpr std::string_view kConsentContainers[] = {
    "onetrust-consent-sdk", "onetrust-banner-sdk", "cybotcookiebotdialog", "qc-cmp2", "sp_message_container",
    "didomi-popup",         "didomi-host",         "usercentrics-root",    "truste_overlay", "truste-consent",
    "cmpbox",               "fc-consent-root",     "iubenda-cs-banner",    "cookie-law-info-bar",
    "consent-page",         "consent-wall",        "cookie-wall",          "cookiewall",     "consent-banner",
    "cookie-consent",       "cookieconsent",       "gdpr-consent"};
// A form that posts the visitor's choice to a consent service (consent.google.com/save,
// consent.youtube.com/save, guce.yahoo.com/consent) makes a consent dialog too.
constexpr std::string_view kConsentFormActions[] = {"consent.", "/consent", "guce."};
constexpr std::size_t kWallOutsideText = 400;  // bytes of visible text outside the dialog

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

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// ---------------------------------------------------------------------------------------
// The document tree. gumbo is the HTML standard's tokenizer and tree builder: comments,
// script and style bodies, character references (the whole named table, and the
// windows-1252 mapping of &#128;–&#159;), unclosed and misnested tags are all handled as a
// browser handles them, so nothing inside a comment or a script is taken for markup.

struct GumboTree {
  GumboOutput* output = nullptr;
  explicit GumboTree(std::string_view utf8) {
    GumboOptions options = kGumboDefaultOptions;
    options.max_errors = 0;  // parse errors are not wanted: do not collect them
    output = gumbo_parse_with_options(&options, utf8.data(), utf8.size());
  }
  ~GumboTree() {
    if (output) gumbo_destroy_output(&kGumboDefaultOptions, output);
  }
  GumboTree(const GumboTree&) = delete;
  GumboTree& operator=(const GumboTree&) = delete;
  const GumboNode* root() const { return output ? output->document : nullptr; }
};

bool is_element(const GumboNode* n) { return n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE; }

bool html_element(const GumboNode* n, GumboTag tag) {
  return is_element(n) && n->v.element.tag == tag && n->v.element.tag_namespace == GUMBO_NAMESPACE_HTML;
}

const char* attribute(const GumboNode* n, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a ? a->value : nullptr;
}

const GumboVector* children(const GumboNode* n) {
  if (n->type == GUMBO_NODE_DOCUMENT) return &n->v.document.children;
  if (is_element(n)) return &n->v.element.children;
  return nullptr;
}

// Calls visit(node) for every node in document order. Iterative: a page of ten thousand
// nested <div>s must not exhaust the stack. visit returns false to skip a node's subtree.
template <typename Visit>
void walk(const GumboNode* root, Visit visit) {
  if (!root) return;
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (!visit(n)) continue;
    if (const GumboVector* kids = children(n))
      for (unsigned i = kids->length; i-- > 0;) stack.push_back(static_cast<const GumboNode*>(kids->data[i]));
  }
}

// walk() with leave(node) called after the subtree of every node visit() descended into.
template <typename Visit, typename Leave>
void walk(const GumboNode* root, Visit visit, Leave leave) {
  if (!root) return;
  std::vector<std::pair<const GumboNode*, bool>> stack{{root, false}};
  while (!stack.empty()) {
    auto [n, leaving] = stack.back();
    stack.pop_back();
    if (leaving) {
      leave(n);
      continue;
    }
    if (!visit(n)) continue;
    stack.push_back({n, true});
    if (const GumboVector* kids = children(n))
      for (unsigned i = kids->length; i-- > 0;) stack.push_back({static_cast<const GumboNode*>(kids->data[i]), false});
  }
}

// Elements whose text a reader does not see as the page's text.
bool hidden_text_element(const GumboNode* n) {
  return html_element(n, GUMBO_TAG_SCRIPT) || html_element(n, GUMBO_TAG_STYLE) ||
         html_element(n, GUMBO_TAG_TEXTAREA) || html_element(n, GUMBO_TAG_TEMPLATE) ||
         n->type == GUMBO_NODE_TEMPLATE;
}

// The text of an element and its descendants, script and style bodies left out.
std::string text_content(const GumboNode* element) {
  std::string out;
  walk(element, [&](const GumboNode* n) {
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA || n->type == GUMBO_NODE_WHITESPACE) {
      out += n->v.text.text;
      return false;
    }
    return n == element || !hidden_text_element(n);
  });
  return out;
}

// WHATWG "extracting a character encoding from a meta element": the label after
// "charset" and "=" in a Content-Type value, quoted or not.
std::string charset_in_content(std::string_view content) {
  std::string lower = lower_ascii(content);
  std::size_t from = 0;
  while (true) {
    std::size_t p = lower.find("charset", from);
    if (p == std::string::npos) return "";
    std::size_t i = p + 7;
    while (i < lower.size() && is_ascii_space(lower[i])) ++i;
    if (i >= lower.size() || lower[i] != '=') {
      from = p + 7;
      continue;
    }
    ++i;
    while (i < lower.size() && is_ascii_space(lower[i])) ++i;
    if (i >= lower.size()) return "";
    if (lower[i] == '"' || lower[i] == '\'') {
      char q = lower[i++];
      std::size_t close = lower.find(q, i);
      if (close == std::string::npos) return "";
      return std::string(content.substr(i, close - i));
    }
    std::size_t end = i;
    while (end < lower.size() && !is_ascii_space(lower[end]) && lower[end] != ';') ++end;
    return std::string(content.substr(i, end - i));
  }
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

// The charset the first <meta charset> or <meta http-equiv="Content-Type"> declares, read
// from the tree of the undecoded bytes (markup is ASCII in every charset a page may
// declare this way), so a <meta> inside a comment, a script or an attribute is no
// declaration.
std::string charset_of_meta(std::string_view body) {
  body = body.substr(0, 8192);  // where pages declare it (the standard's pre-scan reads 1024 bytes)
  GumboTree tree(body);
  std::string label;
  walk(tree.root(), [&](const GumboNode* n) {
    if (!label.empty()) return false;
    if (!html_element(n, GUMBO_TAG_META)) return !hidden_text_element(n);
    if (const char* cs = attribute(n, "charset")) {
      label = cs;
    } else if (const char* equiv = attribute(n, "http-equiv"); equiv && lower_ascii(equiv) == "content-type") {
      if (const char* content = attribute(n, "content")) label = charset_in_content(content);
    }
    return false;
  });
  if (trim(label).empty()) return "";
  std::string cs = canonical_charset(label);
  // A page read as ASCII to find this <meta> cannot be UTF-16 (the HTML standard's rule).
  if (cs.rfind("utf-16", 0) == 0) return "utf-8";
  return cs;
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

}  // namespace

std::string decode_html_entities(std::string_view text) {
  // The references are decoded by gumbo's own tokenizer, reading the text as the body of a
  // <title> (RCDATA: references are decoded, tags are not), so the rules are the standard's
  // — every named reference, legacy ones without ";", C1 numbers as windows-1252. A "<"
  // is literal there except before "/title"; written "&lt;" it decodes to the same "<".
  if (text.find('&') == std::string_view::npos) return std::string(text);
  std::string html = "<title>";
  html.reserve(text.size() + 16);
  for (char c : text) {
    if (c == '<') html += "&lt;";
    else html.push_back(c);
  }
  GumboTree tree(html);
  std::string out;
  walk(tree.root(), [&](const GumboNode* n) {
    if (!html_element(n, GUMBO_TAG_TITLE)) return true;
    out = text_content(n);
    return false;
  });
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

bool ascii_starts_with_ci(std::string_view s, std::size_t at, std::string_view prefix) {
  if (at + prefix.size() > s.size()) return false;
  for (std::size_t k = 0; k < prefix.size(); ++k) {
    char c = s[at + k];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != prefix[k]) return false;
  }
  return true;
}

struct TextBlock {
  std::string text;  // white space collapsed
  bool in_main = false;  // inside <main> (or role=main)
};

struct Scan {
  std::optional<std::string> title, citation_title, dc_title, og_title;
  std::vector<std::string> headings;     // <h1> texts
  std::vector<std::string> subheadings;  // <h2> texts
  std::vector<TextBlock> blocks;         // the body's text, one entry per block (paragraph, item, cell…)
  bool password_input = false, form = false;
  std::size_t visible_text = 0;  // bytes of visible text other than white space
  bool has_main = false;
  std::size_t main_text = 0;     // of them, inside <main>
  std::size_t consent_text = 0;  // of them, inside a consent manager's dialog
  std::optional<std::string> refresh;  // <meta http-equiv="refresh" content>
};

// Elements that start a new block of text: the words on either side are not one phrase.
bool block_element(const GumboNode* n) {
  if (n->type != GUMBO_NODE_ELEMENT || n->v.element.tag_namespace != GUMBO_NAMESPACE_HTML) return false;
  switch (n->v.element.tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_LI: case GUMBO_TAG_UL: case GUMBO_TAG_OL:
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
    case GUMBO_TAG_H6: case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_TR: case GUMBO_TAG_TABLE:
    case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN: case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER: case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_BR: case GUMBO_TAG_HR:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE: case GUMBO_TAG_FORM: case GUMBO_TAG_DL: case GUMBO_TAG_DT:
    case GUMBO_TAG_DD: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_BODY:
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_CENTER: case GUMBO_TAG_BUTTON: case GUMBO_TAG_LABEL:
    case GUMBO_TAG_OPTION: case GUMBO_TAG_SELECT:
      return true;
    default:
      return false;
  }
}

bool main_element(const GumboNode* n) {
  if (html_element(n, GUMBO_TAG_MAIN)) return true;
  const char* role = is_element(n) ? attribute(n, "role") : nullptr;
  return role && lower_ascii(role) == "main";
}

bool consent_element(const GumboNode* n) {
  if (!is_element(n)) return false;
  for (const char* name : {"id", "class"})
    if (const char* v = attribute(n, name)) {
      std::string lower = lower_ascii(v);
      for (auto marker : kConsentContainers)
        if (lower.find(marker) != std::string::npos) return true;
    }
  if (html_element(n, GUMBO_TAG_FORM))
    if (const char* action = attribute(n, "action")) {
      std::string lower = lower_ascii(action);
      for (auto marker : kConsentFormActions)
        if (lower.find(marker) != std::string::npos) return true;
    }
  return false;
}

// What the page's tree says. gumbo has already decoded the references in text and
// attribute values; an <svg> or <math> <title> is in its own namespace, not the page's.
Scan scan_html(std::string_view utf8) {
  Scan scan;
  GumboTree tree(utf8);
  int in_main = 0, in_consent = 0, in_noscript = 0;
  std::string block;  // the text of the block being read
  auto end_block = [&] {
    std::string text = collapse_space(block);
    block.clear();
    if (!text.empty() && scan.blocks.size() < 400) scan.blocks.push_back({std::move(text), in_main > 0});
  };
  auto visit = [&](const GumboNode* n) {
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA || n->type == GUMBO_NODE_WHITESPACE) {
      std::size_t bytes = 0;
      for (const char* c = n->v.text.text; *c; ++c)
        if (!is_ascii_space(*c)) ++bytes;
      scan.visible_text += bytes;
      if (in_main) scan.main_text += bytes;
      if (in_consent) scan.consent_text += bytes;
      if (block.size() < 4096) block += n->v.text.text;
      return false;
    }
    if (!is_element(n)) return n->type == GUMBO_NODE_DOCUMENT;
    if (hidden_text_element(n)) return false;
    if (html_element(n, GUMBO_TAG_TITLE)) {
      if (!scan.title) {
        std::string title = collapse_space(text_content(n));
        if (!title.empty()) scan.title = std::move(title);
      }
      return false;
    }
    if (html_element(n, GUMBO_TAG_META)) {
      const char* content = attribute(n, "content");
      if (!content) return false;
      // One inside <noscript> sends only browsers without JavaScript elsewhere.
      if (const char* equiv = attribute(n, "http-equiv");
          equiv && lower_ascii(equiv) == "refresh" && !scan.refresh && in_noscript == 0)
        scan.refresh = content;
      for (auto key : {"name", "property", "itemprop"}) {
        const char* a = attribute(n, key);
        if (!a) continue;
        std::string which = lower_ascii(a);
        std::optional<std::string>* slot = which == "citation_title"                        ? &scan.citation_title
                                           : which == "dc.title" || which == "dcterms.title" ? &scan.dc_title
                                           : which == "og:title"                             ? &scan.og_title
                                                                                             : nullptr;
        if (slot && !*slot) {
          std::string value = collapse_space(content);
          if (!value.empty()) *slot = std::move(value);
        }
      }
      return false;
    }
    if (html_element(n, GUMBO_TAG_H1) || html_element(n, GUMBO_TAG_H2)) {
      auto& list = html_element(n, GUMBO_TAG_H1) ? scan.headings : scan.subheadings;
      std::string heading = collapse_space(text_content(n));
      if (!heading.empty() && list.size() < 4) list.push_back(std::move(heading));
    } else if (html_element(n, GUMBO_TAG_INPUT)) {
      const char* type = attribute(n, "type");
      if (type && lower_ascii(type) == "password") scan.password_input = true;
    } else if (html_element(n, GUMBO_TAG_FORM)) {
      scan.form = true;
    }
    // Counted on the way in and out alike (leave), so every node that raises them lowers them.
    if (block_element(n)) end_block();
    if (main_element(n)) {
      ++in_main;
      scan.has_main = true;
    }
    if (consent_element(n)) ++in_consent;
    if (html_element(n, GUMBO_TAG_NOSCRIPT)) ++in_noscript;
    return true;
  };
  auto leave = [&](const GumboNode* n) {
    if (block_element(n)) end_block();
    if (main_element(n)) --in_main;
    if (consent_element(n)) --in_consent;
    if (html_element(n, GUMBO_TAG_NOSCRIPT)) --in_noscript;
  };
  walk(tree.root(), visit, leave);
  end_block();
  return scan;
}

bool contains_any(std::string_view haystack_lower, const std::string_view* begin, const std::string_view* end) {
  for (auto p = begin; p != end; ++p)
    if (haystack_lower.find(*p) != std::string_view::npos) return true;
  return false;
}

}  // namespace

std::optional<Refresh> parse_refresh(std::string_view value) {
  // The HTML standard's "shared declarative refresh steps": a delay (digits, perhaps a
  // fraction), then ";" or ",", then "url=" (optional) and the address, perhaps quoted.
  std::size_t i = 0;
  auto skip_space = [&] {
    while (i < value.size() && is_ascii_space(value[i])) ++i;
  };
  skip_space();
  std::size_t digits = i;
  while (i < value.size() && value[i] >= '0' && value[i] <= '9') ++i;
  if (i == digits && (i >= value.size() || value[i] != '.')) return std::nullopt;
  double delay = 0;
  for (std::size_t k = digits; k < i && k < digits + 9; ++k) delay = delay * 10 + (value[k] - '0');
  if (i - digits > 9) delay = 1e9;
  while (i < value.size() && (value[i] == '.' || (value[i] >= '0' && value[i] <= '9'))) ++i;
  Refresh r{delay, {}};
  skip_space();
  if (i < value.size() && (value[i] == ';' || value[i] == ',')) ++i;
  else if (i < value.size()) return std::nullopt;  // "5 url=…" is no refresh at all
  skip_space();
  if (ascii_starts_with_ci(value, i, "url")) {
    std::size_t after = i + 3;
    while (after < value.size() && is_ascii_space(value[after])) ++after;
    if (after < value.size() && value[after] == '=') {
      i = after + 1;
      skip_space();
    }
  }
  std::string_view url = value.substr(std::min(i, value.size()));
  if (!url.empty() && (url.front() == '"' || url.front() == '\'')) {
    char quote = url.front();
    url.remove_prefix(1);
    url = url.substr(0, url.find(quote));
  }
  r.url = std::string(trim(url));
  return r;
}

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
    page.consent_wall = scan.consent_text > 0 && scan.visible_text - scan.consent_text < kWallOutsideText;
    // Where a page tells that it does not exist: its title or a heading (<h1>, <h2>) on any
    // page; any block of its text only when the main text is short — a long page that
    // mentions "page not found" in a paragraph is an article, not a notice.
    std::vector<std::string_view> notices = texts;
    for (const auto& h : scan.subheadings) notices.push_back(h);
    if ((scan.has_main ? scan.main_text : scan.visible_text) < kShortPageText)
      for (const auto& b : scan.blocks)
        if (b.in_main || !scan.has_main) notices.push_back(b.text);
    for (auto t : notices)
      if (title_says(not_found_phrases(), t, true)) {
        page.says_not_found = true;
        page.not_found_text = std::string(t.substr(0, 200));
        break;
      }
    for (auto t : texts) page.login_page = page.login_page || title_says(login_phrases(), t, false);
    page.login_page = page.login_page || (scan.password_input && !page.says_not_found);
  }
  if (scan.refresh) page.refresh = parse_refresh(*scan.refresh);
  return page;
}

}  // namespace citecheck
