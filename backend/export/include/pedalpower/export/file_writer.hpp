#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>

#include "pedalpower/domain/report_writer.hpp"

namespace pedalpower::exports {

/// The file formats a report or a list is written in.
enum class file_format { json, csv, xlsx, ods };

/// "text/csv; charset=utf-8" and the like: what a file of `format` is sent as.
std::string_view media_type(file_format format);
/// "csv", "xlsx", "ods", "json": the ending of its file name.
std::string_view file_ending(file_format format);
/// The format a file ending (without the dot) names, if any.
std::optional<file_format> format_for_ending(std::string_view ending);

/// A report_writer that fills one file. Once every sheet is written, finish() completes the file.
/// Writers throw std::runtime_error when the file cannot be written (a full disk, say).
class file_writer : public domain::report_writer {
 public:
  /// Completes the file; nothing more may be written. Throws std::runtime_error.
  virtual void finish() = 0;
};

struct file_options {
  /// Where an XLSX writer keeps its working files while it writes; the system's when empty.
  std::filesystem::path scratch_folder;
};

/// A writer for `format` filling the file at `path` (created or replaced).
///
/// CSV (RFC 4180, CRLF line ends, UTF-8 with a byte-order mark) holds one table: the first sheet,
/// its header row the columns' keys. Later sheets and the method are not in it; the XLSX, ODS and
/// JSON files carry them. XLSX (constant memory) holds every sheet, its header row frozen, numbers as
/// numbers and dates as dates, then a Method sheet with the method's lines and each sheet's row
/// count. ODS (OpenDocument 1.3) holds what the XLSX holds, also written as it goes. JSON holds
/// {"method": [{label, value}], "sheets": [{title, columns, rows}]}.
std::unique_ptr<file_writer> open_file_writer(file_format format, const std::filesystem::path& path,
                                              const file_options& options = {});

}  // namespace pedalpower::exports
