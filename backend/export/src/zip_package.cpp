#include "zip_package.hpp"

#include <ctime>
#include <stdexcept>
#include <utility>

#include <zip.h>

namespace pedalpower::exports {
namespace {

zip_fileinfo dated_now()
{
  zip_fileinfo info{};
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  info.tmz_date.tm_sec = static_cast<uInt>(utc.tm_sec);
  info.tmz_date.tm_min = static_cast<uInt>(utc.tm_min);
  info.tmz_date.tm_hour = static_cast<uInt>(utc.tm_hour);
  info.tmz_date.tm_mday = static_cast<uInt>(utc.tm_mday);
  info.tmz_date.tm_mon = static_cast<uInt>(utc.tm_mon);
  info.tmz_date.tm_year = static_cast<uInt>(utc.tm_year + 1900);
  return info;
}

}  // namespace

zip_package::zip_package(const std::filesystem::path& path) : path_(path.string())
{
  zip_ = zipOpen64(path_.c_str(), APPEND_STATUS_CREATE);
  if (!zip_) throw std::runtime_error("cannot create " + path_);
}

zip_package::~zip_package()
{
  if (zip_) zipClose(zip_, nullptr);
}

void zip_package::add_stored(std::string_view name, std::string_view bytes)
{
  open_entry(name, 0, 0);
  write(bytes);
  end_entry();
}

// Without Zip64 records, which LibreOffice before 7.6 may refuse: an entry stays under 4 GiB, far
// beyond any sheet a spreadsheet opens.
void zip_package::begin_deflated(std::string_view name) { open_entry(name, Z_DEFLATED, Z_DEFAULT_COMPRESSION); }

void zip_package::open_entry(std::string_view name, int method, int level)
{
  const auto info = dated_now();
  const std::string entry(name);
  check(zipOpenNewFileInZip64(zip_, entry.c_str(), &info, nullptr, 0, nullptr, 0, nullptr, method, level, 0),
        "starting " + entry);
}

void zip_package::write(std::string_view bytes)
{
  // minizip takes at most an unsigned int at a time.
  constexpr std::size_t most = 1u << 30;
  while (!bytes.empty()) {
    const auto part = bytes.substr(0, most);
    check(zipWriteInFileInZip(zip_, part.data(), static_cast<unsigned>(part.size())), "writing");
    bytes.remove_prefix(part.size());
  }
}

void zip_package::end_entry() { check(zipCloseFileInZip(zip_), "finishing an entry"); }

void zip_package::close()
{
  const auto result = zipClose(std::exchange(zip_, nullptr), nullptr);
  check(result, "finishing the file");
}

void zip_package::check(int result, std::string_view doing) const
{
  if (result != ZIP_OK) throw std::runtime_error(std::string(doing) + " in " + path_ + " failed (minizip error " + std::to_string(result) + ")");
}

}  // namespace pedalpower::exports
