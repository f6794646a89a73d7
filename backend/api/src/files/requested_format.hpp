#pragma once

#include <string>
#include <vector>

#include "pedalpower/export/file_writer.hpp"

namespace pedalpower::api {

struct request;

/// The endings a file's path may have: ".csv", ".xlsx", ".ods".
std::vector<std::string> file_endings();

/// The format a request asks for: a file ending at the end of its path, else its Accept header
/// (application/json, text/csv, the XLSX or the ODS type, with q-values and wildcards; JSON when
/// absent, and the first of JSON, CSV, XLSX, ODS when several are equally welcome). Throws
/// api::error 406 `not_acceptable` (field Accept) when Accept welcomes none of them.
exports::file_format requested_format(const request& req);

/// True when the request asks for a file (CSV, XLSX or ODS); false for JSON or an Accept none satisfy.
bool asks_for_file(const request& req) noexcept;

}  // namespace pedalpower::api
