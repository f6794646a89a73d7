#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace pedalpower {

/// scrypt's work factors. The stored hash carries them, so raising the cost later leaves old hashes
/// verifiable.
struct scrypt_cost {
  std::uint64_t n = std::uint64_t{1} << 17;  ///< CPU/memory cost, a power of two
  std::uint32_t r = 8;                        ///< block size
  std::uint32_t p = 1;                        ///< parallelism
};

/// OWASP's recommendation for scrypt: about 128 MiB and a large fraction of a second per hash.
inline constexpr scrypt_cost recommended_scrypt_cost{};

/// Hashes something a person types (a password, a PIN) with scrypt and a fresh 32-byte salt, as
/// `scrypt$N$r$p$salt_b64$hash_b64`. Slow on purpose: keep it off threads that serve other requests.
/// Throws std::runtime_error if OpenSSL fails.
std::string hash_secret(std::string_view secret, const scrypt_cost& cost = recommended_scrypt_cost);

/// True when `secret` matches `stored` (compared in constant time). False for a malformed stored
/// string or one asking for more memory than this server allows.
bool verify_secret(std::string_view secret, std::string_view stored);

/// A stored hash no password matches, for spending the same time on an unknown account as on a known
/// one so that timing does not reveal which usernames exist.
const std::string& decoy_hash();

/// `bytes` random bytes from OpenSSL's CSPRNG as unpadded base64url: for session cookies, CSRF
/// tokens and device tokens. Throws std::runtime_error if the generator fails.
std::string random_token(std::size_t bytes = 32);

/// SHA-256 of `data` as lower-case hex.
std::string sha256_hex(std::string_view data);

/// SHA-256 of `token` as lower-case hex: what the database keeps instead of a bearer secret. A fast
/// hash is enough here because the token itself carries 256 random bits.
std::string token_digest(std::string_view token);

/// SHA-256 of `text` under a random key drawn once per run of the program and never stored, as hex:
/// equal texts give equal digests until the program restarts, and a copy of the database cannot test
/// guesses of a short secret against it.
std::string run_keyed_digest(std::string_view text);

}  // namespace pedalpower
