#pragma once

#include <atomic>
#include <filesystem>
#include <string>
#include <unistd.h>

// A database file in the system temp folder, removed with its WAL files, its folder of export
// files and its report packs at the end of the test.
class temp_database {
public:
  temp_database()
  {
    static std::atomic<int> counter{0};
    path_ = (std::filesystem::temp_directory_path() /
             ("pedalpower-db-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".sqlite"))
                .string();
    // A test process that crashed leaves its files behind, and a later one may get the same pid.
    remove_files();
  }
  ~temp_database() { remove_files(); }
  temp_database(const temp_database&) = delete;
  temp_database& operator=(const temp_database&) = delete;
  const std::string& path() const { return path_; }

private:
  void remove_files() const
  {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
    // What the app keeps beside its database: the monthly report packs.
    std::filesystem::remove_all(std::filesystem::path(path_).replace_extension().string() + "-report-packs");
    std::filesystem::remove_all(path_ + "-exports");  // where the server writes files it sends
  }

  std::string path_;
};
