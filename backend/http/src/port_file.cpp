#include "pedalpower/http/port_file.hpp"

#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace pedalpower::http {

void write_port_file(const std::string& path, unsigned short port)
{
  const std::string partial = path + ".partial";
  {
    std::ofstream out(partial, std::ios::trunc);
    out << port << '\n';
    if (!out.flush()) throw std::runtime_error("cannot write the port file " + partial);
  }
  if (std::rename(partial.c_str(), path.c_str()) != 0) {
    throw std::runtime_error("cannot rename " + partial + " to " + path);
  }
}

}  // namespace pedalpower::http
