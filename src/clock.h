/*
 * clock.h -- the calling thread's CPU time, for the corpus run's
 * per-stage timings (th_corpus_options.timings).
 */
#ifndef TH_CLOCK_H
#define TH_CLOCK_H
#include <time.h>

/* CPU seconds the calling thread has used (0 if the clock is missing). */
static inline double th__thread_cpu(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
        return 0;
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}
#endif
