#pragma once

#include <chrono>

#include "pedalpower/telematics/position.hpp"

/// 2025-03-03T07:41:05Z, 1740987665 in Unix seconds: when the commute the timestamp and OsmAnd
/// tests read begins.
inline const pedalpower::telematics::time_point commute_start{
    std::chrono::sys_days{std::chrono::year{2025} / std::chrono::March / 3} + std::chrono::hours{7} +
    std::chrono::minutes{41} + std::chrono::seconds{5}};
