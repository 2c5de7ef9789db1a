# Writes a C++ source holding model files as string literals, so the program carries the
# committed models and needs no install path. Run as: cmake -DOUT=… -DMODELS="a;b" -P this.
# A model file is plain ASCII text (parsers/learned/linear_chain.hpp); it is parsed and
# checked (version, checksum) when citecheck starts, not here.
set(body "// Generated from parsers/models/ by cmake/embed_models.cmake; do not edit.\n#include <string_view>\n\nnamespace citecheck::embedded {\n")
foreach(model IN LISTS MODELS)
  get_filename_component(name "${model}" NAME_WE)
  string(MAKE_C_IDENTIFIER "${name}" ident)
  file(READ "${model}" text)
  set(body "${body}extern const std::string_view ${ident}_model;\nconst std::string_view ${ident}_model = R\"citecheck_model(${text})citecheck_model\";\n")
endforeach()
set(body "${body}}  // namespace citecheck::embedded\n")
file(WRITE "${OUT}.tmp" "${body}")
file(RENAME "${OUT}.tmp" "${OUT}")
