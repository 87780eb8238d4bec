// autocannon ships no types; declare just the part the benchmarks use.
declare module 'autocannon' {
  interface Histogram { average: number; p50: number; p99: number; min: number; max: number }
  interface Options {
    url: string;
    connections?: number;
    pipelining?: number;
    duration?: number;
    /** A number of requests instead of a duration. */
    amount?: number;
    headers?: Record<string, string>;
  }
  interface Result {
    requests: Histogram;
    latency: Histogram;
    non2xx: number;
    errors: number;
    timeouts: number;
    statusCodeStats: Record<string, { count: number }>;
  }
  function autocannon(opts: Options): Promise<Result>;
  export default autocannon;
}
