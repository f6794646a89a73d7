#include "pedalpower/export/file_writer.hpp"

#include <stdexcept>

#include "format_writers.hpp"
#include "ods_parts.hpp"

namespace pedalpower::exports {

std::string_view media_type(file_format format)
{
  switch (format) {
    case file_format::json: return "application/json";
    case file_format::csv: return "text/csv; charset=utf-8";
    case file_format::xlsx: return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    case file_format::ods: return ods::media_type;
  }
  return "application/octet-stream";
}

std::string_view file_ending(file_format format)
{
  switch (format) {
    case file_format::json: return "json";
    case file_format::csv: return "csv";
    case file_format::xlsx: return "xlsx";
    case file_format::ods: return "ods";
  }
  return "";
}

std::optional<file_format> format_for_ending(std::string_view ending)
{
  for (const auto format : {file_format::json, file_format::csv, file_format::xlsx, file_format::ods}) {
    if (ending == file_ending(format)) return format;
  }
  return std::nullopt;
}

std::unique_ptr<file_writer> open_file_writer(file_format format, const std::filesystem::path& path,
                                              const file_options& options)
{
  switch (format) {
    case file_format::csv:
      return open_csv_writer(path);
    case file_format::xlsx:
      return open_xlsx_writer(path, options);
    case file_format::ods:
      return open_ods_writer(path);
    case file_format::json:
      return open_json_writer(path);
  }
  throw std::invalid_argument("unknown file format");
}

}  // namespace pedalpower::exports
