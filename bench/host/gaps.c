// A spinner on each vCPU reading the clock: the gaps in which it did not run (host preemption,
// interrupts; this VM reports no steal time).
#include "host.h"
static double secs;
static double now() { return now_s() * 1e3; } // ms
static void *spin(void *x) {
  long c = (long)x; pin(c);
  double start = now(), last = start, lost = 0, max = 0; long g1 = 0, g5 = 0, g10 = 0, g50 = 0;
  for (;;) { double t = now(), d = t - last; last = t;
    if (d > 0.05) { lost += d; if (d > max) max = d; if (d > 1) g1++; if (d > 5) g5++; if (d > 10) g10++; if (d > 50) g50++; }
    if (t - start > secs * 1000) break; }
  printf("cpu %ld: gaps >1ms %ld, >5ms %ld, >10ms %ld, >50ms %ld, max %.1f ms, time lost %.1f%%\n", c, g1, g5, g10, g50, max, 100 * lost / (secs * 1000));
  return 0;
}
int main(int argc, char **argv) { secs = atof(argv[1]); pthread_t t[2];
  for (long i = 0; i < 2; i++) pthread_create(&t[i], 0, spin, (void *)i);
  for (int i = 0; i < 2; i++) pthread_join(t[i], 0); }
