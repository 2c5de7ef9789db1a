#include "parsers/scripts/tables.hpp"

#include <array>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "parsers/dates.hpp"
#include "parsers/unicode_text.hpp"

namespace citecheck::tables {

namespace {
using namespace std::string_view_literals;

constexpr std::array kReferenceHeadings = {
    // Latin
    "references"sv, "reference"sv, "bibliography"sv, "works cited"sv, "sources"sv,
    "literature"sv, "literature cited"sv, "references cited"sv, "cited literature"sv,
    "sources and literature"sv, "sources and references"sv, "list of references"sv,
    "reference list"sv, "bibliographie"sv, "références"sv, "références bibliographiques"sv,
    "bibliografía"sv, "referencias"sv, "referencias bibliográficas"sv, "bibliografia"sv,
    "referências"sv, "referências bibliográficas"sv, "riferimenti bibliografici"sv,
    "literaturverzeichnis"sv, "literatur"sv, "quellen"sv, "quellenverzeichnis"sv,
    "kaynakça"sv, "kaynaklar"sv, "kaynakca"sv, "literatuur"sv, "literatuurlijst"sv,
    "bibliografi"sv, "daftar pustaka"sv, "pustaka"sv, "literatura"sv, "bibliografie"sv,
    "źródła"sv, "piśmiennictwo"sv, "irodalom"sv, "kirjallisuus"sv, "lähteet"sv,
    "ədəbiyyat"sv, "istifadə olunmuş ədəbiyyat"sv, "adabiyotlar"sv, "tài liệu tham khảo"sv,
    "ədəbiyyat siyahısı"sv, "foydalanilgan adabiyotlar"sv, "adabiyotlar ro'yxati"sv,
    "mənbələr"sv, "istifadə edilmiş ədəbiyyat"sv, "manbalar"sv, "foydalanilgan manbalar"sv,
    "bibliyografya"sv, "kaynak listesi"sv,
    // Malay and Indonesian, Scandinavian, Dutch, Finnish, Hungarian, Lithuanian, Croatian
    "rujukan"sv, "daftar rujukan"sv, "referensi"sv, "daftar referensi"sv, "referenser"sv,
    "litteraturförteckning"sv, "källor"sv, "källförteckning"sv, "referanser"sv, "litteraturliste"sv,
    "kilder"sv, "litteraturfortegnelse"sv, "referencer"sv, "bronnen"sv, "referenties"sv,
    "bronvermelding"sv, "viitteet"sv, "lähdeluettelo"sv, "hivatkozott irodalom"sv, "források"sv,
    "literatūros sąrašas"sv, "šaltiniai"sv, "izvori"sv,
    // Spanish, Portuguese, Italian, Romanian: cited or consulted works
    "literatura citada"sv, "literatura consultada"sv, "bibliografía citada"sv,
    "bibliografía consultada"sv, "obras citadas"sv, "obras consultadas"sv,
    "referencias citadas"sv, "referências citadas"sv, "fuentes"sv, "fontes"sv,
    "bibliografia citata"sv, "opere citate"sv, "fonti"sv, "riferimenti"sv, "referințe"sv,
    "referințe bibliografice"sv, "ouvrages cités"sv, "travaux cités"sv,
    // Polish, Czech, Slovak, Slovene, Croatian, Serbian (Latin), Hungarian, Baltic
    "literatura cytowana"sv, "cytowana literatura"sv, "wykaz literatury"sv, "spis literatury"sv,
    "použitá literatura"sv, "seznam literatury"sv, "seznam použité literatury"sv,
    "literatúra"sv, "použitá literatúra"sv, "zoznam literatúry"sv,
    "zoznam použitej literatúry"sv, "viri"sv, "popis literature"sv, "korištena literatura"sv,
    "korišćena literatura"sv, "felhasznált irodalom"sv, "irodalomjegyzék"sv,
    "hivatkozások"sv, "izmantotā literatūra"sv, "kirjandus"sv,
    // German
    "zitierte literatur"sv, "literaturangaben"sv, "literaturliste"sv,
    "quellen und literatur"sv, "quellen und literaturverzeichnis"sv,
    "литература"sv, "список литературы"sv, "список использованной литературы"sv,
    "использованная литература"sv, "библиография"sv, "источники"sv,
    "список использованных источников"sv, "список использованных источников и литературы"sv,
    "использованные источники"sv,
    "литературы"sv, "источников"sv, "список источников и литературы"sv,
    "використаної літератури"sv, "список використаної літератури"sv, "літератури"sv, "джерел"sv,
    "список источников"sv, "источники и литература"sv, "література"sv,
    "список використаних джерел"sv, "використана література"sv, "джерела"sv,
    "библиографија"sv, "литература и извори"sv, "извори"sv, "әдебиеттер"sv,
    "цитированная литература"sv, "литературные ссылки"sv, "библиографический список"sv,
    "список литературных источников"sv, "список літератури"sv, "цитована література"sv,
    "використані джерела"sv, "джерела та література"sv, "бібліографія"sv,
    "използвана литература"sv, "цитирана литература"sv,
    "коришћена литература"sv, "користена литература"sv, "літаратура"sv,
    "спіс літаратуры"sv, "спіс выкарыстанай літаратуры"sv, "пайдаланылған әдебиеттер"sv,
    // Kazakh, Kyrgyz, Uzbek (Cyrillic), Tatar
    "әдебиеттер тізімі"sv, "пайдаланылған әдебиеттер тізімі"sv, "адабияттар"sv,
    "колдонулган адабияттар"sv, "адабиётлар"sv, "фойдаланилган адабиётлар"sv,
    "адабиётлар рўйхати"sv, "әдәбият"sv, "файдаланылган әдәбият"sv,
    // Tajik, Mongolian
    "адабиёт"sv, "адабиёти истифодашуда"sv, "рӯйхати адабиёт"sv, "ном зүй"sv, "ашигласан ном зүй"sv,
    "ашигласан материал"sv, "ашигласан хэвлэл"sv,
    // Arabic script (Arabic, Persian, Urdu)
    "المصادر"sv, "المراجع"sv, "المصادر والمراجع"sv, "قائمة المصادر"sv, "قائمة المراجع"sv,
    "قائمة المصادر والمراجع"sv, "المراجع العربية"sv, "المراجع الأجنبية"sv, "المصادر العربية"sv,
    "المصادر الاجنبية"sv, "المصادر الأجنبية"sv, "الهوامش والمصادر"sv, "ثبت المصادر"sv,
    "منابع"sv, "منابع و مآخذ"sv, "فهرست منابع"sv, "کتابنامه"sv, "مآخذ"sv, "كتابنامه"sv,
    "منابع فارسی"sv, "منابع انگلیسی"sv, "کتابیات"sv, "حوالہ جات"sv,
    "مراجع"sv, "مصادر"sv, "المراجع والمصادر"sv, "قائمة المراجع والمصادر"sv, "الببليوغرافيا"sv,
    "البيبليوغرافيا"sv, "منابع و مراجع"sv, "فهرست منابع و مآخذ"sv,
    // Kurdish (Sorani), Pashto
    "سەرچاوەکان"sv, "سەرچاوە"sv, "لیستی سەرچاوەکان"sv, "ماخذونه"sv, "سرچینې"sv,
    // Georgian
    "ლიტერატურა"sv, "გამოყენებული ლიტერატურა"sv, "ბიბლიოგრაფია"sv, "წყაროები"sv,
    "გამოყენებული წყაროები"sv, "წყაროები და ლიტერატურა"sv, "ციტირებული ლიტერატურა"sv,
    "დამოწმებული ლიტერატურა"sv, "ლიტერატურის სია"sv,
    // Armenian
    "գրականություն"sv, "օգտագործված գրականություն"sv, "մատենագիտություն"sv,
    "աղբյուրներ"sv, "գրականության ցանկ"sv, "հղումներ"sv, "մեջբերված գրականություն"sv,
    // Greek
    "βιβλιογραφία"sv, "αναφορές"sv, "πηγές"sv,
    // Hebrew
    "ביבליוגרפיה"sv, "מקורות"sv, "רשימת מקורות"sv, "מראי מקום"sv, "ספרות"sv, "רשימת ספרות"sv,
    // CJK, Korean
    "参考文献"sv, "參考文獻"sv, "引用文献"sv, "参考資料"sv, "참고문헌"sv, "参考书目"sv, "참고 문헌"sv,
    // Indic, Thai
    "संदर्भ"sv, "संदर्भ सूची"sv, "ग्रंथ सूची"sv, "सन्दर्भ"sv, "सन्दर्भ सूची"sv, "संदर्भ ग्रंथ सूची"sv,
    "ग्रंथसूची"sv, "সূত্র"sv, "তথ্যসূত্র"sv, "บรรณานุกรม"sv,
    "เอกสารอ้างอิง"sv,
};

constexpr std::array kHeadingFillers = {
    "list"sv, "of"sv, "the"sv, "and"sv, "selected"sv, "cited"sv, "used"sv, "part"sv,
    "a"sv, "b"sv, "i"sv, "ii"sv, "iii"sv, "iv"sv, "section"sv, "chapter"sv,
    "arabic"sv, "foreign"sv, "english"sv, "primary"sv, "secondary"sv, "other"sv,
    "قائمة"sv, "ثبت"sv, "اولا"sv, "ثانيا"sv, "ثالثا"sv, "رابعا"sv, "خامسا"sv, "العربية"sv,
    "الاجنبية"sv, "الانجليزية"sv, "الانكليزية"sv, "باللغة"sv, "الكتب"sv, "الكتب العربية"sv,
    "المجلات"sv, "الدوريات"sv, "البحوث"sv, "الرسائل"sv, "والاطاريح"sv, "الاطاريح"sv,
    "المواقع"sv, "الالكترونية"sv, "الانترنت"sv, "و"sv, "فهرست"sv, "فارسی"sv, "انگلیسی"sv,
    "لاتین"sv, "عربی"sv, "список"sv, "использованной"sv, "использованных"sv, "основная"sv,
    "дополнительная"sv, "на"sv, "русском"sv, "иностранных"sv, "языках"sv, "языке"sv,
    "и"sv, "გამოყენებული"sv, "ქართულ"sv, "ენაზე"sv, "უცხოენოვანი"sv, "უცხოურ"sv,
    "ქართული"sv, "და"sv, "ინგლისურ"sv, "რუსულ"sv, "ენებზე"sv, "ძირითადი"sv,
    "დამატებითი"sv, "օգտագործված"sv, "verwendete"sv, "türkçe"sv, "ingilizce"sv,
    "yabancı"sv, "çalışmalar"sv, "books"sv, "articles"sv, "journal"sv, "reports"sv,
    "online"sv, "web"sv, "internet"sv, "archival"sv, "documents"sv, "further"sv,
    "reading"sv, "recommended"sv, "bibliographic"sv, "bibliographical"sv, "websites"sv,
    "theses"sv, "dissertations"sv, "sources"sv, "archives"sv, "newspapers"sv, "legislation"sv,
    "cases"sv, "laws"sv, "electronic"sv, "resources"sv, "chapters"sv, "official"sv,
    "والمجلات"sv, "والدوريات"sv, "المقالات"sv, "والمقالات"sv, "والبحوث"sv, "والرسائل"sv,
    "الجامعية"sv, "الوثائق"sv, "والوثائق"sv, "التقارير"sv, "والتقارير"sv, "الصحف"sv,
    "والصحف"sv, "الاجنبيه"sv, "المنشورة"sv, "غير"sv, "الرسمية"sv, "والاطاريح"sv, "المصادر"sv,
    "المراجع"sv, "ثانيا"sv, "سادسا"sv, "كتب"sv, "مقالات"sv, "مجلات"sv, "مواقع"sv, "الكترونية"sv,
    "книги"sv, "статьи"sv, "монографии"sv, "источники"sv, "литература"sv, "интернет-ресурсы"sv,
    "ресурсы"sv, "электронные"sv, "архивные"sv, "документы"sv, "წიგნები"sv, "სტატიები"sv,
    "ელექტრონული"sv, "რესურსები"sv, "ქართულენოვანი"sv, "უცხოენოვანი"sv, "რუსულენოვანი"sv,
    "ინგლისურენოვანი"sv, "ქართულ"sv, "უცხოურ"sv, "ლიტერატურა"sv, "წყაროები"sv, "გამოცემები"sv, "საარქივო"sv, "დოკუმენტები"sv, "kitaplar"sv, "makaleler"sv,
    "tezler"sv, "kaynaklar"sv, "internet"sv, "الفرنسية"sv, "بالفرنسية"sv, "والمعربة"sv, "المعربة"sv,
    "المترجمة"sv, "والمترجمة"sv, "باللغة"sv, "الإنجليزية"sv, "الانجليزية"sv, "الانكليزية"sv, "الالمانية"sv,
    "والانجليزية"sv, "والفرنسية"sv, "الاجنبيه"sv, "ouvrages"sv, "articles"sv, "rapports"sv, "thèses"sv,
};

constexpr std::array kBackMatter = {
    "appendix"sv, "appendices"sv, "annex"sv, "acknowledgements"sv, "acknowledgments"sv,
    "about the author"sv, "about the authors"sv, "author biography"sv, "biographies"sv,
    "notes on contributors"sv, "supplementary material"sv, "funding"sv,
    "conflict of interest"sv, "declaration of competing interest"sv, "index"sv,
    "الملاحق"sv, "ملحق"sv, "الملحق"sv, "ملاحق"sv, "شكر وتقدير"sv, "پیوست"sv,
    "приложение"sv, "приложения"sv, "დანართი"sv, "დანართები"sv, "հավելված"sv,
    "anhang"sv, "annexe"sv, "anexo"sv, "ek"sv, "ekler"sv, "附录"sv, "author information"sv,
    "information about the author"sv, "information about the authors"sv, "сведения об авторе"sv,
    "сведения об авторах"sv, "информация об авторе"sv, "информация об авторах"sv, "об авторе"sv,
    "об авторах"sv, "відомості про автора"sv, "відомості про авторів"sv, "ავტორის შესახებ"sv,
    "ავტორების შესახებ"sv, "معلومات عن الباحث"sv, "نبذة عن الكاتب"sv, "نبذة عن المؤلف"sv,
    "yazar hakkında"sv, "yazarlar hakkında"sv, "հեղինակի մասին"sv, "notes"sv, "endnotes"sv,
    "الهوامش"sv, "الحواشي"sv, "примечания"sv, "შენიშვნები"sv, "ծանոթագրություններ"sv, "notlar"sv,
    "پی‌نوشت‌ها"sv, "پی نوشت ها"sv, "یادداشت‌ها"sv,
    // Appendices, supplements, tables and figures set after the list (often with a label:
    // "Appendix 1", "Приложение А", "ملحق رقم 1", "Table 1").
    "apéndice"sv, "apéndices"sv, "apêndice"sv, "anexos"sv, "annexes"sv, "appendice"sv,
    "allegato"sv, "allegati"sv, "anlage"sv, "додаток"sv, "додатки"sv, "příloha"sv,
    "přílohy"sv, "príloha"sv, "prílohy"sv, "załącznik"sv, "załączniki"sv, "aneks"sv,
    "прилог"sv, "прилози"sv, "додатак"sv, "ملحقات"sv, "پیوست ها"sv, "پیوست‌ها"sv,
    "հավելվածներ"sv, "παράρτημα"sv, "נספח"sv, "נספחים"sv, "付録"sv, "부록"sv,
    "supplementary materials"sv, "supplementary information"sv, "supplementary data"sv,
    "supplemental material"sv, "supplemental materials"sv, "supporting information"sv,
    "дополнительные материалы"sv, "material suplementario"sv, "material suplementar"sv,
    "table"sv, "tables"sv, "figure"sv, "figures"sv, "figure captions"sv, "figure legends"sv,
    "table captions"sv, "tables and figures"sv, "figures and tables"sv, "tabla"sv, "tabela"sv,
    "tabelle"sv, "tableau"sv, "figura"sv, "abbildung"sv, "tablo"sv, "şekil"sv, "таблица"sv,
    "таблицы"sv, "рисунок"sv, "рисунки"sv, "таблиця"sv, "جدول"sv, "الجداول"sv,
    "شكل"sv, "الاشكال"sv, "ცხრილი"sv, "სურათი"sv, "աղյուսակ"sv, "նկար"sv,
};
// Words between a back-matter heading and its label: "Appendix No. 2", "ملحق رقم 1",
// "Приложение № 3" ("№" folds to "no").
constexpr std::array kHeadingLabelWords = {
    "no"sv, "nr"sv, "num"sv, "number"sv, "número"sv, "numero"sv, "nummer"sv, "номер"sv,
    "رقم"sv, "شماره"sv, "ნომერი"sv, "համար"sv,
};
// Lines that open what follows a list in a journal's layout: "Поступила в редакцию …",
// "Received: …", "تاريخ الاستلام …" (prefixes, by name_key words).
constexpr std::array kListTerminators = {
    "received"sv, "accepted"sv, "article history"sv, "corresponding author"sv, "поступила в редакцию"sv,
    "статья поступила"sv, "дата поступления"sv, "принята к публикации"sv, "надійшла до редакції"sv,
    "تاريخ الاستلام"sv, "تاريخ الاستلام"sv, "تاريخ القبول"sv, "تاريخ دریافت"sv, "تاریخ دریافت"sv,
    "მიღებულია"sv, "geliş tarihi"sv, "kabul tarihi"sv, "ստացվել է"sv, "e-mail"sv, "email"sv,
    "revised"sv, "published"sv, "published online"sv, "recibido"sv, "aceptado"sv, "recebido"sv,
    "aceito"sv, "reçu"sv, "accepté"sv, "eingegangen"sv, "angenommen"sv, "принята"sv,
    "прийнята до друку"sv, "تاريخ النشر"sv, "تاریخ پذیرش"sv, "yayın tarihi"sv,
};

constexpr std::array kConnectors = {
    "and"sv, "&"sv, "و"sv, "და"sv, "и"sv, "ve"sv, "und"sv, "et"sv, "y"sv, "e"sv, "i"sv,
    "en"sv, "och"sv, "og"sv, "a"sv, "és"sv, "ja"sv, "en"sv, "ו"sv, "और"sv, "и"sv, "եւ"sv,
    "և"sv, "και"sv, "dan"sv, "və"sv, "та"sv, "ва"sv, "va"sv, "ու"sv,
    // Lithuanian, Latvian, Romanian (both the comma-below and the cedilla ș).
    "ir"sv, "un"sv, "și"sv, "şi"sv,
    // Kazakh, Kyrgyz, Tatar; Turkish "ile" (with) joins two authors in running text; Urdu, Hindi.
    "және"sv, "жана"sv, "һәм"sv, "ile"sv, "اور"sv, "एवं"sv,
    // Belarusian and Ukrainian "і", Mongolian "ба".
    "і"sv, "ба"sv,
};

// Stored as name_key forms (letters only, folded).
constexpr std::array kEtAl = {
    "etal"sv, "etalii"sv, "etalia"sv, "vd"sv, "vdg"sv, "ve digerleri"sv, "ua"sv, "idr"sv, "واخرون"sv, "واخرين"sv, "وزملاوه"sv, "وهمکاران"sv,
    "وديگران"sv, "დასხვ"sv, "დასხვები"sv, "идр"sv, "итд"sv, "vear"sv, "vedig"sv, "vd"sv,
    "uandere"sv, "ua"sv, "etcoll"sv, "ecol"sv, "yotros"sv, "ycol"sv, "eoutros"sv,
    "ևայլք"sv, "եւայլք"sv, "ևայլն"sv, "καισυν"sv, "κα"sv, "ואחרים"sv, "等"sv, "ほか"sv, "외"sv,
    // Indonesian and Malay "dkk." (dan kawan-kawan), Swedish, Norwegian and Danish "m.fl.",
    // Estonian "jt", Lithuanian "ir kt.", Latvian "u.c.", Romanian "și colab.", Turkish "ve ark.".
    "dkk"sv, "mfl"sv, "jt"sv, "irkt"sv, "uc"sv, "sicolab"sv, "veark"sv,
    // Kazakh "т.б." and "және т.б.", Kyrgyz "ж.б.", Uzbek "va boshq.".
    "т.б."sv, "және т.б."sv, "ж.б."sv, "жана ж.б."sv, "va boshq."sv,
    // Urdu "وغیرہ", Tajik "ва дигарон", Serbian "и сар.", Kurdish "و هاوڕێیان", Hindi "आदि", "और अन्य".
    "وغیرہ"sv, "ва дигарон"sv, "и сар."sv, "و هاوڕێیان"sv, "आदि"sv, "और अन्य"sv, "एवं अन्य"sv,
    // Belarusian "і інш.", Ukrainian "і ін." and "та ін.", Macedonian "и сор.", Mongolian "нар", "ба бусад".
    "і інш."sv, "і ін."sv, "та ін."sv, "и сор."sv, "нар"sv, "ба бусад"sv,
};

constexpr std::array kNoDate = {
    "nd"sv, "sd"sv, "sf"sv, "бг"sv, "бд"sv, "دت"sv, "بدون تاريخ"sv, "بیتا"sv, "بی تا"sv,
    "უთ"sv, "tarihsiz"sv, "oj"sv, "ohnejahr"sv, "nodate"sv, "undated"sv,
};

// "In press" in place of a year, as name_key forms of the phrase's words run together (the
// citation tokenizer joins the words before it looks them up).
constexpr std::array kInPress = {
    "in press"sv, "inpress"sv, "forthcoming"sv, "no prelo"sv, "em prelo"sv, "en prensa"sv, "sous presse"sv,
    "à paraître"sv, "im Druck"sv, "in Druck"sv, "in stampa"sv, "w druku"sv, "in druk"sv, "v tisku"sv,
    "в печати"sv, "в печаті"sv, "у друці"sv, "в друці"sv, "baskıda"sv, "basımda"sv, "قيد النشر"sv,
    "تحت الطبع"sv, "زیر چاپ"sv, "در دست انتشار"sv, "იბეჭდება"sv, "გამოსაცემად"sv, "տպագրության մեջ"sv,
    "υπό έκδοση"sv, "בדפוס"sv,
};

constexpr std::array kYearContext = {
    "in"sv, "since"sv, "from"sv, "until"sv, "till"sv, "to"sv, "by"sv, "before"sv, "after"sv,
    "year"sv, "years"sv, "of"sv, "the"sv, "during"sv, "circa"sv, "ca"sv, "c"sv, "born"sv,
    "died"sv, "approx"sv, "est"sv, "on"sv, "at"sv, "between"sv, "around"sv,
    "عام"sv, "سنه"sv, "سنة"sv, "العام"sv, "منذ"sv, "في"sv, "حتي"sv, "حتى"sv, "الي"sv,
    "الى"sv, "من"sv, "بعد"sv, "قبل"sv, "خلال"sv, "لعام"sv, "لسنه"sv, "سال"sv, "در"sv,
    "از"sv, "تا"sv, "წელს"sv, "წლის"sv, "წელი"sv, "წლიდან"sv, "წლამდე"sv, "в"sv, "году"sv,
    "год"sv, "года"sv, "с"sv, "до"sv, "после"sv, "от"sv, "թվականին"sv, "թ"sv, "yılında"sv,
    "yili"sv, "yılı"sv, "im"sv, "jahr"sv, "seit"sv, "bis"sv, "en"sv, "año"sv, "desde"sv,
    "hasta"sv, "dans"sv, "depuis"sv, "vers"sv, "год"sv, "г"sv, "гг"sv, "established"sv, "founded"sv,
    "built"sv, "signed"sv, "adopted"sv, "ratified"sv, "elected"sv, "released"sv, "opened"sv,
    "est"sv, "estab"sv, "completed"sv, "constructed"sv, "enacted"sv, "amended"sv, "launched"sv,
    "мصوب"sv, "مصوب"sv, "مصوبه"sv, "تصویب"sv, "تاسیس"sv, "تأسيس"sv, "تاسس"sv, "تأسس"sv,
    "تأسست"sv, "تاسست"sv, "المؤسس"sv, "صدر"sv, "وقعت"sv, "توقيع"sv, "اعتمد"sv, "დაარსდა"sv,
    "დაარსებული"sv, "основан"sv, "основана"sv, "создан"sv, "принят"sv, "подписан"sv, "kuruluş"sv,
    "kuruldu"sv, "doğum"sv, "ölüm"sv, "d"sv, "ö"sv, "b"sv,
};

constexpr std::array kLocatorPrefixes = {
    "p"sv, "pp"sv, "pg"sv, "page"sv, "pages"sv, "s"sv, "ss"sv, "с"sv, "сс"sv, "стр"sv,
    "ص"sv, "صص"sv, "ص ص"sv, "صفحه"sv, "صفحة"sv, "გვ"sv, "էջ"sv, "σ"sv, "σσ"sv, "para"sv,
    "paras"sv, "chap"sv, "ch"sv, "vol"sv, "at"sv, "fol"sv, "f"sv, "ff"sv, "l"sv, "ll"sv,
    "bl"sv, "str"sv, "č"sv, "c"sv, "ج"sv, "مج"sv, "ق"sv, "ت"sv, "עמ"sv, "עמוד"sv, "页"sv, "арк"sv, "аркуш"sv, "л"sv, "лл"sv, "fol"sv, "ff"sv,
    "頁"sv, "ss"sv, "sf"sv, "sy"sv,
};

constexpr std::array kShorteners = {
    "bit.ly"sv, "bitly.com"sv, "t.co"sv, "tinyurl.com"sv, "goo.gl"sv, "ow.ly"sv, "is.gd"sv,
    "buff.ly"sv, "rb.gy"sv, "cutt.ly"sv, "shorturl.at"sv, "tiny.cc"sv, "lnkd.in"sv,
    "2u.pw"sv, "share.google"sv, "g.co"sv, "t.ly"sv, "v.gd"sv, "bl.ink"sv, "s.id"sv,
    "shorte.st"sv, "adf.ly"sv, "rebrand.ly"sv, "tr.im"sv, "x.co"sv, "qr.ae"sv, "bit.do"sv,
    "youtu.be"sv, "fb.me"sv, "amzn.to"sv, "wp.me"sv, "dlvr.it"sv, "ift.tt"sv, "trib.al"sv,
    "j.mp"sv, "tiny.one"sv, "short.gy"sv, "clck.ru"sv, "vk.cc"sv, "u.to"sv, "soo.gd"sv,
    "surl.li"sv, "shorturl.asia"sv, "urlz.fr"sv, "ln.run"sv, "aka.ms"sv, "db.tt"sv,
    "on.ft.com"sv, "nyti.ms"sv, "wapo.st"sv, "reut.rs"sv, "bbc.in"sv, "cnn.it"sv,
    "ti.me"sv, "econ.st"sv, "hubs.ly"sv, "mcaf.ee"sv, "pin.it"sv, "sco.lt"sv, "tinyurl.is"sv,
};

constexpr std::array kTracking = {
    "utm_*"sv, "fbclid"sv, "gclid"sv, "dclid"sv, "gclsrc"sv, "msclkid"sv, "mc_cid"sv,
    "mc_eid"sv, "yclid"sv, "_ga"sv, "_gl"sv, "igshid"sv, "mkt_tok"sv, "hsctatracking"sv,
    "_hsenc"sv, "_hsmi"sv, "oly_anon_id"sv, "oly_enc_id"sv, "vero_id"sv, "wickedid"sv,
    "twclid"sv, "ttclid"sv, "li_fat_id"sv, "s_kwcid"sv, "ef_id"sv, "spm"sv, "si"sv,
    "ref_src"sv, "ref_url"sv, "cmpid"sv, "ocid"sv, "sr_share"sv, "trk"sv, "trkcampaign"sv,
};

constexpr std::array kAccessWords = {
    "accessed"sv, "retrieved"sv, "viewed"sv, "consulted"sv, "last accessed"sv, "access"sv,
    "visited"sv, "erişim"sv, "erişim tarihi"sv, "zugriff"sv, "abgerufen"sv, "consulté"sv,
    "consultado"sv, "acceso"sv, "дата обращения"sv, "обращения"sv, "تاريخ الاسترداد"sv,
    "تاريخ الزيارة"sv, "تاريخ الدخول"sv, "تم الاطلاع"sv, "اطلع عليه"sv, "بازدید"sv,
    "ნანახია"sv, "გადამოწმებულია"sv, "მოძიებულია"sv, "تاریخ دسترسی"sv, "دسترسی در"sv, "تاریخ بازدید"sv,
    "дата звернення"sv, "звернено"sv,
};

}  // namespace

std::span<const std::string_view> reference_headings() { return kReferenceHeadings; }
std::span<const std::string_view> heading_fillers() { return kHeadingFillers; }
std::span<const std::string_view> back_matter_headings() { return kBackMatter; }
std::span<const std::string_view> list_terminators() { return kListTerminators; }
std::span<const std::string_view> heading_label_words() { return kHeadingLabelWords; }
std::span<const std::string_view> author_connectors() { return kConnectors; }
std::span<const std::string_view> et_al_markers() { return kEtAl; }
std::span<const std::string_view> no_date_markers() { return kNoDate; }
std::span<const std::string_view> year_context_words() { return kYearContext; }
std::span<const std::string_view> locator_prefixes() { return kLocatorPrefixes; }
std::span<const std::string_view> url_shortener_hosts() { return kShorteners; }
std::span<const std::string_view> tracking_parameters() { return kTracking; }
std::span<const std::string_view> access_date_words() { return kAccessWords; }

bool is_tracking_parameter(std::string_view name) {
  for (auto t : kTracking)
    if (t.back() == '*' ? name.substr(0, t.size() - 1) == t.substr(0, t.size() - 1) : name == t) return true;
  return false;
}

// Every locale's month names come from ICU (parsers/dates): no hand table to fall behind.
int month_number(std::string_view key) { return month_of_name_key(key); }

}  // namespace citecheck::tables

namespace citecheck::tables {
namespace {
using namespace std::string_view_literals;
// Abbreviations that open a place or a title, never an author: "(St. Louis, 1918)".
constexpr std::array kNotAuthorAbbreviations = {
    "st"sv, "mt"sv, "ft"sv, "dr"sv, "mr"sv, "mrs"sv, "ms"sv, "prof"sv, "gen"sv, "col"sv,
    "sen"sv, "rep"sv, "gov"sv, "pres"sv, "lt"sv, "capt"sv, "hon"sv, "rev"sv, "sgt"sv,
};
constexpr std::array kCitationPrefixes = {
    "see"sv, "see also"sv, "cf"sv, "eg"sv, "ie"sv, "compare"sv, "quoted in"sv, "cited in"sv,
    "after"sv, "following"sv, "انظر"sv, "ينظر"sv, "راجع"sv, "نقلا عن"sv, "نك"sv, "ر"sv,
    "იხ"sv, "იხილეთ"sv, "მაგ"sv, "მაგალითად"sv, "შდრ"sv, "см"sv, "см также"sv, "ср"sv, "цит по"sv, "vgl"sv, "siehe"sv,
    "bkz"sv, "krş"sv, "voir"sv, "véase"sv, "ver"sv, "տես"sv, "βλ"sv, "ר"sv, "ראו"sv, "ראו גם"sv,
    "ר גם"sv, "השוו"sv, "bax"sv, "həmçinin bax"sv, "див"sv, "див також"sv, "порівн"sv, "انظر ايضا"sv,
    "انظر أيضا"sv, "see e g"sv, "see for example"sv, "for example"sv,
    "رک"sv, "نگاه کنید به"sv,
};
// "Freire apud Silva, 2008", "Marx, citado por Harvey, 2010": the work after the marker is the
// one the writer read and listed; the one before it is named, not listed.
constexpr std::array kSecondarySourceMarkers = {
    "apud"sv, "cited in"sv, "quoted in"sv, "cited by"sv, "as cited in"sv, "citado por"sv, "citada por"sv,
    "citado en"sv, "citada en"sv, "cit por"sv, "cité par"sv, "cité dans"sv, "zit nach"sv, "zitiert nach"sv,
    "citato in"sv, "цит по"sv, "цит за"sv, "نقلا عن"sv, "به نقل از"sv, "aktaran"sv,
};
}  // namespace
std::span<const std::string_view> citation_prefixes() { return kCitationPrefixes; }
std::span<const std::string_view> secondary_source_markers() { return kSecondarySourceMarkers; }
bool is_not_author_abbreviation_key(std::string_view key) {
  static const std::unordered_set<std::string_view> s(kNotAuthorAbbreviations.begin(), kNotAuthorAbbreviations.end());
  return s.count(key) > 0;
}
}  // namespace citecheck::tables

namespace citecheck::tables {
namespace {
struct TransparentHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using KeySet = std::unordered_set<std::string, TransparentHash, std::equal_to<>>;
KeySet keyed(std::span<const std::string_view> rows) {
  KeySet s;
  for (auto r : rows) {
    std::string k = name_key(r);
    s.insert(k.empty() ? std::string(r) : k);  // "&" has no letters: kept as printed
  }
  return s;
}
}  // namespace
bool is_et_al_key(std::string_view key) {
  static const KeySet s = keyed(et_al_markers());
  return s.find(key) != s.end();
}
bool is_et_al_marker(std::string_view printed, std::string_view key) {
  if (!is_et_al_key(key)) return false;
  std::size_t k = 0;
  return code_point_count(key) > 3 || printed.empty() || !is_upper(next_code_point(printed, k));
}
bool is_no_date_key(std::string_view key) {
  static const KeySet s = keyed(no_date_markers());
  return s.find(key) != s.end();
}
bool is_in_press_key(std::string_view key) {
  static const KeySet s = keyed(kInPress);
  return s.find(key) != s.end();
}
std::span<const std::string_view> in_press_markers() { return kInPress; }
bool is_year_context_key(std::string_view key) {
  static const KeySet s = keyed(year_context_words());
  return s.find(key) != s.end();
}
bool is_locator_prefix_key(std::string_view key) {
  static const KeySet s = keyed(locator_prefixes());
  return s.find(key) != s.end();
}
bool is_citation_prefix_key(std::string_view key) {
  static const KeySet s = keyed(citation_prefixes());
  return s.find(key) != s.end();
}
bool is_secondary_source_key(std::string_view key) {
  static const KeySet s = keyed(secondary_source_markers());
  return s.find(key) != s.end();
}
bool is_connector_key(std::string_view key) {
  static const KeySet s = keyed(author_connectors());
  return s.find(key) != s.end();
}
}  // namespace citecheck::tables

namespace citecheck::tables {
namespace {
using namespace std::string_view_literals;
constexpr std::array kEraMarkers = {
    "هـ"sv, "ه"sv, "ھ"sv, "ق"sv, "هق"sv, "ش"sv, "هش"sv, "م"sv, "г"sv, "гг"sv, "წ"sv, "թ"sv,
    "ad"sv, "ce"sv, "bc"sv, "bce"sv, "ah"sv, "sh"sv,
};
}  // namespace
bool is_era_marker_key(std::string_view key) {
  static const KeySet s = keyed(kEraMarkers);
  return s.find(key) != s.end();
}
}  // namespace citecheck::tables

namespace citecheck::tables {
namespace {
using namespace std::string_view_literals;
constexpr std::array kOrganisationWords = {
    // Latin
    "institute"sv, "institution"sv, "center"sv, "centre"sv, "university"sv, "college"sv,
    "academy"sv, "association"sv, "society"sv, "organisation"sv, "organization"sv, "agency"sv,
    "bank"sv, "ministry"sv, "department"sv, "office"sv, "council"sv, "commission"sv,
    "committee"sv, "group"sv, "foundation"sv, "fund"sv, "trust"sv, "programme"sv, "program"sv,
    "service"sv, "news"sv, "press"sv, "times"sv, "gazette"sv, "tracker"sv, "platform"sv,
    "network"sv, "project"sv, "union"sv, "league"sv, "federation"sv, "court"sv, "parliament"sv,
    "government"sv, "international"sv, "national"sv, "nations"sv, "statistics"sv, "bureau"sv,
    "board"sv, "authority"sv, "company"sv, "corporation"sv, "inc"sv, "ltd"sv, "llc"sv, "observatory"sv,
    "watch"sv, "forum"sv, "institut"sv, "zentrum"sv, "universitat"sv, "ministerium"sv, "amt"sv,
    "bundesamt"sv, "universite"sv, "ministere"sv, "instituto"sv, "centro"sv, "universidad"sv,
    "ministerio"sv, "commissariat"sv, "hautcommissariat"sv, "conseil"sv, "cour"sv, "direction"sv,
    "directorate"sv, "observatoire"sv, "agence"sv, "secretariat"sv, "délégation"sv, "delegation"sv,
    "reuters"sv, "bbc"sv, "unesco"sv, "unicef"sv, "oecd"sv, "who"sv, "imf"sv,
    // Turkish, Azerbaijani
    "kurumu"sv, "baskanligi"sv, "bakanligi"sv, "universitesi"sv, "enstitusu"sv, "merkezi"sv,
    "gazetesi"sv, "platformu"sv, "dernegi"sv, "vakfi"sv, "haber"sv, "ajansi"sv, "institutu"sv,
    // Cyrillic
    "институт"sv, "центр"sv, "университет"sv, "министерство"sv, "служба"sv, "агентство"sv,
    "комитет"sv, "фонд"sv, "росстат"sv, "управление"sv, "академия"sv, "банк"sv, "совет"sv,
    "федеральная"sv, "федеральный"sv, "ооо"sv, "оао"sv,
    // Arabic, Persian
    "مركز"sv, "المركز"sv, "معهد"sv, "جامعه"sv, "الجامعه"sv, "وزاره"sv, "منظمه"sv, "المنظمه"sv,
    "هيئه"sv, "الهيئه"sv, "موسسه"sv, "الموسسه"sv, "مجلس"sv, "لجنه"sv, "اللجنه"sv, "البنك"sv,
    "بنك"sv, "وكاله"sv, "المندوبيه"sv, "مندوبيه"sv, "المديريه"sv, "مديريه"sv, "الامانه"sv, "ديوان"sv,
    "المرصد"sv, "مرصد"sv, "المجلس"sv, "المحكمه"sv, "محكمه"sv, "الوكاله"sv, "مؤسسه"sv, "جمعيه"sv,
    "الجمعيه"sv, "اتحاد"sv, "الاتحاد"sv, "صندوق"sv, "الصندوق"sv, "مرکز"sv, "دانشگاه"sv, "وزارت"sv, "سازمان"sv, "پژوهشکده"sv,
    "پژوهشگاه"sv, "خبرگزاری"sv,
    // Georgian, Armenian
    "ინსტიტუტი"sv, "ცენტრი"sv, "უნივერსიტეტი"sv, "სამინისტრო"sv, "ორგანიზაცია"sv,
    "ფონდი"sv, "სამსახური"sv, "ინსტიტუტ"sv, "ինստիտուտ"sv, "կենտրոն"sv, "համալսարան"sv,
    "նախարարություն"sv,
};
}  // namespace
bool is_organisation_word_key(std::string_view key) {
  static const KeySet s = keyed(kOrganisationWords);
  return s.find(key) != s.end();
}
}  // namespace citecheck::tables

namespace citecheck::tables {
namespace {
using namespace std::string_view_literals;
constexpr std::array kUnits = {
    "m"sv, "km"sv, "cm"sv, "mm"sv, "kg"sv, "ha"sv, "ft"sv, "mi"sv, "in"sv, "x"sv, "y"sv, "z"sv,
    "n"sv, "r"sv, "t"sv, "f"sv, "p"sv, "χ"sv, "σ"sv, "μ"sv, "kw"sv, "mw"sv, "gw"sv, "kwh"sv,
    "co"sv, "no"sv, "so"sv, "h"sv, "o"sv, "ch"sv, "nh"sv, "pm"sv, "ml"sv, "dl"sv, "mg"sv,
    "كم"sv, "كلم"sv, "سم"sv, "مم"sv, "م"sv, "كغ"sv, "كجم"sv, "هكتار"sv, "×"sv, "км"sv, "см"sv,
    "мм"sv, "м"sv, "кг"sv, "га"sv, "კმ"sv, "მ"sv, "სმ"sv, "կմ"sv, "մ"sv, "սմ"sv, "کیلومتر"sv,
};
}  // namespace
bool is_unit_key(std::string_view key) {
  static const KeySet s = keyed(kUnits);
  return s.find(key) != s.end();
}
}  // namespace citecheck::tables

namespace citecheck::tables {
namespace {
using namespace std::string_view_literals;
constexpr std::array kNotesHeadings = {
    "notes"sv, "endnotes"sv, "footnotes"sv, "الهوامش"sv, "الحواشي"sv, "هوامش"sv, "الهوامش والتعليقات"sv,
    "الهوامش والاحالات"sv, "الإحالات"sv, "примечания"sv, "сноски"sv, "примітки"sv, "შენიშვნები"sv,
    "ծանոթագրություններ"sv, "notlar"sv, "sonnotlar"sv, "پی‌نوشت‌ها"sv, "پی نوشت ها"sv, "یادداشت‌ها"sv,
    "anmerkungen"sv, "fußnoten"sv, "σημειώσεις"sv, "הערות"sv, "注释"sv, "注"sv,
};
}  // namespace
std::span<const std::string_view> notes_headings() { return kNotesHeadings; }
bool is_notes_heading_key(std::string_view key) {
  static const KeySet s = keyed(kNotesHeadings);
  return s.find(key) != s.end();
}
}  // namespace citecheck::tables
