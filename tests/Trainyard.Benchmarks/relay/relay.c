// The cheapest relay there is (docs/benchmarks.md, "The throughput ratio's limit"): one thread, epoll, one upstream
// connection per client connection, bytes copied as they come, no HTTP parsed at all. A lower bound for any
// forwarding process's CPU per request. Build: gcc -O2 -o relay relay.c; run: ./relay <listen port> <server port>
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <fcntl.h>
#define MAXFD 65536
static int peer[MAXFD];
static void nodelay(int fd) { int one = 1; setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one); }
int main(int argc, char **argv) {
    int lport = atoi(argv[1]), uport = atoi(argv[2]);
    int ls = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(lport), .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    if (bind(ls, (void *)&a, sizeof a) || listen(ls, 512)) { perror("listen"); return 1; }
    int ep = epoll_create1(0);
    struct epoll_event ev = { .events = EPOLLIN, .data.fd = ls };
    epoll_ctl(ep, EPOLL_CTL_ADD, ls, &ev);
    struct epoll_event events[128];
    static char buf[65536];
    for (;;) {
        int n = epoll_wait(ep, events, 128, -1);
        for (int i = 0; i < n; i++) {
            int fd = events[i].data.fd;
            if (fd == ls) {
                int c = accept(ls, NULL, NULL);
                int u = socket(AF_INET, SOCK_STREAM, 0);
                struct sockaddr_in ua = { .sin_family = AF_INET, .sin_port = htons(uport), .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
                if (connect(u, (void *)&ua, sizeof ua)) { perror("connect"); close(c); close(u); continue; }
                nodelay(c); nodelay(u);
                fcntl(c, F_SETFL, O_NONBLOCK); fcntl(u, F_SETFL, O_NONBLOCK);
                peer[c] = u; peer[u] = c;
                struct epoll_event e1 = { .events = EPOLLIN, .data.fd = c }, e2 = { .events = EPOLLIN, .data.fd = u };
                epoll_ctl(ep, EPOLL_CTL_ADD, c, &e1); epoll_ctl(ep, EPOLL_CTL_ADD, u, &e2);
                continue;
            }
            ssize_t r = read(fd, buf, sizeof buf);
            if (r <= 0) { if (r < 0 && errno == EAGAIN) continue; int p = peer[fd]; close(fd); close(p); continue; }
            for (ssize_t off = 0; off < r;) {
                ssize_t w = write(peer[fd], buf + off, r - off);
                if (w < 0) { if (errno == EAGAIN) continue; break; }
                off += w;
            }
        }
    }
}
