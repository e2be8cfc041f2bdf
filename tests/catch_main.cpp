// Catch2's main and implementation, compiled once for every test executable (tests/CMakeLists.txt): the single
// header's implementation is the slowest file of the build to compile.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
