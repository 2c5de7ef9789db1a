#include "parsers/learned/field_features.hpp"

#include <algorithm>

#include "parsers/unicode_text.hpp"

namespace citecheck {

const std::vector<std::string>& field_label_names() {
  static const std::vector<std::string> names{"other",  "author", "year",  "title",     "container",
                                              "editor", "volume", "issue", "pages",     "publisher",
                                              "place",  "doi",    "url",   "identifier", "type"};
  return names;
}

namespace {

// Marks by what they do in an entry, whatever the script prints for them.
std::uint8_t mark_shape(char32_t cp) {
  switch (cp) {
    case '.': case 0x06D4: case 0x3002: return 1;
    case ',': case 0x060C: case 0x3001: case 0xFF0C: return 2;
    case ';': case 0x061B: return 3;
    case ':': case 0xFF1A: return 4;
    case '(': case 0xFF08: return 5;
    case ')': case 0xFF09: return 6;
    case '[': case '{': return 7;
    case ']': case '}': return 8;
    case '-': case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212: return 9;
    case 0x201C: case 0x201E: case 0x00AB: case 0x2018: case 0x300C: return 10;
    case 0x201D: case 0x00BB: case 0x2019: case 0x300D: return 11;
    case '"': return 12;
    case '\'': return 13;
    case '/': return 14;
    case '&': return 15;
    case '?': case '!': case 0x061F: return 16;
    default: return 17;
  }
}

std::uint8_t length_bucket(unsigned n) { return n <= 1 ? 0 : n == 2 ? 1 : n == 3 ? 2 : n <= 5 ? 3 : n <= 8 ? 4 : 5; }

std::uint32_t fnv(std::string_view s) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c + 32);
    h ^= c;
    h *= 16777619u;
  }
  return h | 1u;  // never 0 ("no word")
}

std::uint8_t link_shape(LinkKind k) {
  switch (k) {
    case LinkKind::Url: return 1;
    case LinkKind::Doi: return 2;
    case LinkKind::Isbn: return 3;
    case LinkKind::Email: return 4;
  }
  return 0;
}

}  // namespace

std::vector<FieldToken> field_tokens(std::string_view text, const std::vector<FoundIdentifier>& ids,
                                     std::size_t max_bytes) {
  std::vector<FieldToken> out;
  const std::size_t limit = std::min(text.size(), max_bytes);
  std::size_t next_id = 0;
  bool space = false;
  for (std::size_t i = 0; i < limit;) {
    while (next_id < ids.size() && ids[next_id].bytes.end <= i) ++next_id;
    if (next_id < ids.size() && ids[next_id].bytes.begin <= i) {
      FieldToken t;
      t.begin = static_cast<std::uint32_t>(i);
      t.end = static_cast<std::uint32_t>(std::min(ids[next_id].bytes.end, text.size()));
      t.kind = TokenKind::Link;
      t.shape = link_shape(ids[next_id].kind);
      t.space_before = space;
      space = false;
      out.push_back(t);
      i = t.end;
      continue;
    }
    std::size_t k = i;
    char32_t cp = next_code_point(text, k);
    if (cp == ' ' || cp == '\n' || cp == '\t' || cp == '\f' || cp == '\r' || is_space(cp)) {
      space = true;
      i = k;
      continue;
    }
    FieldToken t;
    t.begin = static_cast<std::uint32_t>(i);
    t.space_before = space;
    space = false;
    if (is_word_char(cp)) {
      // A letter run (marks included): its case pattern and length.
      unsigned letters = 0, upper = 0, lower = 0;
      bool first_upper = is_upper(cp), first_lower = is_lower_in_cased_script(cp);
      std::size_t e = i;
      bool prev_lower = false;
      while (e < limit) {
        std::size_t q = e;
        char32_t c = next_code_point(text, q);
        if (!is_word_char(c)) break;
        // "isotopesBraz. J. Phys.", "inAmerican", "networksarXiv": a PDF extraction drops the
        // space between fields, and a small letter then a capital is where it stood, after
        // three letters or two small ones (not "McDonald"), as is the start of "arXiv". Each
        // side is then a token of its own, labelled on its own.
        if (prev_lower && is_upper(c) && (letters >= 3 || (letters == 2 && !first_upper && text.substr(i, 5) != "arXiv")))
          break;
        if (c == 'a' && letters >= 3 && text.substr(e, 5) == "arXiv") break;
        prev_lower = c < 0x80 ? (c >= 'a' && c <= 'z') : is_lower_in_cased_script(c);
        if (is_letter(c)) {
          ++letters;
          if (is_upper(c)) ++upper;
          else if (c < 0x80 ? (c >= 'a' && c <= 'z') : is_lower_in_cased_script(c)) ++lower;
        }
        e = q;
      }
      std::uint8_t casing = first_upper ? (upper == 1 ? 0 : upper == letters ? 1 : 4) : first_lower ? 2 : 3;
      if (first_upper && letters == 1) casing = 5;  // an initial
      t.kind = TokenKind::Word;
      t.shape = static_cast<std::uint8_t>(casing * 8 + length_bucket(letters));
      t.end = static_cast<std::uint32_t>(e);
      if (e - i <= 16) t.word_hash = fnv(text.substr(i, e - i));
    } else if (is_digit(cp)) {
      unsigned digits = 0, value = 0;
      std::size_t e = i;
      while (e < limit) {
        std::size_t q = e;
        char32_t c = next_code_point(text, q);
        int d = digit_value(c);
        if (d < 0) break;
        ++digits;
        if (digits <= 6) value = value * 10 + static_cast<unsigned>(d);
        e = q;
      }
      bool year = digits == 4 && value >= 1300 && value <= 2099;
      bool leading_zero = digit_value(cp) == 0 && digits > 1;
      t.kind = TokenKind::Number;
      t.shape = static_cast<std::uint8_t>(std::min(digits, 7u) * 4 + (year ? 1 : 0) + (leading_zero ? 2 : 0));
      t.end = static_cast<std::uint32_t>(e);
    } else {
      t.kind = TokenKind::Mark;
      t.shape = mark_shape(cp);
      t.end = static_cast<std::uint32_t>(k);
    }
    out.push_back(t);
    i = t.end;
  }
  return out;
}

namespace {

enum Template : std::uint32_t {
  kBias = 1, kShape, kPrev, kNext, kPrev2, kNext2, kPrevCur, kCurNext, kSpaces, kIndex, kDecile, kStops,
  kCommas, kYears, kBrackets, kStopsYears, kWord, kPrevWord, kNextWord, kShapeStops, kInSegment, kToEnd,
  kWordStops, kShapeBrackets, kSegmentLength, kSegmentLeft, kToNumber, kChunkLength, kChunkShape, kChunkNames, kTri, kCurNextNames, kWordPrev, kNextChunk, kPrevChunk
};

std::uint32_t shape_of(const FieldToken& t) { return static_cast<std::uint32_t>(t.kind) * 256 + t.shape; }

std::uint32_t index_bucket(std::size_t i) {
  return i <= 3 ? static_cast<std::uint32_t>(i) : i <= 6 ? 4 : i <= 10 ? 5 : i <= 15 ? 6 : i <= 25 ? 7 : i <= 40 ? 8 : 9;
}

}  // namespace

void field_features(const std::vector<FieldToken>& tokens, std::uint32_t buckets, std::vector<FeatureList>& out) {
  std::vector<std::uint32_t> flat, offsets;
  field_features(tokens, buckets, flat, offsets);
  out.resize(tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) out[i].assign(flat.begin() + offsets[i], flat.begin() + offsets[i + 1]);
}

void field_features(const std::vector<FieldToken>& tokens, std::uint32_t buckets, std::vector<std::uint32_t>& f,
                    std::vector<std::uint32_t>& offsets) {
  const std::size_t n = tokens.size();
  f.clear();
  f.reserve(n * 31);
  offsets.assign(1, 0);
  // What lies ahead of each token, which the counts below (marks before it) cannot say: how
  // long its segment (up to the next full stop that ends a word, not an initial) and its chunk
  // (up to the next comma or full stop) run, and how far the next number is. A title is a long
  // segment; a container's chunk ends at its volume number.
  std::vector<std::uint32_t> segment_end(n), chunk_end(n), next_number(n);
  // Per chunk, what its words look like: an initial ("J." or "J"), a capitalised word, or a
  // word in lower case. "Smith, J." and "J. Smith" are names; "the role of …" is not.
  std::vector<std::uint8_t> chunk_words(n + 1, 0);  // by the index of the mark that ends the chunk
  {
    std::size_t seg = n, chunk = n, number = n;
    for (std::size_t i = n; i-- > 0;) {
      const FieldToken& t = tokens[i];
      if (t.kind == TokenKind::Mark && t.shape == 1) {
        const FieldToken* p = i >= 1 ? &tokens[i - 1] : nullptr;
        if (!(p && p->kind == TokenKind::Word && (p->shape & 7) == 0)) seg = i;
        chunk = i;
      } else if (t.kind == TokenKind::Mark && (t.shape == 2 || t.shape == 3)) {
        chunk = i;
      }
      if (t.kind == TokenKind::Word) {
        const unsigned casing = t.shape / 8;
        chunk_words[chunk] |= casing == 5 ? 1 : casing == 0 ? 2 : casing == 2 ? 4 : 0;
      }
      if (t.kind == TokenKind::Number) number = i;
      segment_end[i] = static_cast<std::uint32_t>(seg);
      chunk_end[i] = static_cast<std::uint32_t>(chunk);
      next_number[i] = static_cast<std::uint32_t>(number);
    }
  }
  std::size_t segment_begin = 0, chunk_begin = 0, prev_chunk_begin = 0;
  // The full stop, comma or semicolon at `mark` ends a chunk.
  auto next_chunk = [&](std::size_t mark) {
    prev_chunk_begin = chunk_begin;
    chunk_begin = mark + 1;
  };
  // A ' or ’ inside a word (O'Donnell, l’État) is an apostrophe, not a quote.
  auto apostrophe = [&](std::size_t i) {
    return i >= 1 && i + 1 < n && !tokens[i].space_before && tokens[i - 1].kind == TokenKind::Word &&
           !tokens[i + 1].space_before && tokens[i + 1].kind == TokenKind::Word;
  };
  // What the marks before each token say: segments ended by a full stop after a word of two
  // letters or more (not an initial), commas, years, open brackets and quotes.
  std::uint32_t stops = 0, commas = 0, years = 0, in_segment = 0;
  int paren = 0;
  bool quoted = false;
  constexpr std::uint32_t kNone = 0xFFFF;
  for (std::size_t i = 0; i < n; ++i) {
    const FieldToken& t = tokens[i];
    // Inlined at each use, where the template is a constant: its half of the hash is then
    // worked out when compiling (a call per feature cost a fifth of the tagger's time).
    auto emit = [&](std::uint32_t templ, std::uint32_t value) __attribute__((always_inline)) {
      f.push_back(feature_hash(templ, value, buckets));
    };
    const std::uint32_t cur = shape_of(t);
    const std::uint32_t prev = i >= 1 ? shape_of(tokens[i - 1]) : kNone, next = i + 1 < n ? shape_of(tokens[i + 1]) : kNone;
    const std::uint32_t stop_b = std::min(stops, 7u), year_b = std::min(years, 2u);
    const std::uint32_t brackets = (paren > 0 ? 1u : 0u) + (quoted ? 2u : 0u);
    emit(kBias, 0);
    emit(kShape, cur);
    emit(kPrev, prev);
    emit(kNext, next);
    emit(kPrev2, i >= 2 ? shape_of(tokens[i - 2]) : kNone);
    emit(kNext2, i + 2 < n ? shape_of(tokens[i + 2]) : kNone);
    emit(kPrevCur, prev * 4096 + cur);
    emit(kCurNext, cur * 4096 + next);
    emit(kSpaces, (t.space_before ? 1u : 0u) + (i + 1 < n && tokens[i + 1].space_before ? 2u : 0u) + (i + 1 >= n ? 4u : 0u));
    emit(kIndex, index_bucket(i));
    emit(kDecile, static_cast<std::uint32_t>(i * 10 / n));
    emit(kStops, stop_b);
    emit(kCommas, std::min(commas, 10u));
    emit(kYears, year_b);
    emit(kBrackets, brackets);
    emit(kStopsYears, stop_b * 4 + year_b);
    emit(kShapeStops, cur * 16 + stop_b);
    emit(kShapeBrackets, cur * 4 + brackets);
    emit(kInSegment, std::min(in_segment, 4u) * 8 + year_b);
    emit(kToEnd, index_bucket(n - 1 - i));
    if (t.word_hash) {
      emit(kWord, t.word_hash);
      emit(kWordStops, t.word_hash ^ (stop_b * 0x9E3779B9u));
    }
    {
      const std::size_t seg_len = segment_end[i] - segment_begin, chunk_len = chunk_end[i] - chunk_begin;
      const std::uint32_t to_number = next_number[i] >= n ? 15u : index_bucket(next_number[i] - i);
      emit(kSegmentLength, index_bucket(seg_len));
      emit(kSegmentLeft, index_bucket(segment_end[i] - i) * 16 + index_bucket(i - segment_begin));
      emit(kToNumber, to_number * 2 + (chunk_end[i] > next_number[i] ? 1u : 0u));
      emit(kChunkLength, index_bucket(chunk_len) * 16 + index_bucket(seg_len));
      emit(kChunkShape, cur * 16 + index_bucket(chunk_len));
      emit(kChunkNames, chunk_words[chunk_end[i]] * 4u + year_b);
      emit(kCurNextNames, (cur * 4096 + next) * 16 + chunk_words[chunk_end[i]]);
      {
        // The chunk after this one: after "Family," come initials or another name; after
        // "Timepix," a long run of words in lower case.
        const std::size_t c = chunk_end[i];
        const std::uint32_t after = c + 1 < n ? chunk_words[chunk_end[c + 1]] * 16u + index_bucket(chunk_end[c + 1] - c - 1) : 255u;
        emit(kNextChunk, after * 16 + chunk_words[c]);
        const std::uint32_t before = chunk_begin > 0 ? chunk_words[chunk_begin - 1] * 16u + index_bucket(chunk_begin - 1 - prev_chunk_begin) : 255u;
        emit(kPrevChunk, before * 16 + chunk_words[c]);
      }
    }
    emit(kTri, ((i >= 2 ? shape_of(tokens[i - 2]) : kNone) * 4096 + prev) * 4096 + cur);
    if (t.word_hash) emit(kWordPrev, t.word_hash ^ (prev * 0x85EBCA6Bu));
    if (i >= 1 && tokens[i - 1].word_hash) emit(kPrevWord, tokens[i - 1].word_hash);
    if (i + 1 < n && tokens[i + 1].word_hash) emit(kNextWord, tokens[i + 1].word_hash);

    offsets.push_back(static_cast<std::uint32_t>(f.size()));
    // Then the token itself joins what comes before the next one.
    ++in_segment;
    if (t.kind == TokenKind::Number && (t.shape & 1)) ++years;
    if (t.kind == TokenKind::Mark) {
      switch (t.shape) {
        case 1: {
          const FieldToken* p = i >= 1 ? &tokens[i - 1] : nullptr;
          bool initial = p && p->kind == TokenKind::Word && (p->shape & 7) == 0;
          if (!initial) { ++stops; in_segment = 0; segment_begin = i + 1; }
          next_chunk(i);
          break;
        }
        case 2: ++commas; next_chunk(i); break;
        case 3: next_chunk(i); break;
        case 5: case 7: ++paren; break;
        case 6: case 8: if (paren > 0) --paren; break;
        case 10: quoted = true; break;
        case 11: if (!apostrophe(i)) quoted = false; break;
        case 12: quoted = !quoted; break;
        case 13:
          // 'Title' (single quotes: British and legal styles), not O'Donnell or students'.
          if (!apostrophe(i)) {
            if (quoted) quoted = false;
            else if ((i == 0 || t.space_before || tokens[i - 1].kind == TokenKind::Mark) && i + 1 < n &&
                     !tokens[i + 1].space_before && tokens[i + 1].kind != TokenKind::Mark)
              quoted = true;
          }
          break;
        default: break;
      }
    }
  }
}

}  // namespace citecheck
