#include "link_proxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <stdexcept>
#include <vector>

namespace tongban::fault_test {
namespace {

sockaddr_in loopback(std::uint16_t port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

// Closes with an RST rather than a FIN: the peer sees the connection broken, not a clean end.
void reset(int fd) {
  if (fd < 0) return;
  linger hard{1, 0};
  setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
  close(fd);
}

int connect_upstream(std::uint16_t port) {
  if (port == 0) return -1;
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in address = loopback(port);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

bool write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    ssize_t n = send(fd, data, size, MSG_NOSIGNAL);
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

// One proxied connection: client side and upstream side; upstream -1 while black-holed.
struct Pair {
  int client = -1;
  int upstream = -1;
  bool client_done = false;    // the client half-closed (we passed the FIN on)
  bool upstream_done = false;  // the upstream half-closed
};

}  // namespace

LinkProxy::LinkProxy(std::uint16_t upstream_port) : upstream_(upstream_port) {
  listener_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listener_ < 0) throw std::runtime_error("proxy: socket failed");
  sockaddr_in address = loopback(0);
  if (bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || listen(listener_, 128) != 0) {
    close(listener_);
    throw std::runtime_error("proxy: cannot listen on 127.0.0.1");
  }
  socklen_t size = sizeof address;
  getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &size);
  port_ = ntohs(address.sin_port);
  thread_ = std::thread([this] { loop(); });
}

LinkProxy::~LinkProxy() {
  stopping_.store(true);
  if (thread_.joinable()) thread_.join();
  close(listener_);
}

void LinkProxy::loop() {
  std::vector<Pair> pairs;
  bool was_cut = false;
  std::array<char, 64 * 1024> buffer{};
  while (!stopping_.load()) {
    const bool now_cut = cut_.load();
    if (now_cut != was_cut) {  // a cut resets what is open; a restore drops what was black-holed
      for (auto& p : pairs) {
        reset(p.client);
        reset(p.upstream);
        ++dropped_;
      }
      pairs.clear();
      was_cut = now_cut;
    }
    std::vector<pollfd> fds{{listener_, POLLIN, 0}};
    for (const auto& p : pairs) {
      fds.push_back({p.client, static_cast<short>(p.client_done ? 0 : POLLIN), 0});
      fds.push_back({p.upstream, static_cast<short>(p.upstream_done ? 0 : POLLIN), 0});
    }
    if (poll(fds.data(), fds.size(), 20) <= 0) continue;
    std::vector<Pair> accepted;  // joins `pairs` after this round: it has no entry in `fds` yet
    if (fds[0].revents & POLLIN) {
      int client = accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
      if (client >= 0) {
        int upstream = was_cut ? -1 : connect_upstream(upstream_.load());
        if (!was_cut && upstream < 0) {
          reset(client);  // the peer is down: the sender sees a refused/broken connection
        } else {
          accepted.push_back({client, upstream, false, upstream < 0});
          if (upstream >= 0) ++forwarded_;
        }
      }
    }
    std::vector<Pair> kept;
    for (std::size_t i = 0; i < pairs.size(); ++i) {
      Pair& p = pairs[i];
      bool broken = false;
      auto pump = [&](int from, int to, short revents, bool& done) {
        if (done || !(revents & (POLLIN | POLLHUP | POLLERR))) return;
        ssize_t n = recv(from, buffer.data(), buffer.size(), MSG_DONTWAIT);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
        if (n > 0) {
          if (to >= 0 && !write_all(to, buffer.data(), static_cast<std::size_t>(n))) broken = true;
        } else if (n == 0) {
          done = true;
          if (to >= 0) shutdown(to, SHUT_WR);
        } else {
          broken = true;
        }
      };
      pump(p.client, p.upstream, fds[1 + 2 * i].revents, p.client_done);
      if (p.upstream >= 0) pump(p.upstream, p.client, fds[2 + 2 * i].revents, p.upstream_done);
      const bool finished = p.upstream >= 0 ? (p.client_done && p.upstream_done) : p.client_done;
      if (broken || finished) {
        reset(p.client);
        reset(p.upstream);
      } else {
        kept.push_back(p);
      }
    }
    kept.insert(kept.end(), accepted.begin(), accepted.end());
    pairs.swap(kept);
  }
  for (auto& p : pairs) {
    reset(p.client);
    reset(p.upstream);
  }
}

}  // namespace tongban::fault_test
