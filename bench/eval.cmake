# citecheck-eval: the pipeline scored on real documents (not a ctest test). Included from the
# top-level CMakeLists.txt; the GROBID corpus joins when its source exists.
add_executable(citecheck-eval bench/eval_main.cpp bench/eval_jats.cpp bench/jats_render.cpp)
if(EXISTS ${CMAKE_SOURCE_DIR}/bench/eval_grobid.cpp)
  target_sources(citecheck-eval PRIVATE bench/eval_grobid.cpp bench/eval_fields.cpp bench/grobid_corpus.cpp bench/jats_citations.cpp bench/csl_synthetic.cpp bench/list_layouts.cpp)
  target_compile_definitions(citecheck-eval PRIVATE CITECHECK_EVAL_GROBID)
endif()
target_link_libraries(citecheck-eval PRIVATE citecheck_core)
target_compile_definitions(citecheck-eval PRIVATE CITECHECK_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
set_target_properties(citecheck-eval PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR})
# Adding bench/eval_grobid.cpp touches the folder, so the next build configures again and picks it up.
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/bench)
