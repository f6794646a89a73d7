#pragma once

#include "pedalpower/export/file_writer.hpp"

namespace pedalpower::api {

struct request;

/// The format a request asks for: ".csv" or ".xlsx" at the end of its path, else its Accept header
/// (application/json, text/csv or the XLSX type, with q-values and wildcards; JSON when absent or
/// when several are equally welcome). Throws api::error 406 `not_acceptable` (field Accept) when
/// Accept welcomes none of them.
exports::file_format requested_format(const request& req);

/// True when the request asks for a file (CSV or XLSX); false for JSON or an Accept none satisfy.
bool asks_for_file(const request& req) noexcept;

}  // namespace pedalpower::api
