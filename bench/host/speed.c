// Fixed work (a pipe write and read, and a pass over 256 kB) counted per 100 ms on each CPU: how steady the host's speed is.
#include "host.h"
#include <string.h>
static double secs;
static int cmp(const void *x, const void *y) { return *(long *)x - *(long *)y; }
static void *run(void *x) {
  long c = (long)x; pin(c);
  int p[2]; pipe(p); char *buf = malloc(262144); memset(buf, 1, 262144); long sum = 0;
  int nb = secs * 10; long *ops = calloc(nb, sizeof(long)); double start = now_s();
  for (;;) { double t = now_s() - start; int b = t * 10; if (b >= nb) break;
    char ch = 'x'; write(p[1], &ch, 1); read(p[0], &ch, 1);
    for (int i = 0; i < 262144; i += 64) sum += buf[i]++;
    ops[b]++; }
  qsort(ops, nb, sizeof(long), cmp);
  printf("cpu %ld: ops per 100 ms min %ld p1 %ld p10 %ld p50 %ld p90 %ld max %ld (%ld)\n", c, ops[0], ops[nb / 100], ops[nb / 10], ops[nb / 2], ops[nb * 9 / 10], ops[nb - 1], sum & 1);
  return 0;
}
int main(int argc, char **argv) { secs = atof(argv[1]); int n = argc > 2 ? atoi(argv[2]) : 2; pthread_t t[2];
  for (long i = 0; i < n; i++) pthread_create(&t[i], 0, run, (void *)i);
  for (int i = 0; i < n; i++) pthread_join(t[i], 0); }
