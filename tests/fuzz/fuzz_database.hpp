#pragma once

#include <filesystem>
#include <string>
#include <unistd.h>

#include "pedalpower/core/clock.hpp"

// The database file a fuzz target works on: one per process in the system temp folder.
namespace fuzz_app {

using namespace pedalpower;

inline const pedalpower::unix_seconds seeded_at = 1'748'865'600;  // 2025-06-02T12:00:00Z

inline std::string database_path()
{
  return (std::filesystem::temp_directory_path() / ("pedalpower-fuzz-" + std::to_string(::getpid()) + ".sqlite")).string();
}

inline void remove_database()
{
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(database_path() + suffix);
}

}  // namespace fuzz_app
