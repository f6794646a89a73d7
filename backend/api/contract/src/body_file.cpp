#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <vector>

#include <unistd.h>

#include "pedalpower/api/response.hpp"

namespace pedalpower::api {

std::shared_ptr<body_file> body_file::create(const std::string& folder)
{
  const auto where = folder.empty() ? std::filesystem::temp_directory_path() : std::filesystem::path(folder);
  auto pattern = (where / "pedalpower-body-XXXXXX").string();
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  const int descriptor = ::mkstemp(name.data());  // mode 0600
  if (descriptor < 0) throw std::runtime_error("cannot make a file in " + where.string() + ": " + std::strerror(errno));
  ::close(descriptor);
  return std::shared_ptr<body_file>(new body_file(std::string(name.data())));
}

body_file::~body_file() { ::unlink(path_.c_str()); }

}  // namespace pedalpower::api
