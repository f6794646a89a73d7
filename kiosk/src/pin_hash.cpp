#include "pedalpower/kiosk/pin_hash.hpp"

#include <array>
#include <charconv>
#include <stdexcept>
#include <vector>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

namespace pedalpower::kiosk {
namespace {

constexpr std::size_t salt_bytes = 16;
constexpr std::size_t key_bytes = 32;

std::string to_hex(const std::vector<unsigned char>& bytes)
{
  static constexpr char digits[] = "0123456789abcdef";
  std::string text;
  for (const auto byte : bytes) {
    text += digits[byte >> 4];
    text += digits[byte & 0x0f];
  }
  return text;
}

bool from_hex(std::string_view text, std::vector<unsigned char>& bytes)
{
  if (text.size() % 2 != 0) return false;
  bytes.clear();
  for (std::size_t i = 0; i < text.size(); i += 2) {
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(text.data() + i, text.data() + i + 2, value, 16);
    if (ec != std::errc() || end != text.data() + i + 2) return false;
    bytes.push_back(static_cast<unsigned char>(value));
  }
  return true;
}

std::vector<unsigned char> derive(std::string_view pin, const std::vector<unsigned char>& salt, pin_hash_cost cost)
{
  std::vector<unsigned char> key(key_bytes);
  const std::uint64_t memory = 128 * cost.r * cost.n * cost.p + 1024 * 1024;
  if (EVP_PBE_scrypt(pin.data(), pin.size(), salt.data(), salt.size(), cost.n, cost.r, cost.p, memory, key.data(),
                     key.size()) != 1) {
    throw std::runtime_error("scrypt failed");
  }
  return key;
}

std::vector<std::string_view> split(std::string_view text, char separator)
{
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const auto end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

bool read_number(std::string_view text, std::uint64_t& value)
{
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size() && value > 0;
}

}  // namespace

std::string hash_pin(std::string_view pin, pin_hash_cost cost)
{
  std::vector<unsigned char> salt(salt_bytes);
  if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1) throw std::runtime_error("no randomness available");
  return "scrypt$" + std::to_string(cost.n) + "$" + std::to_string(cost.r) + "$" + std::to_string(cost.p) + "$" +
         to_hex(salt) + "$" + to_hex(derive(pin, salt, cost));
}

bool pin_matches(std::string_view pin, std::string_view stored)
{
  const auto parts = split(stored, '$');
  pin_hash_cost cost;
  std::vector<unsigned char> salt;
  std::vector<unsigned char> expected;
  if (parts.size() != 6 || parts[0] != "scrypt" || !read_number(parts[1], cost.n) || !read_number(parts[2], cost.r) ||
      !read_number(parts[3], cost.p) || !from_hex(parts[4], salt) || !from_hex(parts[5], expected) ||
      expected.size() != key_bytes) {
    return false;
  }
  try {
    const auto actual = derive(pin, salt, cost);
    return CRYPTO_memcmp(actual.data(), expected.data(), key_bytes) == 0;
  } catch (const std::runtime_error&) {
    return false;
  }
}

}  // namespace pedalpower::kiosk
