#include "output_file.hpp"

#include <stdexcept>
#include <utility>

namespace pedalpower::exports {
namespace {

constexpr std::size_t buffer_bytes = 1 << 16;

}  // namespace

output_file::output_file(const std::filesystem::path& path, std::string what)
    : file_(std::fopen(path.c_str(), "wb")), what_(std::move(what))
{
  if (!file_) throw std::runtime_error("cannot create " + path.string());
  std::setvbuf(file_, nullptr, _IOFBF, buffer_bytes);
}

output_file::~output_file()
{
  if (file_) std::fclose(file_);
}

void output_file::put(std::string_view text)
{
  if (!file_) throw std::logic_error(what_ + " is closed");
  if (std::fwrite(text.data(), 1, text.size(), file_) != text.size()) {
    throw std::runtime_error(what_ + " could not be written");
  }
}

void output_file::close()
{
  if (!file_) throw std::logic_error(what_ + " is closed");
  const bool failed = std::ferror(file_) != 0;
  const bool closed = std::fclose(std::exchange(file_, nullptr)) == 0;
  if (failed || !closed) throw std::runtime_error(what_ + " could not be written");
}

}  // namespace pedalpower::exports
