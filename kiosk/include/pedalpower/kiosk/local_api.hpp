#pragma once

#include <string>

#include "pedalpower/api/request.hpp"
#include "pedalpower/api/response.hpp"
#include "pedalpower/kiosk/kiosk_service.hpp"
#include "pedalpower/kiosk/local_guard.hpp"

namespace pedalpower::kiosk {

/// What the browser on this kiosk talks to: the /local/* JSON routes and the UI's files. The
/// person's session travels in the X-Kiosk-Session header; every request passes `guard` first.
class local_api {
public:
  local_api(kiosk_service& service, std::string ui_root, const local_guard& guard)
      : service_(service), ui_root_(std::move(ui_root)), guard_(guard)
  {
  }

  /// Answers one request; errors come back as {"error": {...}} bodies, never as exceptions.
  api::response handle(const api::request& req);

private:
  api::response route(const api::request& req);

  kiosk_service& service_;
  std::string ui_root_;
  const local_guard& guard_;
};

}  // namespace pedalpower::kiosk
