// The body of POST /api/v1/telematics/positions, read in one pass by the batch parser.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "pedalpower/domain/positions.hpp"

using namespace pedalpower;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  // A fixed "now" (2025-06-02T12:00:00Z) keeps every run of an input the same.
  const telematics::time_point now{std::chrono::seconds(1'748'865'600)};
  try {
    const auto batch = domain::parse_position_batch({reinterpret_cast<const char*>(data), size}, now);
    if (batch) {
      for (const auto& item : batch->items()) {
        if (item.device >= batch->device_ids().size()) __builtin_trap();
      }
    }
  } catch (const domain::malformed_batch&) {
  }
  return 0;
}
