#pragma once

#include "pedalpower/api/app.hpp"

namespace pedalpower::api {

/// Sends the outbox's due messages through the relay, recording each outcome as it comes, until
/// none is due. A message may go twice only if the process dies between the relay's acceptance
/// and the record of it; its Message-ID lets the reader's mail system drop the copy.
void deliver_due_mail(const app& application);

}  // namespace pedalpower::api
