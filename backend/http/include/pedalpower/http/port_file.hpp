#pragma once

#include <string>

namespace pedalpower::http {

/// Writes `port` to `path` atomically (a reader never sees a half-written file).
/// Throws std::runtime_error if the file cannot be written.
void write_port_file(const std::string& path, unsigned short port);

}  // namespace pedalpower::http
