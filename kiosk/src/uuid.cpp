#include "pedalpower/kiosk/uuid.hpp"

#include <array>
#include <cstdio>
#include <stdexcept>

#include <openssl/rand.h>

namespace pedalpower::kiosk {

std::string random_uuid()
{
  std::array<unsigned char, 16> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) throw std::runtime_error("no randomness available");
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0f) | 0x40);
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3f) | 0x80);
  std::string text;
  text.reserve(36);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) text += '-';
    std::array<char, 3> pair{};
    std::snprintf(pair.data(), pair.size(), "%02x", bytes[i]);
    text += pair.data();
  }
  return text;
}

}  // namespace pedalpower::kiosk
