#pragma once

#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <random>
#include <string>

#include "pedalpower/export/file_writer.hpp"

/// Writes a file of `format` with `write` into a fresh temporary path and gives back its bytes;
/// the file is removed afterwards.
inline std::string written_file(pedalpower::exports::file_format format,
                                const std::function<void(pedalpower::domain::report_writer&)>& write)
{
  std::random_device seed;
  const auto path = std::filesystem::temp_directory_path() /
                    ("pedalpower-export-test-" + std::to_string(seed()) + "." +
                     std::string(pedalpower::exports::file_ending(format)));
  {
    auto writer = pedalpower::exports::open_file_writer(format, path);
    write(*writer);
    writer->finish();
  }
  std::ifstream in(path, std::ios::binary);
  std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  std::filesystem::remove(path);
  return bytes;
}
