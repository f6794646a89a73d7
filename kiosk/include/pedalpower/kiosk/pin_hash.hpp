#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace pedalpower::kiosk {

/// scrypt cost for the kiosk's own PIN hashes. The default takes about a tenth of a second and
/// 16 MiB per guess; tests pass a smaller cost.
struct pin_hash_cost {
  std::uint64_t n = 16384;
  std::uint64_t r = 8;
  std::uint64_t p = 1;
};

/// A fresh-salted scrypt hash of `pin`: "scrypt$N$r$p$<salt hex>$<key hex>". Throws std::runtime_error
/// if OpenSSL cannot compute it.
std::string hash_pin(std::string_view pin, pin_hash_cost cost = {});

/// True if `pin` matches `stored` (compared in constant time); false for a malformed `stored`.
bool pin_matches(std::string_view pin, std::string_view stored);

}  // namespace pedalpower::kiosk
