// optional_text.hpp — an optional string in the room of one pointer, for the model's many
// fields that are mostly absent (a reference entry's volume, issue, pages, ISBN, number…;
// a link's final URL and error). std::optional<std::string> takes 40 bytes present or not:
// 100,000 entries carried some 35 MB of absent fields. Used like std::optional<std::string>,
// and converts to and from it.
#pragma once

#include <compare>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace citecheck {

class OptionalText {
 public:
  OptionalText() = default;
  OptionalText(std::nullopt_t) {}
  OptionalText(std::string s) : text_(std::make_unique<std::string>(std::move(s))) {}
  OptionalText(const char* s) : text_(std::make_unique<std::string>(s)) {}
  OptionalText(const std::optional<std::string>& o) {
    if (o) text_ = std::make_unique<std::string>(*o);
  }
  OptionalText(std::optional<std::string>&& o) {
    if (o) text_ = std::make_unique<std::string>(std::move(*o));
  }
  OptionalText(const OptionalText& o) : text_(o.text_ ? std::make_unique<std::string>(*o.text_) : nullptr) {}
  OptionalText(OptionalText&&) noexcept = default;
  OptionalText& operator=(const OptionalText& o) {
    if (this != &o) text_ = o.text_ ? std::make_unique<std::string>(*o.text_) : nullptr;
    return *this;
  }
  OptionalText& operator=(OptionalText&&) noexcept = default;
  OptionalText& operator=(std::nullopt_t) {
    text_.reset();
    return *this;
  }

  bool has_value() const { return text_ != nullptr; }
  explicit operator bool() const { return has_value(); }
  std::string& operator*() { return *text_; }
  const std::string& operator*() const { return *text_; }
  std::string* operator->() { return text_.get(); }
  const std::string* operator->() const { return text_.get(); }
  const std::string& value() const {
    if (!text_) throw std::bad_optional_access();
    return *text_;
  }
  std::string value_or(std::string_view fallback) const { return text_ ? *text_ : std::string(fallback); }
  void reset() { text_.reset(); }
  template <class... A>
  std::string& emplace(A&&... args) {
    text_ = std::make_unique<std::string>(std::forward<A>(args)...);
    return *text_;
  }

  operator std::optional<std::string>() const& {
    return text_ ? std::optional<std::string>(*text_) : std::nullopt;
  }
  operator std::optional<std::string>() && {
    return text_ ? std::optional<std::string>(std::move(*text_)) : std::nullopt;
  }

  friend bool operator==(const OptionalText& a, const OptionalText& b) {
    return a.has_value() == b.has_value() && (!a.has_value() || *a == *b);
  }
  friend bool operator==(const OptionalText& a, std::nullopt_t) { return !a.has_value(); }
  friend bool operator==(const OptionalText& a, std::string_view b) { return a.has_value() && *a == b; }
  friend bool operator==(const OptionalText& a, const std::string& b) { return a.has_value() && *a == b; }
  friend bool operator==(const OptionalText& a, const char* b) { return a.has_value() && *a == b; }
  friend bool operator==(const OptionalText& a, const std::optional<std::string>& b) {
    return a.has_value() == b.has_value() && (!a.has_value() || *a == *b);
  }
  // As std::optional orders: absent first.
  friend std::strong_ordering operator<=>(const OptionalText& a, const OptionalText& b) {
    if (!a.has_value() || !b.has_value()) return a.has_value() <=> b.has_value();
    return *a <=> *b;
  }

 private:
  std::unique_ptr<std::string> text_;
};

}  // namespace citecheck
