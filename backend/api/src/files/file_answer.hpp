#pragma once

#include <functional>
#include <string_view>

#include "pedalpower/api/router.hpp"
#include "pedalpower/domain/report_writer.hpp"
#include "pedalpower/export/file_writer.hpp"

namespace pedalpower::api {

/// Writes a report or a list, a row at a time.
using write_rows = std::function<void(domain::report_writer& out)>;

class app;

/// The file `write` makes in `format`, as an answer: written to a temporary file in the
/// application's file folder (never held in memory) that the HTTP layer sends and then deletes.
/// CSV, XLSX and ODS are downloads named `<file_stem>.csv`, `.xlsx` or `.ods` (the stem carries the
/// period, e.g. "distance-2026-01-01-to-2026-03-31").
/// The method gets two more lines: when the file was made and by which version of the software.
/// Throws what `write` throws, leaving no file behind.
response file_answer(const app& application, exports::file_format format, std::string_view file_stem,
                     const write_rows& write);

/// Answers a report that has no JSON answer of its own in the format the request asks for (see
/// requested_format): JSON (as the JSON file writer lays it out), CSV, XLSX or ODS.
response report_answer(const app& application, const request& req, std::string_view file_stem,
                       const write_rows& write);

/// Registers GET `pattern`, a report written through `handle`, on the slow lane, also answering at
/// `pattern`.csv, .xlsx and .ods: a new report plugs in with this and report_answer.
void add_report_route(router& routes, const std::string& pattern, std::initializer_list<role> roles,
                      std::function<void(const request&, responder)> handle);

}  // namespace pedalpower::api
