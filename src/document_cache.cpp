#include "src/document_cache.hpp"

#include <elf.h>
#include <link.h>
#include <openssl/evp.h>

#include <cstring>
#include <filesystem>
#include <memory>

#include "parsers/learned/line_models.hpp"
#include "parsers/text_reader.hpp"
#include "resolvers/link_store.hpp"
#include "src/checked_document_codec.hpp"

namespace citecheck {

namespace {

// Documents no run has read for this long (deleted, moved or renamed files) are dropped.
constexpr std::int64_t kForgetAfterSeconds = 90 * 86400;

class Sha256 {
 public:
  Sha256() : ctx_(EVP_MD_CTX_new()) {
    if (!ctx_ || EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr) != 1)
      throw CacheError("SHA-256 is not available from OpenSSL");
  }
  // Each part is preceded by its length, so that ("ab", "c") and ("a", "bc") differ.
  Sha256& part(std::string_view bytes) {
    const std::uint64_t n = bytes.size();
    EVP_DigestUpdate(ctx_.get(), &n, sizeof n);
    EVP_DigestUpdate(ctx_.get(), bytes.data(), bytes.size());
    return *this;
  }
  std::string digest() {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(ctx_.get(), out, &length);
    return std::string(reinterpret_cast<const char*>(out), length);
  }

 private:
  struct Free {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
  };
  std::unique_ptr<EVP_MD_CTX, Free> ctx_;
};

std::string file_bytes(const std::string& path) {
  try {
    return read_file_bytes(path);
  } catch (const InputError& e) {
    throw CacheError("cannot read the model file '" + path + "' to tell its checked documents apart: " + e.what());
  }
}

// The first program header table handed to the callback is the executable's own.
int read_build_id(dl_phdr_info* info, std::size_t, void* data) {
  auto* out = static_cast<std::optional<std::string>*>(data);
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& ph = info->dlpi_phdr[i];
    if (ph.p_type != PT_NOTE) continue;
    const char* at = reinterpret_cast<const char*>(info->dlpi_addr + ph.p_vaddr);
    const char* end = at + ph.p_memsz;
    while (at + sizeof(ElfW(Nhdr)) <= end) {
      ElfW(Nhdr) note;
      std::memcpy(&note, at, sizeof note);
      const char* name = at + sizeof note;
      const char* desc = name + ((note.n_namesz + 3) & ~3u);
      const char* next = desc + ((note.n_descsz + 3) & ~3u);
      if (next > end) break;
      if (note.n_type == NT_GNU_BUILD_ID && note.n_namesz == 4 && std::memcmp(name, "GNU", 4) == 0 && note.n_descsz > 0) {
        static constexpr char kHex[] = "0123456789abcdef";
        std::string hex;
        for (std::uint32_t k = 0; k < note.n_descsz; ++k) {
          const auto b = static_cast<unsigned char>(desc[k]);
          hex += kHex[b >> 4];
          hex += kHex[b & 15];
        }
        *out = std::move(hex);
        return 1;
      }
      at = next;
    }
  }
  return 1;  // only the executable is looked at
}

}  // namespace

std::optional<std::string> running_build_id() {
  std::optional<std::string> id;
  dl_iterate_phdr(read_build_id, &id);
  return id;
}

DocumentCache::DocumentCache(LinkStore& store, const DocumentCacheSettings& settings, std::int64_t now)
    : store_(store), now_(now) {
  Sha256 h;
  h.part("citecheck checked document").part(settings.build_id).part(settings.encoding).part(settings.base);
  h.part(settings.excerpts ? "excerpts" : "");
  if (!settings.line_models_dir.empty()) {
    for (const char* kind : {kZoneModelKind, kEntryModelKind})
      h.part(file_bytes((std::filesystem::path(settings.line_models_dir) / (std::string(kind) + ".model")).string()));
  } else {
    h.part("built-in line models");
  }
  h.part(settings.field_model_file.empty() ? std::string("built-in field model") : file_bytes(settings.field_model_file));
  settings_digest_ = h.digest();
}

std::string DocumentCache::digest(const std::string& path, std::string_view bytes) const {
  return Sha256().part(settings_digest_).part(path).part(bytes).digest();
}

std::optional<DocumentReport> DocumentCache::find(const std::string& path, const std::string& digest) {
  std::optional<DocumentReport> found;
  try {
    store_.read_kept_document(path, digest, now_, [&](std::string_view body) {
      try {
        found = decode_checked_document(body);
      } catch (const CodecError&) {
        // damaged: checked again, and the fresh document replaces it
      }
    });
  } catch (const CacheError&) {
    ++failures_;
  }
  if (found) ++hits_;
  else ++misses_;
  return found;
}

void DocumentCache::keep(const std::string& path, const std::string& digest, const DocumentReport& checked) {
  const std::optional<std::size_t> size = encoded_size(checked);
  if (!size) return;
  try {
    store_.write_kept_document(
        path, digest, *size, [&](const auto& put) { encode_checked_document(checked, put); }, now_,
        now_ - kForgetAfterSeconds);
  } catch (const CacheError&) {
    ++failures_;
  }
}

}  // namespace citecheck
