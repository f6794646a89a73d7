#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string_view>
#include <vector>

#include <unistd.h>

#include "pedalpower/api/response.hpp"

namespace pedalpower::api {
namespace {

constexpr std::string_view name_start = "pedalpower-body-";

}  // namespace

std::shared_ptr<body_file> body_file::create(const std::string& folder)
{
  const auto where = folder.empty() ? std::filesystem::temp_directory_path() : std::filesystem::path(folder);
  auto pattern = (where / (std::string(name_start) + "XXXXXX")).string();
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  const int descriptor = ::mkstemp(name.data());  // mode 0600
  if (descriptor < 0) throw std::runtime_error("cannot make a file in " + where.string() + ": " + std::strerror(errno));
  ::close(descriptor);
  return std::shared_ptr<body_file>(new body_file(std::string(name.data())));
}

body_file::~body_file() { ::unlink(path_.c_str()); }

void body_file::clear_folder(const std::string& folder)
{
  namespace fs = std::filesystem;
  fs::create_directory(folder);
  fs::permissions(folder, fs::perms::owner_all, fs::perm_options::replace);
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.path().filename().string().starts_with(name_start)) fs::remove(entry.path());
  }
}

}  // namespace pedalpower::api
