#include "temp_folder.hpp"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <system_error>

temp_folder::temp_folder()
{
  std::string pattern = (std::filesystem::temp_directory_path() / "pedalpower-test-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("cannot create a temporary folder");
  path_ = pattern;
}

temp_folder::~temp_folder()
{
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}
