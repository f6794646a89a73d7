// GPX files as coordinators upload them for a loan's tracks.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "pedalpower/telematics/error.hpp"
#include "pedalpower/telematics/gpx.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  try {
    (void)pedalpower::telematics::parse_gpx({reinterpret_cast<const char*>(data), size});
  } catch (const pedalpower::telematics::invalid_input&) {
  }
  return 0;
}
