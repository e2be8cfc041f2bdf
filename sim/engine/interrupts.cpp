#include "sim/engine/interrupts.hpp"

namespace irpsim::engine {

namespace {

volatile std::sig_atomic_t g_received = 0;

void on_signal(int signal_number) { g_received = signal_number; }

}  // namespace

InterruptGuard::InterruptGuard() {
  g_received = 0;
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;
  ::sigaction(SIGINT, &action, &old_int_);
  ::sigaction(SIGTERM, &action, &old_term_);
}

InterruptGuard::~InterruptGuard() {
  ::sigaction(SIGINT, &old_int_, nullptr);
  ::sigaction(SIGTERM, &old_term_, nullptr);
}

int InterruptGuard::received() { return g_received; }

}  // namespace irpsim::engine
