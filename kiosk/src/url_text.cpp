#include "url_text.hpp"

#include <cctype>

namespace pedalpower::kiosk {

std::string percent_encode(std::string_view text)
{
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string encoded;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '_' || c == '.' || c == '~') {
      encoded += c;
    } else {
      encoded += '%';
      encoded += digits[byte >> 4];
      encoded += digits[byte & 0x0f];
    }
  }
  return encoded;
}

}  // namespace pedalpower::kiosk
