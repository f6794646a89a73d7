# Writes a C++ source holding the OpenAPI document as text, so the server always carries the
# description of the routes it was built with.
file(READ "${INPUT}" document)
file(WRITE "${OUTPUT}.tmp" "// Generated from backend/api/openapi/openapi.json by embed_openapi.cmake.\n#include \"openapi_document.hpp\"\n\nnamespace pedalpower::api {\n\nstd::string_view openapi_document()\n{\n  return R\"pedalpower_json(${document})pedalpower_json\";\n}\n\n}  // namespace pedalpower::api\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
