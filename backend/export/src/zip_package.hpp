#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace pedalpower::exports {

/// A ZIP file written entry by entry through minizip, as OpenDocument packages are: an entry is
/// either stored whole (the package's mimetype must be, uncompressed and first) or deflated as it
/// is streamed in. Every call throws std::runtime_error when the file cannot be written.
class zip_package {
 public:
  explicit zip_package(const std::filesystem::path& path);
  ~zip_package();
  zip_package(const zip_package&) = delete;
  zip_package& operator=(const zip_package&) = delete;

  /// Adds `name` holding `bytes` uncompressed, with no extra fields.
  void add_stored(std::string_view name, std::string_view bytes);
  /// Starts the deflated entry `name`; write() fills it until end_entry().
  void begin_deflated(std::string_view name);
  void write(std::string_view bytes);
  void end_entry();
  /// Writes the central directory; nothing more may be added.
  void close();

 private:
  void open_entry(std::string_view name, int method, int level);
  void check(int result, std::string_view doing) const;

  void* zip_ = nullptr;
  std::string path_;
};

}  // namespace pedalpower::exports
