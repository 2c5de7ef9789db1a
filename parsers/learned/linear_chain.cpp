#include "parsers/learned/linear_chain.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>

namespace citecheck {

namespace {

constexpr std::string_view kMagic = "citecheck-linear-chain 1";
constexpr std::uint32_t kMaxBuckets = 1u << 22;
constexpr std::size_t kMaxLabels = 32;

std::uint32_t fnv1a(std::string_view s) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : s) { h ^= c; h *= 16777619u; }
  return h;
}

// Reads the model text line by line; every failure names the file and the line.
class Reader {
 public:
  Reader(std::string_view text, std::string_view origin) : text_(text), origin_(origin) {}

  [[noreturn]] void fail(const std::string& what) const {
    throw ModelError("model file " + std::string(origin_) + ": " + what +
                     (line_no_ ? " (line " + std::to_string(line_no_) + ")" : ""));
  }
  bool at_end() const { return pos_ >= text_.size(); }
  std::string_view line() {
    if (at_end()) fail("truncated: the file ends before its 'end' line");
    std::size_t nl = text_.find('\n', pos_);
    if (nl == std::string_view::npos) nl = text_.size();
    std::string_view l = text_.substr(pos_, nl - pos_);
    pos_ = nl + 1;
    ++line_no_;
    return l;
  }
  std::size_t pos() const { return pos_; }

  // "key rest": returns rest, refusing another key.
  std::string_view keyed(std::string_view key) {
    std::string_view l = line();
    if (l.size() < key.size() || l.substr(0, key.size()) != key || (l.size() > key.size() && l[key.size()] != ' '))
      fail("expected '" + std::string(key) + "'");
    return l.size() > key.size() ? l.substr(key.size() + 1) : std::string_view{};
  }

 private:
  std::string_view text_, origin_;
  std::size_t pos_ = 0;
  int line_no_ = 0;
};

std::vector<std::string_view> fields(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

template <class T>
T number(Reader& r, std::string_view s) {
  T v{};
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) r.fail("not a number: '" + std::string(s.substr(0, 40)) + "'");
  if constexpr (std::is_floating_point_v<T>) {
    if (!std::isfinite(v)) r.fail("a weight is not finite");
  }
  return v;
}

// A row of numbers straight into its place: no list of fields, no vector (the weight rows are
// most of a model's load time), and the many zeros of a sparse row without a number parse.
void floats_into(Reader& r, std::string_view s, std::size_t count, float* out) {
  std::size_t i = 0, found = 0;
  while (true) {
    while (i < s.size() && s[i] == ' ') ++i;
    if (i == s.size()) break;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    const std::string_view x = s.substr(i, j - i);
    if (found < count) out[found] = x == "0" ? 0.0f : number<float>(r, x);
    ++found;
    i = j;
  }
  if (found != count) r.fail("expected " + std::to_string(count) + " numbers, found " + std::to_string(found));
}

std::vector<float> floats(Reader& r, std::string_view s, std::size_t count) {
  std::vector<float> out(count);
  floats_into(r, s, count, out.data());
  return out;
}

void append_floats(std::string& out, const float* v, std::size_t n) {
  char buf[32];
  for (std::size_t i = 0; i < n; ++i) {
    std::snprintf(buf, sizeof buf, i ? " %.6g" : "%.6g", static_cast<double>(v[i]));
    out += buf;
  }
  out += '\n';
}

}  // namespace

LinearChainModel LinearChainModel::parse(std::string_view bytes, std::string_view origin,
                                         std::string_view expected_kind) {
  Reader r(bytes, origin);
  if (bytes.empty()) r.fail("empty");
  std::string_view magic = r.line();
  if (magic != kMagic) {
    if (magic.substr(0, 22) == "citecheck-linear-chain")
      r.fail("format '" + std::string(magic) + "', this citecheck reads '" + std::string(kMagic) + "'");
    r.fail("not a citecheck model");
  }
  // A file cut short (a failed copy, a full disk) is told as such, not by the first line
  // it happens to break.
  {
    std::string_view tail = bytes.substr(bytes.size() > 64 ? bytes.size() - 64 : 0);
    while (!tail.empty() && tail.back() == '\n') tail.remove_suffix(1);
    std::size_t nl = tail.rfind('\n');
    if (nl == std::string_view::npos || tail.substr(nl + 1, 4) != "end ")
      throw ModelError("model file " + std::string(origin) + ": truncated: the file ends before its 'end' line");
  }
  LinearChainModel m;
  m.kind_ = std::string(r.keyed("kind"));
  if (m.kind_ != expected_kind)
    r.fail("a '" + m.kind_ + "' model where a '" + std::string(expected_kind) + "' model is needed");
  r.keyed("provenance");
  auto lab = fields(r.keyed("labels"));
  if (lab.empty()) r.fail("no labels");
  std::size_t nl = number<std::size_t>(r, lab[0]);
  if (nl < 2 || nl > kMaxLabels || lab.size() != nl + 1) r.fail("bad label list");
  for (std::size_t i = 1; i < lab.size(); ++i) m.labels_.emplace_back(lab[i]);
  m.buckets_ = number<std::uint32_t>(r, r.keyed("buckets"));
  if (m.buckets_ == 0 || m.buckets_ > kMaxBuckets) r.fail("bad bucket count");
  auto tw = floats(r, r.keyed("transition-weight"), 1);
  m.transition_weight_ = tw[0];
  // Padded like the rows: the sums start from it.
  m.stride_ = (nl + kLanes - 1) / kLanes * kLanes;
  m.bias_ = floats(r, r.keyed("bias"), nl);
  m.bias_.resize(m.stride_, 0.0f);
  m.start_ = floats(r, r.keyed("start"), nl);
  r.keyed("transition");
  for (std::size_t i = 0; i < nl; ++i) {
    auto row = floats(r, r.line(), nl);
    m.transition_.insert(m.transition_.end(), row.begin(), row.end());
  }
  m.weighted_transition_.assign(nl * m.stride_, 0.0f);
  for (std::size_t prev = 0; prev < nl; ++prev)
    for (std::size_t next = 0; next < nl; ++next)
      m.weighted_transition_[prev * m.stride_ + next] = m.transition_weight_ * m.transition_[prev * nl + next];
  std::size_t rows = number<std::size_t>(r, r.keyed("weights"));
  if (rows > m.buckets_) r.fail("more weight rows than buckets");
  std::size_t slots = 16;
  while (slots < rows * 4) slots *= 2;
  m.slots_.assign(slots, Slot{});
  m.rows_.assign(rows * m.stride_, 0.0f);
  for (std::size_t k = 0; k < rows; ++k) {
    std::string_view l = r.line();
    std::size_t sp = l.find(' ');
    if (sp == std::string_view::npos) r.fail("bad weight row");
    auto idx = number<std::uint32_t>(r, l.substr(0, sp));
    if (idx >= m.buckets_) r.fail("feature index out of range");
    floats_into(r, l.substr(sp + 1), nl, &m.rows_[k * m.stride_]);
    std::size_t slot = (idx * 2654435761u) & (slots - 1);
    while (m.slots_[slot].feature_plus_one != 0) {
      if (m.slots_[slot].feature_plus_one == idx + 1) r.fail("feature " + std::to_string(idx) + " given twice");
      slot = (slot + 1) & (slots - 1);
    }
    m.slots_[slot] = Slot{idx + 1, static_cast<std::uint32_t>(k)};
  }
  std::size_t body_end = r.pos();
  std::string_view end = r.keyed("end");
  auto sum = number<std::uint32_t>(r, end);
  if (sum != fnv1a(bytes.substr(0, body_end))) r.fail("checksum mismatch: the file is damaged or was edited");
  while (!r.at_end()) {
    if (!r.line().empty()) r.fail("data after the 'end' line");
  }
  return m;
}

int LinearChainModel::label_index(std::string_view name) const {
  for (std::size_t i = 0; i < labels_.size(); ++i)
    if (labels_[i] == name) return static_cast<int>(i);
  return -1;
}

const float* LinearChainModel::row_of(std::uint32_t feature) const {
  if (feature >= buckets_ || slots_.empty()) return nullptr;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t slot = (feature * 2654435761u) & mask;; slot = (slot + 1) & mask) {
    const Slot& s = slots_[slot];
    if (s.feature_plus_one == feature + 1) return &rows_[static_cast<std::size_t>(s.row) * stride_];
    if (s.feature_plus_one == 0) return nullptr;
  }
}

// The rows of an item's features added to `sum`, `Vectors` vectors a row: a count known when
// compiling, so the adds are unrolled (this loop is most of a model's run time).
template <std::size_t Vectors>
void LinearChainModel::add_rows(const std::uint32_t* features, std::size_t count, Lanes* sum) const {
  for (std::size_t k = 0; k < count; ++k) {
    const float* w = row_of(features[k]);
    if (!w) continue;
#pragma GCC unroll 8
    for (std::size_t v = 0; v < Vectors; ++v) {
      Lanes x;
      std::memcpy(&x, w + v * kLanes, sizeof x);
      sum[v] += x;
    }
  }
}

void LinearChainModel::item_scores(const std::uint32_t* features, std::size_t count, std::vector<float>& out) const {
  out.resize(labels_.size());
  item_sums(features, count, out.data());
  float mx = *std::max_element(out.begin(), out.end());
  float z = 0;
  for (float v : out) z += std::exp(v - mx);
  float lz = mx + std::log(z);
  for (float& v : out) v -= lz;
}

void LinearChainModel::item_sums(const std::uint32_t* features, std::size_t count, float* out) const {
  const std::size_t nl = labels_.size();
  Lanes sum[kMaxLabels / kLanes];
  std::memcpy(sum, bias_.data(), stride_ * sizeof(float));
  switch (stride_ / kLanes) {
    case 1: add_rows<1>(features, count, sum); break;  // the line models: 2 and 4 labels
    case 2: add_rows<2>(features, count, sum); break;
    case 3: add_rows<3>(features, count, sum); break;
    case 4: add_rows<4>(features, count, sum); break;  // the field tagger: 15 labels
    case 5: add_rows<5>(features, count, sum); break;
    case 6: add_rows<6>(features, count, sum); break;
    case 7: add_rows<7>(features, count, sum); break;
    default: add_rows<kMaxLabels / kLanes>(features, count, sum); break;
  }
  std::memcpy(out, sum, nl * sizeof(float));
}

std::vector<int> LinearChainModel::decode(const std::vector<FeatureList>& items) const {
  std::vector<std::uint32_t> features, offsets{0};
  for (const FeatureList& item : items) {
    features.insert(features.end(), item.begin(), item.end());
    offsets.push_back(static_cast<std::uint32_t>(features.size()));
  }
  return decode(features, offsets);
}

std::vector<int> LinearChainModel::decode(const std::vector<std::uint32_t>& features,
                                          const std::vector<std::uint32_t>& offsets) const {
  const std::size_t nl = labels_.size(), n = offsets.empty() ? 0 : offsets.size() - 1;
  // Viterbi's best path is the same whether an item's scores are normalised or not (the
  // softmax shifts all labels of an item alike), so the sums are decoded as they are: no
  // exp and log per item.
  std::vector<float> scores(n * nl);
  for (std::size_t t = 0; t < n; ++t) item_sums(features.data() + offsets[t], offsets[t + 1] - offsets[t], &scores[t * nl]);
  return decode_scores(scores);
}

std::vector<int> LinearChainModel::decode_scores(const std::vector<float>& emissions) const {
  switch (stride_ / kLanes) {
    case 1: return viterbi<1>(emissions);
    case 2: return viterbi<2>(emissions);
    case 3: return viterbi<3>(emissions);
    case 4: return viterbi<4>(emissions);
    case 5: return viterbi<5>(emissions);
    case 6: return viterbi<6>(emissions);
    case 7: return viterbi<7>(emissions);
    default: return viterbi<kMaxLabels / kLanes>(emissions);
  }
}

// Each step takes the previous labels in order and, for all next labels at once (a vector
// lane each), keeps a previous label only when it scores strictly better than those before:
// the first best, as a loop over one next label at a time finds it, and the same sums.
template <std::size_t Vectors>
std::vector<int> LinearChainModel::viterbi(const std::vector<float>& emissions) const {
  const std::size_t nl = labels_.size(), n = emissions.size() / nl;
  std::vector<int> path(n, 0);
  if (n == 0) return path;
  std::vector<std::int32_t> back(n * stride_, 0);  // per item, per next label: the best previous
  Lanes score[Vectors] = {}, best[Vectors], emit[Vectors];
  for (std::size_t l = 0; l < nl; ++l) score[l / kLanes][l % kLanes] = emissions[l] + transition_weight_ * start_[l];
  for (std::size_t t = 1; t < n; ++t) {
    LaneIndex arg[Vectors] = {};
    for (std::size_t v = 0; v < Vectors; ++v) best[v] = Lanes{} - std::numeric_limits<float>::infinity();
    for (std::size_t p = 0; p < nl; ++p) {
      const float from = score[p / kLanes][p % kLanes];
      const float* row = &weighted_transition_[p * stride_];
#pragma GCC unroll 8
      for (std::size_t v = 0; v < Vectors; ++v) {
        Lanes w;
        std::memcpy(&w, row + v * kLanes, sizeof w);
        const Lanes s = from + w;
        const LaneIndex better = s > best[v];
        best[v] = better ? s : best[v];
        arg[v] = better ? static_cast<std::int32_t>(p) + LaneIndex{} : arg[v];
      }
    }
    float e[Vectors * kLanes] = {};
    std::copy(&emissions[t * nl], &emissions[t * nl] + nl, e);
    std::memcpy(emit, e, sizeof emit);
#pragma GCC unroll 8
    for (std::size_t v = 0; v < Vectors; ++v) score[v] = best[v] + emit[v];
    std::memcpy(&back[t * stride_], arg, sizeof arg);
  }
  int last = 0;
  for (std::size_t l = 1; l < nl; ++l)
    if (score[l / kLanes][l % kLanes] > score[last / kLanes][last % kLanes]) last = static_cast<int>(l);
  for (std::size_t t = n; t-- > 0;) {
    path[t] = last;
    last = back[t * stride_ + static_cast<std::size_t>(last)];
  }
  return path;
}

std::string read_model_file(const std::filesystem::path& p) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(p, ec))
    throw ModelError("model file " + p.string() + ": missing (citecheck-train writes it)");
  std::ifstream in(p, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) throw ModelError("model file " + p.string() + ": cannot be read");
  return bytes;
}

std::string serialise_linear_chain(const std::string& kind, const std::vector<std::string>& labels,
                                   std::uint32_t buckets, const std::vector<float>& weights,
                                   const std::vector<float>& bias, const std::vector<float>& start,
                                   const std::vector<float>& transition, float transition_weight,
                                   const std::string& provenance) {
  const std::size_t nl = labels.size();
  std::string out(kMagic);
  out += "\nkind " + kind + "\nprovenance " + provenance + "\nlabels " + std::to_string(nl);
  for (const auto& l : labels) out += " " + l;
  out += "\nbuckets " + std::to_string(buckets) + "\ntransition-weight ";
  append_floats(out, &transition_weight, 1);
  out += "bias ";
  append_floats(out, bias.data(), nl);
  out += "start ";
  append_floats(out, start.data(), nl);
  out += "transition\n";
  for (std::size_t i = 0; i < nl; ++i) append_floats(out, &transition[i * nl], nl);
  std::vector<std::uint32_t> rows;
  for (std::uint32_t b = 0; b < buckets; ++b) {
    bool any = false;
    for (std::size_t l = 0; l < nl; ++l) any = any || std::fabs(weights[b * nl + l]) >= 1e-4f;
    if (any) rows.push_back(b);
  }
  out += "weights " + std::to_string(rows.size()) + "\n";
  for (auto b : rows) {
    out += std::to_string(b) + " ";
    append_floats(out, &weights[b * nl], nl);
  }
  out += "end " + std::to_string(fnv1a(out)) + "\n";
  return out;
}

}  // namespace citecheck
