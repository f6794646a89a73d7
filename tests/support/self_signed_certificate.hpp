#pragma once

#include <string>

struct certificate_files {
  std::string certificate;  ///< PEM certificate path
  std::string private_key;  ///< PEM private key path
};

/// Writes a throwaway self-signed certificate for localhost and 127.0.0.1, valid for a day, and
/// its key into `folder`. Throws std::runtime_error if OpenSSL fails.
certificate_files make_self_signed_certificate(const std::string& folder);
