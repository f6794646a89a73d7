#include "pedalpower/core/secrets.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <charconv>
#include <memory>
#include <optional>
#include <stdexcept>
#include <vector>

#include "base64.hpp"

namespace pedalpower {
namespace {

constexpr std::size_t salt_bytes = 32;
constexpr std::size_t hash_bytes = 32;
constexpr std::string_view scheme = "scrypt";
// A stored string names its own cost; this cap keeps a corrupt or hostile one from exhausting memory.
constexpr std::uint64_t max_scrypt_memory = std::uint64_t{512} << 20;

struct parsed_hash {
  scrypt_cost cost;
  std::string salt;
  std::string hash;
};

std::uint64_t scrypt_memory(const scrypt_cost& cost)
{
  // OpenSSL's own accounting: the V array of 128·r·(N+2) bytes plus the B array of 128·r·p.
  return 128 * std::uint64_t{cost.r} * (cost.n + 2) + 128 * std::uint64_t{cost.r} * cost.p;
}

bool acceptable(const scrypt_cost& cost)
{
  const bool power_of_two = cost.n >= 2 && (cost.n & (cost.n - 1)) == 0;
  return power_of_two && cost.n <= (std::uint64_t{1} << 22) && cost.r >= 1 && cost.r <= 64 && cost.p >= 1 &&
         cost.p <= 64 && scrypt_memory(cost) <= max_scrypt_memory;
}

std::string derive(std::string_view secret, std::string_view salt, const scrypt_cost& cost)
{
  std::string out(hash_bytes, '\0');
  if (EVP_PBE_scrypt(secret.data(), secret.size(), reinterpret_cast<const unsigned char*>(salt.data()), salt.size(),
                     cost.n, cost.r, cost.p, scrypt_memory(cost), reinterpret_cast<unsigned char*>(out.data()),
                     out.size()) != 1) {
    throw std::runtime_error("scrypt failed");
  }
  return out;
}

std::vector<std::string_view> split(std::string_view text, char separator)
{
  std::vector<std::string_view> parts;
  while (true) {
    const auto at = text.find(separator);
    parts.push_back(text.substr(0, at));
    if (at == std::string_view::npos) return parts;
    text.remove_prefix(at + 1);
  }
}

template <typename Number>
std::optional<Number> parse_number(std::string_view text)
{
  Number value{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<parsed_hash> parse(std::string_view stored)
{
  const auto parts = split(stored, '$');
  if (parts.size() != 6 || parts[0] != scheme) return std::nullopt;
  const auto n = parse_number<std::uint64_t>(parts[1]);
  const auto r = parse_number<std::uint32_t>(parts[2]);
  const auto p = parse_number<std::uint32_t>(parts[3]);
  auto salt = base64_decode(parts[4]);
  auto hash = base64_decode(parts[5]);
  if (!n || !r || !p || !salt || !hash || hash->empty()) return std::nullopt;
  parsed_hash parsed{{*n, *r, *p}, std::move(*salt), std::move(*hash)};
  if (!acceptable(parsed.cost)) return std::nullopt;
  return parsed;
}

std::string random_bytes(std::size_t count)
{
  std::string bytes(count, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(count)) != 1) {
    throw std::runtime_error("the random number generator failed");
  }
  return bytes;
}

}  // namespace

std::string hash_secret(std::string_view secret, const scrypt_cost& cost)
{
  if (!acceptable(cost)) throw std::invalid_argument("unsupported scrypt cost");
  const auto salt = random_bytes(salt_bytes);
  return std::string(scheme) + '$' + std::to_string(cost.n) + '$' + std::to_string(cost.r) + '$' +
         std::to_string(cost.p) + '$' + base64_encode(salt) + '$' + base64_encode(derive(secret, salt, cost));
}

bool verify_secret(std::string_view secret, std::string_view stored)
{
  const auto parsed = parse(stored);
  if (!parsed) return false;
  const auto candidate = derive(secret, parsed->salt, parsed->cost);
  return candidate.size() == parsed->hash.size() &&
         CRYPTO_memcmp(candidate.data(), parsed->hash.data(), candidate.size()) == 0;
}

const std::string& decoy_hash()
{
  static const std::string decoy = hash_secret(random_bytes(salt_bytes));
  return decoy;
}

std::string random_token(std::size_t bytes) { return base64url_encode(random_bytes(bytes)); }

std::string sha256_hex(std::string_view data)
{
  // Fetched once: an implicit fetch on every call takes a lock and a provider lookup.
  static const std::unique_ptr<EVP_MD, decltype(&EVP_MD_free)> sha256(EVP_MD_fetch(nullptr, "SHA256", nullptr),
                                                                      &EVP_MD_free);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (!sha256 || EVP_Digest(data.data(), data.size(), digest, &length, sha256.get(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    out.push_back(hex[digest[i] >> 4]);
    out.push_back(hex[digest[i] & 0xf]);
  }
  return out;
}

std::string token_digest(std::string_view token) { return sha256_hex(token); }

std::string run_keyed_digest(std::string_view text)
{
  static const std::string key = random_bytes(32);
  return sha256_hex(key + std::string(text));
}

}  // namespace pedalpower
