#include "pedalpower/telematics/error.hpp"

#include <utility>

namespace pedalpower::telematics {

invalid_input::invalid_input(std::string field, const std::string& why)
    : std::invalid_argument(field + ": " + why), field_(std::move(field)), reason_(why)
{
}

}  // namespace pedalpower::telematics
