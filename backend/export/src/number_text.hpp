#pragma once

#include <charconv>
#include <cstdint>
#include <string_view>

namespace pedalpower::exports {

/// Room for any int64 or double in its shortest round-trip form.
struct number_text {
  char digits[32];
  std::size_t size = 0;

  explicit number_text(std::int64_t value) { size = static_cast<std::size_t>(std::to_chars(digits, digits + sizeof digits, value).ptr - digits); }
  explicit number_text(double value) { size = static_cast<std::size_t>(std::to_chars(digits, digits + sizeof digits, value).ptr - digits); }
  std::string_view view() const { return {digits, size}; }
};

}  // namespace pedalpower::exports
