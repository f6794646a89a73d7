#pragma once

#include <stdexcept>
#include <string>

namespace pedalpower::telematics {

/// Input that cannot be accepted. It names the field at fault (a protocol key, a JSON path, a GPX
/// element or a CSV column) so the HTTP layer can answer 422 with it and a CLI can say what to fix.
class invalid_input : public std::invalid_argument {
public:
  /// `what()` reads "<field>: <why>".
  invalid_input(std::string field, const std::string& why);
  const std::string& field() const noexcept { return field_; }
  /// The "why" alone, without the field.
  const std::string& reason() const noexcept { return reason_; }

private:
  std::string field_;
  std::string reason_;
};

}  // namespace pedalpower::telematics
