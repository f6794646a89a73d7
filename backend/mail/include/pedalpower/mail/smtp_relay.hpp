#pragma once

#include <chrono>
#include <string>

// Sends one message to the trust's SMTP relay. Knows nothing of the scheme: the caller writes the
// words; this library only carries them.
namespace pedalpower::mail {

enum class transport_security {
  starttls,  ///< smtp:// upgraded with STARTTLS; refused if the relay does not offer it
  implicit,  ///< smtps://, TLS from the first byte
  none,      ///< plain SMTP: only for a relay on the same machine
};

struct relay_settings {
  std::string host;
  unsigned short port = 587;
  transport_security security = transport_security::starttls;
  std::string username;  ///< empty: no authentication
  std::string password;
  std::string ca_file;   ///< extra trusted certificates (PEM); the system's are trusted too
  std::string from_address;
  std::string from_name;
  std::chrono::seconds timeout{60};
};

struct message {
  std::string to;
  std::string subject;     ///< UTF-8
  std::string text;        ///< UTF-8, CRLF line ends
  std::string html;        ///< UTF-8; empty: text only
  std::string message_id;  ///< "<...@...>", the same on every attempt
};

struct delivery {
  bool accepted = false;
  bool permanent = false;  ///< the relay refused for good (5xx): trying again will not help
  std::string error;       ///< what went wrong, for the outbox; empty when accepted
};

/// The whole message as sent: headers and a multipart/alternative body in base64.
std::string compose(const relay_settings& relay, const message& mail, std::chrono::system_clock::time_point date);

/// Hands `mail` to the relay; the certificate is always verified. Never throws for a delivery
/// failure: the result says what happened.
delivery send(const relay_settings& relay, const message& mail);

}  // namespace pedalpower::mail
