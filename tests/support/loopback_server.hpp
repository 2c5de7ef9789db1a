// loopback_server.hpp — an HTTP server on 127.0.0.1 and an ephemeral port, in a thread of
// the test itself (cpp-httplib), that records every request it sees. The resolver tests
// talk only to it: no test ever opens a connection to a non-loopback address.
#pragma once

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "resolvers/resolver_options.hpp"

namespace citecheck::test {

class LoopbackServer {
 public:
  struct Seen {
    std::string method, path;
    std::chrono::steady_clock::time_point at;
  };

  httplib::Server server;

  LoopbackServer() {
    // Recorded before the handler runs, so a client that has its answer finds it logged.
    server.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response&) {
      std::lock_guard<std::mutex> lock(mutex_);
      seen_.push_back({req.method, req.path, std::chrono::steady_clock::now()});
      return httplib::Server::HandlerResponse::Unhandled;
    });
    server.set_keep_alive_max_count(1000);
  }
  ~LoopbackServer() { stop(); }

  // Call after registering the handlers.
  void start() {
    port_ = server.bind_to_any_port("127.0.0.1");
    if (port_ <= 0) throw std::runtime_error("cannot bind a loopback port");
    thread_ = std::thread([this] { server.listen_after_bind(); });
    for (int i = 0; i < 200 && !server.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  void stop() {
    if (thread_.joinable()) {
      server.stop();
      thread_.join();
    }
  }
  int port() const { return port_; }
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
  std::vector<Seen> seen() {
    std::lock_guard<std::mutex> lock(mutex_);
    return seen_;
  }
  std::size_t count(const std::string& method, const std::string& path) {
    std::size_t n = 0;
    for (const auto& s : seen())
      if (s.method == method && s.path == path) ++n;
    return n;
  }

 private:
  int port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  std::vector<Seen> seen_;
};

// Resolver options for talking to a loopback server: private addresses allowed, no
// politeness interval, short timeouts, one retry.
inline ResolverOptions loopback_options() {
  ResolverOptions o;
  o.allow_private = true;
  o.per_host_interval_ms = 0;
  o.timeout = 5;
  o.connect_timeout = 2;
  o.retries = 1;
  return o;
}

// A port on 127.0.0.1 that nothing listens on (bound without listening, then closed).
inline int closed_loopback_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

}  // namespace citecheck::test
