#pragma once

#include <atomic>
#include <filesystem>
#include <string>
#include <unistd.h>

// A database file in the system temp folder, removed with its WAL files at the end of the test.
class temp_database {
public:
  temp_database()
  {
    static std::atomic<int> counter{0};
    path_ = (std::filesystem::temp_directory_path() /
             ("pedalpower-db-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".sqlite"))
                .string();
  }
  ~temp_database()
  {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }
  temp_database(const temp_database&) = delete;
  temp_database& operator=(const temp_database&) = delete;
  const std::string& path() const { return path_; }

private:
  std::string path_;
};
