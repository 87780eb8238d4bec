// autocannon ships no types; declare just the part the benchmarks use.
declare module 'autocannon' {
  interface Histogram { average: number; p50: number; p99: number; min: number; max: number; total: number }
  interface Options {
    url: string;
    connections?: number;
    pipelining?: number;
    duration?: number;
    /** A number of requests instead of a duration. */
    amount?: number;
    headers?: Record<string, string>;
    /** Requests sent in turn; setupRequest may rewrite each before it goes (e.g. a unique body). */
    requests?: Array<{ method?: string; path?: string; headers?: Record<string, string>; body?: string; setupRequest?: (req: any) => any }>;
  }
  interface Result {
    requests: Histogram;
    latency: Histogram;
    throughput: Histogram;
    non2xx: number;
    errors: number;
    timeouts: number;
    statusCodeStats: Record<string, { count: number }>;
  }
  function autocannon(opts: Options): Promise<Result>;
  export default autocannon;
}
