#pragma once

#include <cstdint>
#include <string>

namespace pedalpower::domain {

/// Who caused a change, as written to the audit log: "user:3:alice", "device:2:kiosk-basildon".
/// A kiosk acting for a staff member names both: "device:2:kiosk-basildon/staff:S12345".
struct actor {
  std::string label;
};

}  // namespace pedalpower::domain
