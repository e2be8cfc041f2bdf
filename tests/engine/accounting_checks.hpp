// Shared by the engine tests that run whole simulations: every request issued came back, nothing stuck, no violation.
#pragma once
#include <catch2/catch.hpp>

#include <cstdint>

#include "sim/engine/simulation.hpp"

namespace irpsim::test {

inline void check_all_accounted(const engine::SimulationResult& r, std::uint64_t requests) {
  CHECK(r.accounting.issued == requests);
  CHECK(r.accounting.completed == requests);
  CHECK(r.accounting.stuck.empty());
  CHECK(r.accounting.violations.empty());
  CHECK_FALSE(r.deadlocked);
}

}  // namespace irpsim::test
