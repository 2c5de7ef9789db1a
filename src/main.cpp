#include "src/cli.hpp"

int main(int argc, char** argv) { return citecheck::run_cli(argc, argv); }
