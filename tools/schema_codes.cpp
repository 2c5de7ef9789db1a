// citecheck-schema-codes SCHEMA — writes the finding codes of src/finding_codes.cpp into the
// JSON schema's enum ($defs/finding_code), so the report contract lists exactly the codes the
// program knows. Run through `cmake --build build --target schema-codes`; the test
// "the schema's finding codes are the program's" fails until it has been run after a change.
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "src/finding_codes.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: citecheck-schema-codes docs/report.schema.json\n";
    return 2;
  }
  nlohmann::ordered_json schema;
  try {
    std::ifstream in(argv[1]);
    schema = nlohmann::ordered_json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    std::cerr << "citecheck-schema-codes: cannot read '" << argv[1] << "': " << e.what() << "\n";
    return 1;
  }
  nlohmann::ordered_json codes = nlohmann::ordered_json::array();
  for (const auto& c : citecheck::finding_codes()) codes.push_back(std::string(c.code));
  schema["$defs"]["finding_code"]["enum"] = codes;
  std::ofstream out(argv[1], std::ios::trunc);
  out << schema.dump(2) << "\n";
  if (!out.flush()) {
    std::cerr << "citecheck-schema-codes: cannot write '" << argv[1] << "'\n";
    return 1;
  }
  std::cout << codes.size() << " finding codes written to " << argv[1] << "\n";
  return 0;
}
