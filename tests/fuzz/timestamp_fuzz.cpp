// Device timestamps in every form the trackers send. A time read is formatted and read back: the
// round trip must give the same second, or a time was accepted that cannot be written down.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "pedalpower/telematics/error.hpp"
#include "pedalpower/telematics/timestamp.hpp"

using namespace pedalpower::telematics;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  time_point when;
  try {
    when = parse_timestamp(text);
  } catch (const invalid_input&) {
    return 0;
  }
  const auto second = std::chrono::floor<std::chrono::seconds>(when);
  if (parse_timestamp(format_timestamp(when)) != second) std::abort();
  return 0;
}
