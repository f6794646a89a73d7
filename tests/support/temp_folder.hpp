#pragma once

#include <string>

/// A fresh folder in the system temp folder, removed with its contents at the end of the test.
class temp_folder {
public:
  temp_folder();
  ~temp_folder();
  temp_folder(const temp_folder&) = delete;
  temp_folder& operator=(const temp_folder&) = delete;

  const std::string& path() const { return path_; }
  /// `name` inside the folder.
  std::string file(const std::string& name) const { return path_ + "/" + name; }

private:
  std::string path_;
};
