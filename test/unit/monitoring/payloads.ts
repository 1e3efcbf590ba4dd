/**
 * Payloads in the shapes real servers send. The exposition mixes a Go client library's default metrics, node_exporter
 * lines and the example from the Prometheus exposition-format documentation (escapes, timestamps, +Inf).
 */
export const GO_SERVICE_METRICS = String.raw`# HELP go_gc_duration_seconds A summary of the wall-time pause (stop-the-world) duration in garbage collection cycles.
# TYPE go_gc_duration_seconds summary
go_gc_duration_seconds{quantile="0"} 2.8413e-05
go_gc_duration_seconds{quantile="0.25"} 4.1302e-05
go_gc_duration_seconds{quantile="0.5"} 5.5718e-05
go_gc_duration_seconds{quantile="0.75"} 8.0126e-05
go_gc_duration_seconds{quantile="1"} 0.000432716
go_gc_duration_seconds_sum 0.004316041
go_gc_duration_seconds_count 42
# HELP go_goroutines Number of goroutines that currently exist.
# TYPE go_goroutines gauge
go_goroutines 37
# HELP go_memstats_alloc_bytes Number of bytes allocated in heap and currently in use.
# TYPE go_memstats_alloc_bytes gauge
go_memstats_alloc_bytes 4.194304e+06
# HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.
# TYPE node_cpu_seconds_total counter
node_cpu_seconds_total{cpu="0",mode="idle"} 98765.43
node_cpu_seconds_total{cpu="0",mode="user"} 1234.56
node_cpu_seconds_total{cpu="1",mode="idle"} 98001.2
node_cpu_seconds_total{cpu="1",mode="user"} 1300.04
# HELP node_filesystem_avail_bytes Filesystem space available to non-root users in bytes.
# TYPE node_filesystem_avail_bytes gauge
node_filesystem_avail_bytes{device="/dev/nvme0n1p2",fstype="ext4",mountpoint="/"} 1.23456789e+11
node_filesystem_avail_bytes{device="tmpfs",fstype="tmpfs",mountpoint="/run"} 1.6777216e+09
# HELP http_requests_total The total number of HTTP requests.
# TYPE http_requests_total counter
http_requests_total{method="post",code="200"} 1027 1395066363000
http_requests_total{method="post",code="400"}    3 1395066363000

# Escaping in label values:
msdos_file_access_time_seconds{path="C:\\DIR\\FILE.TXT",error="Cannot find file:\n\"FILE.TXT\""} 1.458255915e9

# Minimalistic line:
metric_without_timestamp_and_labels 12.47

# A weird metric from before the epoch:
something_weird{problem="division by zero"} +Inf -3982045

# HELP process_max_fds Maximum number of open file descriptors.
# TYPE process_max_fds gauge
process_max_fds 1.048576e+06
# HELP cache_hit_ratio Ratio of cache hits; NaN before the first lookup.
# TYPE cache_hit_ratio gauge
cache_hit_ratio{cache="sessions"} NaN
# HELP weird_help A help text with a backslash \\ and a line break \n in it.
# TYPE weird_help untyped
weird_help{le_not_a_bucket="x",trailing="comma",} -Inf
# A histogram, which has a pretty complex representation in the text format:
# HELP http_request_duration_seconds A histogram of the request duration.
# TYPE http_request_duration_seconds histogram
http_request_duration_seconds_bucket{handler="/api/checkout",le="0.05"} 24054
http_request_duration_seconds_bucket{handler="/api/checkout",le="0.1"} 33444
http_request_duration_seconds_bucket{handler="/api/checkout",le="0.2"} 100392
http_request_duration_seconds_bucket{handler="/api/checkout",le="0.5"} 129389
http_request_duration_seconds_bucket{handler="/api/checkout",le="1"} 133988
http_request_duration_seconds_bucket{handler="/api/checkout",le="+Inf"} 144320
http_request_duration_seconds_sum{handler="/api/checkout"} 53423
http_request_duration_seconds_count{handler="/api/checkout"} 144320
http_request_duration_seconds_bucket{handler="/healthz",le="0.05"} 10
http_request_duration_seconds_bucket{handler="/healthz",le="0.1"} 10
http_request_duration_seconds_bucket{handler="/healthz",le="0.2"} 10
http_request_duration_seconds_bucket{handler="/healthz",le="0.5"} 10
http_request_duration_seconds_bucket{handler="/healthz",le="1"} 10
http_request_duration_seconds_bucket{handler="/healthz",le="+Inf"} 10
http_request_duration_seconds_sum{handler="/healthz"} 0.1
http_request_duration_seconds_count{handler="/healthz"} 10
# HELP rpc_duration_seconds A summary of the RPC duration in seconds.
# TYPE rpc_duration_seconds summary
rpc_duration_seconds{quantile="0.01"} 3102
rpc_duration_seconds{quantile="0.05"} 3272
rpc_duration_seconds{quantile="0.5"} 4773
rpc_duration_seconds{quantile="0.9"} 9001
rpc_duration_seconds{quantile="0.99"} 76656
rpc_duration_seconds_sum 1.7560473e+07
rpc_duration_seconds_count 2693
`

/** Counts of the documentation histogram's checkout buckets, lowest first, +Inf last. */
export const CHECKOUT_BUCKETS: Array<[number, number]> = [
  [0.05, 24054],
  [0.1, 33444],
  [0.2, 100392],
  [0.5, 129389],
  [1, 133988],
  [Number.POSITIVE_INFINITY, 144320]
]

/** Prometheus HTTP API bodies, as `/api/v1/query` and `/api/v1/query_range` return them. */
export const PROM_VECTOR = JSON.stringify({
  status: 'success',
  data: {
    resultType: 'vector',
    result: [{ metric: { __name__: 'up', instance: 'localhost:9090', job: 'prometheus' }, value: [1435781451.781, '1'] }]
  }
})

export const PROM_EMPTY_VECTOR = '{"status":"success","data":{"resultType":"vector","result":[]}}'

export const PROM_TWO_SERIES = JSON.stringify({
  status: 'success',
  data: {
    resultType: 'vector',
    result: [
      { metric: { instance: 'canary-0:8080', job: 'checkout' }, value: [1435781451.781, '0.002'] },
      { metric: { instance: 'baseline-0:8080', job: 'checkout' }, value: [1435781451.781, '0.0004'] }
    ]
  }
})

export const PROM_MATRIX = JSON.stringify({
  status: 'success',
  data: {
    resultType: 'matrix',
    result: [
      {
        metric: { __name__: 'up', instance: 'localhost:9090', job: 'prometheus' },
        values: [
          [1435781430.781, '1'],
          [1435781445.781, '1'],
          [1435781460.781, '1']
        ]
      },
      {
        metric: { job: 'checkout', instance: 'canary-0:8080' },
        values: [
          [1435781430.781, '0.0012'],
          [1435781445.781, 'NaN'],
          [1435781460.781, '+Inf'],
          [1435781475.781, '-Inf']
        ]
      }
    ]
  }
})

export const PROM_SCALAR = '{"status":"success","data":{"resultType":"scalar","result":[1435781451.781,"0.25"]}}'

export const PROM_STRING = '{"status":"success","data":{"resultType":"string","result":[1435781451.781,"canary"]}}'

export const PROM_NAN_VECTOR = JSON.stringify({
  status: 'success',
  data: { resultType: 'vector', result: [{ metric: { job: 'checkout' }, value: [1435781451.781, 'NaN'] }] }
})

export const PROM_INF_VECTOR = JSON.stringify({
  status: 'success',
  data: { resultType: 'vector', result: [{ metric: {}, value: [1435781451.781, '+Inf'] }] }
})

export const PROM_WARNINGS = JSON.stringify({
  status: 'success',
  data: { resultType: 'vector', result: [{ metric: {}, value: [1435781451.781, '3'] }] },
  warnings: ['PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket']
})

/** What Prometheus answers, with HTTP 400, to `sum(rate(http_requests_total[5m]` (a missing parenthesis). */
export const PROM_ERROR = JSON.stringify({
  status: 'error',
  errorType: 'bad_data',
  error: 'invalid parameter "query": 1:32: parse error: unclosed left parenthesis'
})

/** A service health endpoint, Spring Boot actuator style with a few additions. */
export const HEALTH_JSON = JSON.stringify({
  status: 'UP',
  checks: {
    db: { status: 'UP', latencyMs: 12.5, pool: { active: 3, max: 20 } },
    cache: { status: 'UP', latencyMs: '0.8', healthy: true },
    queue: { status: 'DEGRADED', depth: null, lag: 'high' }
  },
  items: [
    { name: 'checkout', value: 0.0012 },
    { name: 'cart', value: 0.0004 }
  ],
  'build.info': { version: '2.6.0' }
})
