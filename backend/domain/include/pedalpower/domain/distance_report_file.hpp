#pragma once

#include "pedalpower/domain/report_writer.hpp"
#include "pedalpower/domain/telematics_reports.hpp"

namespace pedalpower::domain {

/// The distance report as a file: one sheet of kilometres, trips, riders and CO2e by site and pay
/// band, rounded as the JSON answer rounds them (km and kg to three places), with its period,
/// factor set, e-bike energy, trips outside loans and data completeness in the method.
void write_distance_report(const distance_report& report, report_writer& out);

}  // namespace pedalpower::domain
