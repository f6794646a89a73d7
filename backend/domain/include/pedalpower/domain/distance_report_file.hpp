#pragma once

#include "pedalpower/domain/report_writer.hpp"
#include "pedalpower/domain/telematics_reports.hpp"

namespace pedalpower::domain {

/// The distance report as a file: one sheet of kilometres, trips, riders and CO2e by site and pay
/// band, rounded as the JSON answer rounds them (km and kg to three places), with its period,
/// factor set, e-bike energy, trips outside loans and data completeness in the method.
void write_distance_report(const distance_report& report, report_writer& out);

/// A row's riders as the JSON answer and the files show them: the count, or "<N" or "[c]" when hidden.
report_cell riders_cell(const distance_total& total, int suppress_below);

}  // namespace pedalpower::domain
