// The bytes come from a source generated at build time by cmake/embed_asset.cmake (see sim/report/CMakeLists.txt).
#include "sim/report/assets.hpp"

#include <cstddef>

namespace irpsim::report {

namespace assets_data {
extern const unsigned char chart_js[];  // the file's bytes, then a NUL
extern const std::size_t chart_js_size;
}  // namespace assets_data

std::string_view chart_js() {
  return {reinterpret_cast<const char*>(assets_data::chart_js), assets_data::chart_js_size};
}

}  // namespace irpsim::report
