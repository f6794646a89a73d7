# Writes a C++ source holding the text of every factor-set JSON file, in file-name order.
set(body "")
string(REPLACE "|" ";" input_list "${INPUTS}")
foreach(path IN LISTS input_list)
  file(READ "${path}" json)
  string(APPEND body "      R\"pedalpower_json(${json})pedalpower_json\",\n")
endforeach()
file(WRITE "${OUTPUT}.tmp" "// Generated from telematics/data by embed_factor_sets.cmake.\n#include \"embedded_factor_sets.hpp\"\n\nnamespace pedalpower::telematics {\n\nstd::span<const std::string_view> embedded_factor_set_files() noexcept\n{\n  static constexpr std::string_view files[]{\n${body}  };\n  return files;\n}\n\n}  // namespace pedalpower::telematics\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
