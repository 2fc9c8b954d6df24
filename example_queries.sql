-- Example queries for analysts and data scientists: run one in psql, DBeaver, Metabase or a notebook.
-- Tables: sensors, measurements, rejected_messages, duplicate_readings, and the rollups
-- measurements_1min, measurements_1hour and measurements_1day. Views: latest_readings,
-- hourly_aggregates, sensor_staleness, measurements_1min_quality. Functions: resample and the
-- sensor_* data-quality indicators (\df sensor_* in psql lists them).
-- Literals marked "-- parameter" are meant to be edited. Windows are relative to now(), so every
-- query stays useful on a live database. Hours and days follow the session's TimeZone
-- (SET TIME ZONE 'Europe/Berlin'; to change it). Statistics leave out out_of_range readings,
-- as the hourly_aggregates view does.
-- Layout, checked by ExampleQueriesTests: one comment line directly above each query, no blank
-- lines inside a query, and the closing ';' at the end of the query's last line.

-- == Current state ==

-- What is each sensor reporting right now, and how old is that reading?
SELECT sensor_id,
       sensor_name,
       location,
       ts,
       value,
       unit,
       quality,
       date_trunc('second', age) AS age
  FROM latest_readings
 ORDER BY sensor_id;

-- Which registered sensors have sent nothing for 15 minutes or more, or never sent anything?
SELECT s.id                                            AS sensor_id,
       s.name,
       s.location,
       l.last_ts,
       date_trunc('second', now() - l.last_ts)         AS silent_for
  FROM sensors s
 CROSS JOIN LATERAL (SELECT max(m.ts) AS last_ts
                       FROM measurements m
                      WHERE m.sensor_id = s.id) l
 WHERE l.last_ts IS NULL
    OR l.last_ts < now() - interval '15 minutes'      -- parameter: silence threshold
 ORDER BY l.last_ts NULLS FIRST;

-- Which sensor ids that are not registered sent readings in the last 24 hours?
SELECT m.sensor_id,
       count(*)                                        AS readings,
       min(m.ts)                                       AS first_seen,
       max(m.ts)                                       AS last_seen,
       round(min(m.value)::numeric, 2)                 AS min_value,
       round(max(m.value)::numeric, 2)                 AS max_value,
       string_agg(DISTINCT coalesce(m.unit, '?'), ', ') AS units
  FROM measurements m
 WHERE m.ts >= now() - interval '24 hours'
   AND NOT EXISTS (SELECT 1 FROM sensors s WHERE s.id = m.sensor_id)
 GROUP BY m.sensor_id
 ORDER BY readings DESC;

-- == Aggregates over time ==

-- How did one sensor behave hour by hour over the last 24 hours (the hourly_aggregates view)?
SELECT hour,
       reading_count,
       valid_count,
       out_of_range_count,
       round(avg_value::numeric, 2)                    AS avg_value,
       round(min_value::numeric, 2)                    AS min_value,
       round(max_value::numeric, 2)                    AS max_value,
       round(stddev_value::numeric, 3)                 AS stddev_value
  FROM hourly_aggregates
 WHERE sensor_id = 'sensor-1'                                   -- parameter: sensor
   AND hour >= date_trunc('hour', now() - interval '24 hours')
 ORDER BY hour;

-- What were each sensor's daily count, valid share, mean, minimum and maximum over the last 7 days (days of hourly_aggregates)?
SELECT sensor_id,
       date_trunc('day', hour)::date                   AS day,
       sum(reading_count)                              AS readings,
       round(100.0 * sum(valid_count) / sum(reading_count), 1) AS valid_pct,
       round((sum(avg_value * (reading_count - out_of_range_count))
              / nullif(sum(reading_count - out_of_range_count), 0))::numeric, 2) AS avg_value,
       round(min(min_value)::numeric, 2)               AS min_value,
       round(max(max_value)::numeric, 2)               AS max_value
  FROM hourly_aggregates
 WHERE hour >= date_trunc('day', now() - interval '7 days')    -- parameter: days back
 GROUP BY sensor_id, day
 ORDER BY sensor_id, day;

-- What are the hourly means of the five sensors side by side over the last 24 hours (one row per hour)?
SELECT hour,
       round(max(avg_value) FILTER (WHERE sensor_id = 'sensor-1')::numeric, 2) AS "sensor-1",
       round(max(avg_value) FILTER (WHERE sensor_id = 'sensor-2')::numeric, 2) AS "sensor-2",
       round(max(avg_value) FILTER (WHERE sensor_id = 'sensor-3')::numeric, 2) AS "sensor-3",
       round(max(avg_value) FILTER (WHERE sensor_id = 'sensor-4')::numeric, 2) AS "sensor-4",
       round(max(avg_value) FILTER (WHERE sensor_id = 'sensor-5')::numeric, 2) AS "sensor-5"
  FROM hourly_aggregates
 WHERE hour >= date_trunc('hour', now() - interval '24 hours')
 GROUP BY hour
 ORDER BY hour;

-- What was the throughput in readings per minute (by ts) over the last hour, with empty minutes as 0?
SELECT minute,
       count(m.ts)                                     AS readings,
       count(DISTINCT m.sensor_id)                     AS sensors
  FROM generate_series(date_trunc('minute', now() - interval '1 hour'),
                       date_trunc('minute', now()),
                       interval '1 minute') AS minute
  LEFT JOIN measurements m
         ON m.ts >= minute
        AND m.ts <  minute + interval '1 minute'
 GROUP BY minute
 ORDER BY minute;

-- What were the first, last, lowest and highest value of each hour for one sensor over the last 24 hours?
SELECT date_trunc('hour', ts)                                    AS hour,
       round((array_agg(value ORDER BY ts))[1]::numeric, 2)      AS opening_value,
       round((array_agg(value ORDER BY ts DESC))[1]::numeric, 2) AS closing_value,
       round(min(value)::numeric, 2)                             AS low_value,
       round(max(value)::numeric, 2)                             AS high_value,
       count(*)                                                  AS readings
  FROM measurements
 WHERE sensor_id = 'sensor-1'                                   -- parameter: sensor
   AND quality <> 'out_of_range'
   AND ts >= now() - interval '24 hours'
 GROUP BY hour
 ORDER BY hour;

-- How does each sensor's mean over the last 24 hours compare with the 24 hours before?
WITH windows AS (
    SELECT sensor_id,
           avg(value) FILTER (WHERE ts >= now() - interval '24 hours')   AS avg_last_24h,
           avg(value) FILTER (WHERE ts <  now() - interval '24 hours')   AS avg_previous_24h,
           count(*)   FILTER (WHERE ts >= now() - interval '24 hours')   AS readings_last_24h,
           count(*)   FILTER (WHERE ts <  now() - interval '24 hours')   AS readings_previous_24h
      FROM measurements
     WHERE quality <> 'out_of_range'
       AND ts >= now() - interval '48 hours'
     GROUP BY sensor_id
)
SELECT sensor_id,
       readings_last_24h,
       readings_previous_24h,
       round(avg_last_24h::numeric, 2)                 AS avg_last_24h,
       round(avg_previous_24h::numeric, 2)             AS avg_previous_24h,
       round((avg_last_24h - avg_previous_24h)::numeric, 2) AS change,
       round((100 * (avg_last_24h / nullif(avg_previous_24h, 0) - 1))::numeric, 1) AS change_pct
  FROM windows
 ORDER BY abs(avg_last_24h / nullif(avg_previous_24h, 0) - 1) DESC NULLS LAST;

-- At what time of day did each sensor reach its daily minimum and maximum over the last 7 days?
SELECT sensor_id,
       date_trunc('day', ts)::date                                    AS day,
       round(min(value)::numeric, 2)                                  AS min_value,
       to_char((array_agg(ts ORDER BY value, ts))[1], 'HH24:MI')      AS min_at,
       round(max(value)::numeric, 2)                                  AS max_value,
       to_char((array_agg(ts ORDER BY value DESC, ts))[1], 'HH24:MI') AS max_at
  FROM measurements
 WHERE quality <> 'out_of_range'
   AND ts >= date_trunc('day', now() - interval '7 days')
 GROUP BY sensor_id, day
 ORDER BY sensor_id, day;

-- == Distributions ==

-- What are the median, 95th and 99th percentile of each sensor's readings over the last 24 hours?
SELECT sensor_id,
       count(*)                                                                 AS readings,
       round(percentile_cont(0.50) WITHIN GROUP (ORDER BY value)::numeric, 2)  AS p50,
       round(percentile_cont(0.95) WITHIN GROUP (ORDER BY value)::numeric, 2)  AS p95,
       round(percentile_cont(0.99) WITHIN GROUP (ORDER BY value)::numeric, 2)  AS p99
  FROM measurements
 WHERE quality <> 'out_of_range'
   AND ts >= now() - interval '24 hours'
 GROUP BY sensor_id
 ORDER BY sensor_id;

-- How are one sensor's readings of the last 24 hours spread over equal-width buckets (a histogram)?
WITH readings AS (
    SELECT value
      FROM measurements
     WHERE sensor_id = 'sensor-2'                               -- parameter: sensor
       AND quality <> 'out_of_range'
       AND ts >= now() - interval '24 hours'
),
bounds AS (
    SELECT min(value) AS lo,
           max(value) AS hi,
           10         AS buckets                                -- parameter: bucket count
      FROM readings
)
SELECT b.bucket,
       round((lo + (b.bucket - 1) * (hi - lo) / buckets)::numeric, 1) AS from_value,
       round((lo + b.bucket * (hi - lo) / buckets)::numeric, 1)       AS to_value,
       count(r.value)                                                  AS readings,
       repeat('#', (40 * count(r.value) / nullif(max(count(r.value)) OVER (), 0))::int) AS bar
  FROM bounds
 CROSS JOIN generate_series(1, buckets) AS b(bucket)
  LEFT JOIN readings r
         ON least(width_bucket(r.value, lo, hi, buckets), buckets) = b.bucket
 GROUP BY b.bucket, lo, hi, buckets
 ORDER BY b.bucket;

-- How long did readings take from measurement to the collector (received_at - ts) per sensor, in ms?
SELECT sensor_id,
       count(*)                                                                   AS readings,
       round(percentile_cont(0.50) WITHIN GROUP (ORDER BY delay_ms)::numeric, 1)  AS p50_ms,
       round(percentile_cont(0.95) WITHIN GROUP (ORDER BY delay_ms)::numeric, 1)  AS p95_ms,
       round(percentile_cont(0.99) WITHIN GROUP (ORDER BY delay_ms)::numeric, 1)  AS p99_ms,
       round(max(delay_ms)::numeric, 1)                                           AS max_ms
  FROM (SELECT sensor_id,
               (1000 * extract(epoch FROM received_at - ts))::double precision AS delay_ms
          FROM measurements
         WHERE ts >= now() - interval '24 hours') d
 GROUP BY sensor_id
 ORDER BY p99_ms DESC;

-- == Data quality ==

-- How many readings of each quality did each sensor send in the last 24 hours (with a total row)?
SELECT coalesce(sensor_id, 'all sensors')                 AS sensor_id,
       count(*)                                           AS readings,
       count(*) FILTER (WHERE quality = 'valid')          AS valid,
       count(*) FILTER (WHERE quality = 'out_of_range')   AS out_of_range,
       count(*) FILTER (WHERE quality = 'unknown_sensor') AS unknown_sensor,
       round(100.0 * count(*) FILTER (WHERE quality <> 'valid') / nullif(count(*), 0), 2) AS not_valid_pct
  FROM measurements
 WHERE ts >= now() - interval '24 hours'
 GROUP BY ROLLUP (sensor_id)
 ORDER BY grouping(sensor_id), sensor_id;

-- Which readings of the last 24 hours were out of range, with the sensor's limits and the overshoot?
SELECT m.sensor_id,
       s.name,
       m.ts,
       m.value,
       m.unit,
       s.min_value,
       s.max_value,
       round(CASE WHEN m.value < s.min_value THEN m.value - s.min_value
                  ELSE m.value - s.max_value
             END::numeric, 2)                          AS beyond_limit
  FROM measurements m
  JOIN sensors s ON s.id = m.sensor_id
 WHERE m.quality = 'out_of_range'
   AND m.ts >= now() - interval '24 hours'
 ORDER BY m.ts DESC;

-- Where are gaps of more than 10 minutes between consecutive readings of a sensor in the last 48 hours?
SELECT sensor_id,
       previous_ts                                     AS gap_start,
       ts                                              AS gap_end,
       ts - previous_ts                                AS gap_length
  FROM (SELECT sensor_id,
               ts,
               lag(ts) OVER (PARTITION BY sensor_id ORDER BY ts) AS previous_ts
          FROM measurements
         WHERE ts >= now() - interval '48 hours') r
 WHERE ts - previous_ts > interval '10 minutes'                 -- parameter: gap threshold
 ORDER BY gap_length DESC;

-- Which messages were probably lost, judging by forward jumps in each sensor's seq over the last 24 hours?
SELECT sensor_id,
       previous_ts,
       ts,
       previous_seq,
       seq,
       seq - previous_seq - 1                          AS missing_messages
  FROM (SELECT sensor_id,
               ts,
               seq,
               lag(ts)  OVER w                         AS previous_ts,
               lag(seq) OVER w                         AS previous_seq
          FROM measurements
         WHERE seq IS NOT NULL
           AND ts >= now() - interval '24 hours'
        WINDOW w AS (PARTITION BY sensor_id ORDER BY ts)) r
 WHERE seq > previous_seq + 1
 ORDER BY missing_messages DESC, ts;

-- == Rejected messages ==

-- Why were messages rejected in the last 24 hours: count, topics, first and last time, latest detail?
SELECT reason,
       count(*)                                        AS messages,
       count(DISTINCT topic)                           AS topics,
       min(received_at)                                AS first_at,
       max(received_at)                                AS last_at,
       (array_agg(detail ORDER BY received_at DESC))[1] AS latest_detail
  FROM rejected_messages
 WHERE received_at >= now() - interval '24 hours'
 GROUP BY reason
 ORDER BY messages DESC, reason;

-- What share of incoming messages was rejected in each hour of the last 24 hours?
WITH accepted AS (
    SELECT date_trunc('hour', received_at) AS hour, count(*) AS messages
      FROM measurements
     WHERE received_at >= now() - interval '24 hours'
     GROUP BY 1
),
rejected AS (
    SELECT date_trunc('hour', received_at) AS hour, count(*) AS messages
      FROM rejected_messages
     WHERE received_at >= now() - interval '24 hours'
     GROUP BY 1
)
SELECT hour,
       coalesce(a.messages, 0)                         AS accepted,
       coalesce(r.messages, 0)                         AS rejected,
       round(100.0 * coalesce(r.messages, 0) / (coalesce(a.messages, 0) + coalesce(r.messages, 0)), 2) AS rejected_pct
  FROM accepted a
  FULL JOIN rejected r USING (hour)
 ORDER BY hour;

-- What did the 20 most recent rejected messages contain (text, or hex when the payload is not text)?
SELECT received_at,
       topic,
       reason,
       detail,
       octet_length(payload)                           AS payload_bytes,
       left(coalesce(payload_text, '0x' || encode(payload, 'hex')), 200) AS payload_preview
  FROM rejected_messages
 ORDER BY received_at DESC
 LIMIT 20;

-- == Anomalies and relationships ==

-- Which readings of the last 24 hours lie more than 3 standard deviations from their sensor's 7-day mean?
WITH baseline AS (
    SELECT sensor_id,
           avg(value)                                  AS mean,
           stddev_samp(value)                          AS stddev
      FROM measurements
     WHERE quality <> 'out_of_range'
       AND ts >= now() - interval '7 days'                      -- parameter: baseline window
     GROUP BY sensor_id
)
SELECT m.sensor_id,
       m.ts,
       m.value,
       round(b.mean::numeric, 2)                       AS mean,
       round(b.stddev::numeric, 2)                     AS stddev,
       round(((m.value - b.mean) / b.stddev)::numeric, 2) AS z_score
  FROM measurements m
  JOIN baseline b ON b.sensor_id = m.sensor_id
 WHERE m.quality <> 'out_of_range'
   AND m.ts >= now() - interval '24 hours'
   AND b.stddev > 0
   AND abs(m.value - b.mean) > 3 * b.stddev                     -- parameter: z threshold
 ORDER BY abs(m.value - b.mean) / b.stddev DESC
 LIMIT 100;

-- Which readings of the last 24 hours lie more than 4 standard deviations from their sensor's preceding hour?
SELECT sensor_id,
       ts,
       value,
       round(mean_1h::numeric, 2)                      AS mean_1h,
       round(stddev_1h::numeric, 3)                    AS stddev_1h,
       round(((value - mean_1h) / stddev_1h)::numeric, 1) AS z_score
  FROM (SELECT sensor_id,
               ts,
               value,
               avg(value)         OVER w               AS mean_1h,
               stddev_samp(value) OVER w               AS stddev_1h,
               count(*)           OVER w               AS readings_1h
          FROM measurements
         WHERE quality <> 'out_of_range'
           AND ts >= now() - interval '25 hours'
        WINDOW w AS (PARTITION BY sensor_id
                     ORDER BY ts
                     RANGE BETWEEN interval '1 hour' PRECEDING AND CURRENT ROW
                     EXCLUDE CURRENT ROW)) r
 WHERE ts >= now() - interval '24 hours'
   AND readings_1h >= 20
   AND stddev_1h > 0
   AND abs(value - mean_1h) > 4 * stddev_1h                     -- parameter: z threshold
 ORDER BY abs(value - mean_1h) / stddev_1h DESC
 LIMIT 100;

-- How strongly do pairs of sensors move together over the last 24 hours (corr() on per-minute means)?
WITH per_minute AS (
    SELECT sensor_id,
           date_trunc('minute', ts)                    AS minute,
           avg(value)                                  AS value
      FROM measurements
     WHERE quality = 'valid'
       AND ts >= now() - interval '24 hours'
     GROUP BY sensor_id, date_trunc('minute', ts)
)
SELECT a.sensor_id                                     AS sensor_a,
       b.sensor_id                                     AS sensor_b,
       count(*)                                        AS minutes,
       round(corr(a.value, b.value)::numeric, 3)       AS correlation
  FROM per_minute a
  JOIN per_minute b
    ON b.minute = a.minute
   AND b.sensor_id > a.sensor_id
 GROUP BY a.sensor_id, b.sensor_id
HAVING count(*) >= 60                                           -- parameter: minimum shared minutes
 ORDER BY abs(corr(a.value, b.value)) DESC NULLS LAST;

-- How do one sensor's readings of the last 6 hours compare with their 10-reading and 15-minute moving averages?
SELECT ts,
       value,
       round((avg(value) OVER last_10_readings)::numeric, 2) AS avg_10_readings,
       round((avg(value) OVER last_15_minutes)::numeric, 2)  AS avg_15_minutes
  FROM measurements
 WHERE sensor_id = 'sensor-1'                                   -- parameter: sensor
   AND quality <> 'out_of_range'
   AND ts >= now() - interval '6 hours'
WINDOW last_10_readings AS (ORDER BY ts ROWS BETWEEN 9 PRECEDING AND CURRENT ROW),
       last_15_minutes  AS (ORDER BY ts RANGE BETWEEN interval '15 minutes' PRECEDING AND CURRENT ROW)
 ORDER BY ts;

-- == Data-quality indicators ==

-- Which registered sensors are late or silent right now, judged by each sensor's own thresholds?
SELECT sensor_id,
       sensor_name,
       last_ts,
       last_received_at,
       date_trunc('second', staleness)                 AS staleness,
       status
  FROM sensor_staleness
 WHERE status <> 'ok'
 ORDER BY staleness DESC NULLS FIRST;

-- How complete was each sensor's data over the last 24 hours, received against expected readings?
SELECT sensor_id,
       nominal_interval,
       expected,
       received,
       missing,
       completeness
  FROM sensor_completeness(now() - interval '24 hours', now())   -- parameter: window
 ORDER BY completeness NULLS FIRST, sensor_id;

-- Where did a sensor send nothing for longer than 3 nominal intervals in the last 48 hours, and how much is missing?
SELECT sensor_id,
       gap_start,
       gap_end,
       date_trunc('second', gap_length)                AS gap_length,
       missing_readings
  FROM sensor_gaps(now() - interval '48 hours', now(),
                   NULL)                                        -- parameter: minimum gap, NULL: 3 x nominal_interval
 ORDER BY gap_length DESC;

-- How many readings did one sensor send per minute over the last hour, against how many it should have?
SELECT bucket,
       reading_count,
       valid_count,
       out_of_range_count,
       round(in_range_avg::numeric, 2)                 AS in_range_avg,
       round(expected::numeric, 2)                     AS expected,
       completeness
  FROM measurements_1min_quality
 WHERE sensor_id = 'sensor-1'                                   -- parameter: sensor
   AND bucket >= now() - interval '1 hour'
 ORDER BY bucket;

-- How many readings, out-of-range values, duplicates, redeliveries and rejections did each sensor have in the last 24 hours?
SELECT sensor_id,
       readings,
       valid,
       out_of_range,
       unknown_sensor,
       round(100 * out_of_range_share::numeric, 2)     AS out_of_range_pct,
       duplicates,
       redeliveries,
       rejected
  FROM sensor_reading_quality(now() - interval '24 hours', now())
 ORDER BY sensor_id;

-- For which reasons were each sensor's messages rejected over the last 24 hours, and what did the latest say?
SELECT coalesce(sensor_id, '(no sensor in topic)')     AS sensor_id,
       reason,
       rejected,
       first_received_at,
       last_received_at,
       latest_detail
  FROM sensor_rejections(now() - interval '24 hours', now())
 ORDER BY sensor_id, rejected DESC;

-- Which sensors' readings arrived over a minute late, or carried a timestamp ahead of their arrival, in the last 24 hours?
SELECT sensor_id,
       readings,
       late_arrivals,
       date_trunc('second', max_delay)                 AS max_delay,
       ahead_of_receipt,
       date_trunc('second', max_ahead)                 AS max_ahead,
       median_delay
  FROM sensor_timing(now() - interval '24 hours', now(),
                     interval '1 minute',                       -- parameter: late after
                     interval '2 seconds')                      -- parameter: clock skew tolerated
 WHERE late_arrivals > 0
    OR ahead_of_receipt > 0
 ORDER BY late_arrivals + ahead_of_receipt DESC;

-- When did a sensor repeat exactly the same value for at least its flatline_after in the last 24 hours?
SELECT sensor_id,
       start_ts,
       end_ts,
       duration,
       value,
       readings
  FROM sensor_flatlines(now() - interval '24 hours', now(),
                        NULL)                                   -- parameter: minimum duration, NULL: sensors.flatline_after
 ORDER BY duration DESC;

-- Which spikes and steps between consecutive readings beyond each sensor's max_step happened in the last 24 hours?
SELECT sensor_id,
       ts,
       previous_value,
       value,
       round(step::numeric, 2)                         AS step,
       kind
  FROM sensor_jumps(now() - interval '24 hours', now(),
                    NULL)                                       -- parameter: max step, NULL: sensors.max_step
 WHERE kind <> 'return'
 ORDER BY ts DESC;

-- How far can each sensor be trusted over the last 24 hours: every indicator and the problems it found, in one query?
SELECT sensor_id,
       sensor_name,
       problems,
       completeness,
       gaps,
       date_trunc('second', longest_gap)               AS longest_gap,
       staleness_status,
       out_of_range_share,
       duplicates,
       rejected,
       late_arrivals,
       ahead_of_receipt,
       flatlines,
       jumps
  FROM sensor_quality(now() - interval '24 hours', now(),
                      0.95)                                     -- parameter: completeness below which it is a problem
 ORDER BY cardinality(problems) DESC, sensor_id;

-- == Rollups and resampling ==

-- What were each sensor's hourly count, in-range mean, minimum and maximum over the last 24 hours (from measurements_1hour)?
SELECT sensor_id,
       bucket                                          AS hour_utc,
       reading_count,
       out_of_range_count,
       round(in_range_avg::numeric, 2)                 AS in_range_avg,
       round(in_range_min::numeric, 2)                 AS in_range_min,
       round(in_range_max::numeric, 2)                 AS in_range_max
  FROM measurements_1hour
 WHERE bucket >= now() - interval '24 hours'
 ORDER BY sensor_id, bucket;

-- What were each sensor's daily readings, in-range mean and first and last value by UTC day (from measurements_1day, kept after raw readings expire)?
SELECT sensor_id,
       bucket::date                                    AS day_utc,
       reading_count,
       valid_count,
       round(in_range_avg::numeric, 2)                 AS in_range_avg,
       round(first_value::numeric, 2)                  AS first_value,
       round(last_value::numeric, 2)                   AS last_value
  FROM measurements_1day
 WHERE bucket >= now() - interval '7 days'                      -- parameter: days back
 ORDER BY sensor_id, bucket;

-- What was one sensor's 5-minute average over the last 24 hours, empty buckets carrying the last value forward (resample, locf)?
SELECT bucket,
       round(value::numeric, 2)                        AS value,
       reading_count,
       filled
  FROM resample('sensor-3', now() - interval '24 hours', now(),  -- parameter: sensor and window
                interval '5 minutes', 'locf')                   -- parameter: step and fill (none, locf, linear)
 ORDER BY bucket;

-- What was one sensor's 1-minute average over the last 24 hours, empty minutes interpolated linearly (resample, linear)?
SELECT bucket,
       round(value::numeric, 2)                        AS value,
       reading_count,
       filled
  FROM resample('sensor-3', now() - interval '24 hours', now(),  -- parameter: sensor and window
                interval '1 minute', 'linear')                  -- parameter: step and fill (none, locf, linear)
 ORDER BY bucket;
