// Round trip of one byte between two threads over pipes, pinned to the given vCPUs (-1: anywhere),
// with an optional pause between trips: the cost of waking a thread, on an idle or a busy vCPU.
#include "host.h"
static int a[2], b[2]; static int N = 20000;
static int cb;
static void *echo(void *x) { pin(cb); char c; for (int i = 0; i < N; i++) { read(a[0], &c, 1); write(b[1], &c, 1); } return 0; }
static int cmp(const void *x, const void *y) { double d = *(double *)x - *(double *)y; return d < 0 ? -1 : d > 0; }
int main(int argc, char **argv) {
  int ca = atoi(argv[1]); cb = atoi(argv[2]); int gap = argc > 3 ? atoi(argv[3]) : 0;
  pipe(a); pipe(b); pthread_t t; pthread_create(&t, 0, echo, 0); pin(ca);
  double *r = malloc(N * sizeof *r); char c = 'x';
  for (int i = 0; i < N; i++) { if (gap) usleep(gap); double s = now_s(); write(a[1], &c, 1); read(b[0], &c, 1); r[i] = (now_s() - s) * 1e6; }
  qsort(r, N, sizeof *r, cmp);
  printf("cpu %d<->%d gap %dus: rtt us p50 %.1f p90 %.1f p99 %.1f max %.1f\n", ca, cb, gap, r[N/2], r[N*9/10], r[N*99/100], r[N-1]);
}
