#pragma once

#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

namespace pedalpower::exports {

/// A file written from its start through a 64 KiB buffer. A failure to create, write or close it
/// is thrown as a std::runtime_error naming what could not be written.
class output_file {
 public:
  /// `what` names the file in errors, e.g. "the CSV file".
  output_file(const std::filesystem::path& path, std::string what);
  ~output_file();
  output_file(const output_file&) = delete;
  output_file& operator=(const output_file&) = delete;

  /// Throws std::logic_error once closed.
  void put(std::string_view text);
  /// Closes the file, throwing if any write failed; once only.
  void close();

 private:
  std::FILE* file_;
  std::string what_;
};

}  // namespace pedalpower::exports
