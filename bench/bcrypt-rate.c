/* The raw bcrypt verify rate of libxcrypt (crypt_r), the baseline of bench/sign-in.sh: THREADS
 * threads each verify PASSWORD against HASH for SECONDS seconds; prints the checks per second and the CPU milliseconds per check. */
#include <crypt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *hash, *password;
static double seconds;
static long total;
static int mismatches;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void *run(void *arg) {
    (void) arg;
    struct crypt_data *data = calloc(1, sizeof *data);
    long n = 0;
    int bad = 0;
    double end = now() + seconds;
    while (now() < end) {
        const char *out = crypt_r(password, hash, data);
        if (out == NULL || strcmp(out, hash) != 0) bad++;
        n++;
    }
    pthread_mutex_lock(&lock);
    total += n;
    mismatches += bad;
    pthread_mutex_unlock(&lock);
    free(data);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: %s HASH PASSWORD THREADS SECONDS\n", argv[0]);
        return 2;
    }
    hash = argv[1];
    password = argv[2];
    int threads = atoi(argv[3]);
    seconds = atof(argv[4]);
    pthread_t *ts = calloc(threads, sizeof *ts);
    double start = now();
    for (int i = 0; i < threads; i++) pthread_create(&ts[i], NULL, run, NULL);
    for (int i = 0; i < threads; i++) pthread_join(ts[i], NULL);
    double took = now() - start;
    struct timespec cpu;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
    if (mismatches) {
        fprintf(stderr, "%d checks did not match\n", mismatches);
        return 1;
    }
    printf("%.2f %.1f\n", total / took, (cpu.tv_sec + cpu.tv_nsec / 1e9) * 1000 / total);
    return 0;
}
