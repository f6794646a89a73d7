# Writes a C++ source holding the common-password list, so the server needs no data file at run time.
file(READ "${INPUT}" words)
file(WRITE "${OUTPUT}.tmp" "// Generated from backend/domain/data/common_passwords.txt by embed_common_passwords.cmake.\n#include \"common_passwords.hpp\"\n\nnamespace pedalpower::domain {\n\nstd::string_view common_passwords_text()\n{\n  return R\"pedalpower_words(${words})pedalpower_words\";\n}\n\n}  // namespace pedalpower::domain\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
