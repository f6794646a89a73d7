#pragma once

#include <filesystem>
#include <memory>

#include "pedalpower/export/file_writer.hpp"

namespace pedalpower::exports {

/// The first sheet of a report as CSV: RFC 4180, CRLF line ends, UTF-8 with a byte-order mark so
/// Excel reads it as UTF-8. The header row is the columns' keys; numbers are written in full
/// (shortest form that reads back the same); dates and months as the text given (ISO 8601); a text
/// cell that a spreadsheet could take for a formula is neutralised (see cell_text.hpp). The method
/// and later sheets are not written: a CSV file is one table.
std::unique_ptr<file_writer> open_csv_writer(const std::filesystem::path& path);

/// A report as JSON, written as it goes: {"method": [{"label", "value"}], "sheets": [{"title",
/// "columns": [{"key", "title", "kind", "decimals"}], "rows": [{<column key>: cell, ...}, ...]}]}.
/// Numbers are numbers, empty cells null, text as given: JSON is data, not a spreadsheet, so
/// nothing is neutralised.
std::unique_ptr<file_writer> open_json_writer(const std::filesystem::path& path);

/// A workbook written with libxlsxwriter in constant-memory mode: each row goes to a working file
/// (in options.scratch_folder) as soon as the next begins, so memory does not grow with the rows.
/// Every sheet has a bold, frozen header row of the columns' titles; integers and decimals are
/// numbers (decimals shown to their column's places), dates and moments are dates, months the
/// first of the month shown as "Jan 2026".
std::unique_ptr<file_writer> open_xlsx_writer(const std::filesystem::path& path, const file_options& options);

/// An OpenDocument spreadsheet (ODS, ODF 1.3), the UK government's standard for editable
/// documents, holding what the XLSX holds. content.xml is deflated into the package a block at a
/// time, so memory does not grow with the rows; column widths fit the header and the first rows of
/// each sheet.
std::unique_ptr<file_writer> open_ods_writer(const std::filesystem::path& path);

}  // namespace pedalpower::exports
