#include "pedalpower/http/port_file.hpp"

#include <filesystem>
#include <fstream>

#include "temp_folder.hpp"

TEST_CASE("the port file holds the port and nothing is left half-written beside it")
{
  const temp_folder folder;
  const auto path = folder.file("port");
  pedalpower::http::write_port_file(path, 43117);
  std::ifstream in(path);
  int port = 0;
  in >> port;
  CHECK(port == 43117);
  CHECK(std::distance(std::filesystem::directory_iterator(folder.path()), std::filesystem::directory_iterator()) == 1);
}

TEST_CASE("a port file in a missing folder is an error")
{
  const temp_folder folder;
  CHECK_THROWS_AS(pedalpower::http::write_port_file(folder.file("missing/port"), 1), std::runtime_error);
}
