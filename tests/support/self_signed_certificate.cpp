#include "self_signed_certificate.hpp"

#include <cstdio>
#include <memory>
#include <stdexcept>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace {

template <auto free_function>
struct openssl_deleter {
  template <typename T>
  void operator()(T* p) const { free_function(p); }
};

using key_ptr = std::unique_ptr<EVP_PKEY, openssl_deleter<EVP_PKEY_free>>;
using certificate_ptr = std::unique_ptr<X509, openssl_deleter<X509_free>>;
using extension_ptr = std::unique_ptr<X509_EXTENSION, openssl_deleter<X509_EXTENSION_free>>;
using file_ptr = std::unique_ptr<FILE, openssl_deleter<std::fclose>>;

void require(bool ok, const char* step)
{
  if (!ok) throw std::runtime_error(std::string("making a test certificate: ") + step + " failed");
}

file_ptr open_for_writing(const std::string& path)
{
  file_ptr file(std::fopen(path.c_str(), "w"));
  require(file != nullptr, "opening the output file");
  return file;
}

}  // namespace

certificate_files make_self_signed_certificate(const std::string& folder)
{
  key_ptr key(EVP_EC_gen("P-256"));
  require(key != nullptr, "generating the key");

  certificate_ptr certificate(X509_new());
  require(certificate != nullptr, "allocating the certificate");
  require(X509_set_version(certificate.get(), 2) == 1, "setting the version");
  require(ASN1_INTEGER_set(X509_get_serialNumber(certificate.get()), 1) == 1, "setting the serial number");
  require(X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -60) != nullptr, "setting the start date");
  require(X509_gmtime_adj(X509_getm_notAfter(certificate.get()), 24 * 3600) != nullptr, "setting the end date");
  require(X509_set_pubkey(certificate.get(), key.get()) == 1, "setting the public key");

  X509_NAME* name = X509_get_subject_name(certificate.get());
  const auto common_name = reinterpret_cast<const unsigned char*>("localhost");
  require(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, common_name, -1, -1, 0) == 1, "naming the subject");
  require(X509_set_issuer_name(certificate.get(), name) == 1, "naming the issuer");

  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, certificate.get(), certificate.get(), nullptr, nullptr, 0);
  extension_ptr alt_names(
      X509V3_EXT_conf_nid(nullptr, &context, NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1"));
  require(alt_names != nullptr, "making the subject alternative names");
  require(X509_add_ext(certificate.get(), alt_names.get(), -1) == 1, "adding the subject alternative names");
  require(X509_sign(certificate.get(), key.get(), EVP_sha256()) > 0, "signing");

  certificate_files files{folder + "/cert.pem", folder + "/key.pem"};
  {
    const auto out = open_for_writing(files.certificate);
    require(PEM_write_X509(out.get(), certificate.get()) == 1, "writing the certificate");
  }
  {
    const auto out = open_for_writing(files.private_key);
    require(PEM_write_PrivateKey(out.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1, "writing the key");
  }
  return files;
}
