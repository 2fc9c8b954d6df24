-- Data-quality indicators per sensor over a window [from_ts, to_ts), for analysts in psql and pgAdmin:
--   SELECT * FROM sensor_quality(now() - interval '24 hours', now());
--
-- The window applies to the reading's ts unless a function says otherwise. Thresholds come from the sensor's
-- row in sensors (nominal_interval, late_after, silent_after, flatline_after, max_step) unless an argument
-- overrides them. Functions that need those thresholds cover registered sensors only, and list every one of
-- them, so a registered sensor without readings shows up (as incomplete, as one gap, as silent) instead of
-- being missing.
--
-- Each function reads measurements per sensor by a range scan of the (sensor_id, ts) primary key, never the
-- whole table. They are plain SQL functions, so PostgreSQL inlines them: a filter such as
-- WHERE sensor_id = 'sensor-3' on the result reaches the scan and only that sensor's readings are read.
-- They run with the caller's rights (SECURITY INVOKER), so bi_reader can call them.

-- The SQL functions below cannot raise an error themselves; they call these in their WHERE clause, where a
-- condition on the arguments alone is evaluated once, before any row is read.
CREATE FUNCTION require_argument(valid boolean, problem text) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF valid IS NOT TRUE THEN
        RAISE EXCEPTION '%', problem USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN true;
END
$$;

COMMENT ON FUNCTION require_argument(boolean, text) IS 'Returns true when valid is true, else raises invalid_parameter_value with the message problem; the argument check of the quality functions.';

CREATE FUNCTION require_time_window(from_ts timestamptz, to_ts timestamptz) RETURNS boolean
    LANGUAGE sql STABLE
    RETURN require_argument(from_ts < to_ts, format('from_ts must be before to_ts, were %L and %L', from_ts, to_ts));

COMMENT ON FUNCTION require_time_window(timestamptz, timestamptz) IS 'Returns true when from_ts is before to_ts, else raises invalid_parameter_value.';

-- 1. Completeness: readings received against readings expected from the nominal interval. Both stop at
-- now() - late_after: time that has not passed yet is not missing (a window such as "today"), and the latest
-- readings may still be on their way through the collector's buffer, which is staleness's business.
CREATE FUNCTION sensor_completeness(from_ts timestamptz, to_ts timestamptz)
    RETURNS TABLE (sensor_id text, nominal_interval interval, expected bigint, received bigint, missing bigint,
                   completeness double precision)
    LANGUAGE sql STABLE AS $$
SELECT s.id,
       s.nominal_interval,
       e.expected,
       r.received,
       greatest(e.expected - r.received, 0),
       CASE WHEN e.expected > 0 THEN round(r.received::numeric / e.expected, 4)::double precision END
FROM sensors s
CROSS JOIN LATERAL (
    SELECT greatest(floor(extract(epoch FROM least(to_ts, now() - s.late_after) - from_ts)
                          / extract(epoch FROM s.nominal_interval)), 0)::bigint AS expected) e
CROSS JOIN LATERAL (
    SELECT count(*) AS received
    FROM measurements m
    WHERE m.sensor_id = s.id AND m.ts >= from_ts AND m.ts < least(to_ts, now() - s.late_after)) r
WHERE require_time_window(from_ts, to_ts)
ORDER BY s.id
$$;

COMMENT ON FUNCTION sensor_completeness(timestamptz, timestamptz) IS 'Per registered sensor: readings expected in [from_ts, least(to_ts, now() - late_after)) from nominal_interval, readings received with ts in that range, how many are missing, and completeness = received / expected rounded to 4 decimals (NULL when nothing was expected yet).';

-- 2. Gaps: the leading edge (from_ts to the first reading) is the lag() default; the trailing edge, or the
-- whole window when there is no reading, is the one row of an aggregate without GROUP BY. The trailing edge
-- ends at now() - late_after at the latest: time that has not passed yet is not missing, and readings of the
-- last late_after may still be on their way (a sensor quiet since then is staleness's business).
CREATE FUNCTION sensor_gaps(from_ts timestamptz, to_ts timestamptz, min_gap interval DEFAULT NULL)
    RETURNS TABLE (sensor_id text, gap_start timestamptz, gap_end timestamptz, gap_length interval,
                   missing_readings bigint)
    LANGUAGE sql STABLE AS $$
SELECT s.id,
       g.gap_start,
       g.gap_end,
       g.gap_end - g.gap_start,
       -- between two readings neither end is missing; at an edge of the window one end is not a reading
       greatest(floor(extract(epoch FROM g.gap_end - g.gap_start) / extract(epoch FROM s.nominal_interval))::bigint
                - CASE WHEN g.between_readings THEN 1 ELSE 0 END, 0)
FROM sensors s
CROSS JOIN LATERAL (
    SELECT r.previous_ts AS gap_start, r.ts AS gap_end, r.between_readings
    FROM (SELECT m.ts,
                 lag(m.ts, 1, from_ts) OVER w AS previous_ts,
                 row_number() OVER w > 1 AS between_readings
          FROM measurements m
          WHERE m.sensor_id = s.id AND m.ts >= from_ts AND m.ts < to_ts
          WINDOW w AS (ORDER BY m.ts)) r
    UNION ALL
    SELECT coalesce(max(m.ts), from_ts), greatest(least(to_ts, now() - s.late_after), max(m.ts), from_ts), false
    FROM measurements m
    WHERE m.sensor_id = s.id AND m.ts >= from_ts AND m.ts < to_ts) g
WHERE require_time_window(from_ts, to_ts)
  AND require_argument(min_gap IS NULL OR min_gap > interval '0', format('min_gap must be a positive interval, was %L', min_gap))
  AND g.gap_end - g.gap_start > coalesce(min_gap, 3 * s.nominal_interval)
ORDER BY s.id, g.gap_start
$$;

COMMENT ON FUNCTION sensor_gaps(timestamptz, timestamptz, interval) IS 'Per registered sensor, every stretch without readings longer than min_gap (default 3 x nominal_interval): between consecutive readings in [from_ts, to_ts), from from_ts to the first reading, and from the last reading to least(to_ts, now() - late_after); a sensor without readings has one gap over the whole window. missing_readings is how many readings nominal_interval would have produced inside the gap.';

-- 3. Staleness now, from sensor_activity (one row per sensor) rather than a scan of measurements. Judged on
-- received_at, not ts: a sensor whose clock is wrong is still heard from.
CREATE VIEW sensor_staleness AS
SELECT s.id                                 AS sensor_id,
       s.name                               AS sensor_name,
       s.nominal_interval,
       a.last_ts,
       a.last_value,
       a.last_received_at,
       now() - a.last_received_at           AS staleness,
       CASE WHEN a.last_received_at IS NULL OR now() - a.last_received_at > s.silent_after THEN 'silent'
            WHEN now() - a.last_received_at > s.late_after THEN 'late'
            ELSE 'ok'
       END                                  AS status
FROM sensors s
LEFT JOIN sensor_activity a ON a.sensor_id = s.id;

COMMENT ON VIEW sensor_staleness IS 'Per registered sensor, right now: its newest reading, how long ago a reading was last received, and status silent (never received, or staleness > silent_after), late (staleness > late_after) or ok.';
COMMENT ON COLUMN sensor_staleness.staleness IS 'now() - last_received_at; NULL when the sensor never sent a reading.';

-- Registered sensors plus every sensor that may have readings in the window: sensor_activity knows each
-- sensor that ever sent one, with its first and last ts, so unregistered ids are found without a scan.
CREATE FUNCTION quality_candidate_sensors(from_ts timestamptz, to_ts timestamptz)
    RETURNS TABLE (sensor_id text, registered boolean)
    LANGUAGE sql STABLE AS $$
SELECT s.id, true FROM sensors s
UNION ALL
SELECT a.sensor_id, false
FROM sensor_activity a
WHERE a.first_ts < to_ts AND a.last_ts >= from_ts
  AND NOT EXISTS (SELECT FROM sensors s WHERE s.id = a.sensor_id)
$$;

COMMENT ON FUNCTION quality_candidate_sensors(timestamptz, timestamptz) IS 'Every registered sensor, and every unregistered sensor whose readings (per sensor_activity) may fall in [from_ts, to_ts).';

-- 4. What arrived and how good it was. Rejections count by received_at: a dead letter has no ts to trust.
CREATE FUNCTION sensor_reading_quality(from_ts timestamptz, to_ts timestamptz)
    RETURNS TABLE (sensor_id text, readings bigint, valid bigint, out_of_range bigint, unknown_sensor bigint,
                   out_of_range_share double precision, duplicates bigint, redeliveries bigint, rejected bigint)
    LANGUAGE sql STABLE AS $$
SELECT c.sensor_id,
       r.readings,
       r.valid,
       r.out_of_range,
       r.unknown_sensor,
       CASE WHEN r.readings > 0 THEN round(r.out_of_range::numeric / r.readings, 4)::double precision END,
       d.duplicates,
       d.redeliveries,
       x.rejected
FROM quality_candidate_sensors(from_ts, to_ts) c
CROSS JOIN LATERAL (
    SELECT count(*)                                             AS readings,
           count(*) FILTER (WHERE m.quality = 'valid')          AS valid,
           count(*) FILTER (WHERE m.quality = 'out_of_range')   AS out_of_range,
           count(*) FILTER (WHERE m.quality = 'unknown_sensor') AS unknown_sensor
    FROM measurements m
    WHERE m.sensor_id = c.sensor_id AND m.ts >= from_ts AND m.ts < to_ts) r
CROSS JOIN LATERAL (
    SELECT count(*) FILTER (WHERE NOT dr.redelivered) AS duplicates,
           count(*) FILTER (WHERE dr.redelivered)     AS redeliveries
    FROM duplicate_readings dr
    WHERE dr.sensor_id = c.sensor_id AND dr.ts >= from_ts AND dr.ts < to_ts) d
CROSS JOIN LATERAL (
    SELECT count(*) AS rejected
    FROM rejected_messages rm
    WHERE rm.sensor_id = c.sensor_id AND rm.received_at >= from_ts AND rm.received_at < to_ts) x
WHERE require_time_window(from_ts, to_ts)
  AND (c.registered OR r.readings > 0)
ORDER BY c.sensor_id
$$;

COMMENT ON FUNCTION sensor_reading_quality(timestamptz, timestamptz) IS 'Per registered sensor, and per unregistered sensor with readings in [from_ts, to_ts): readings by quality, out_of_range_share (NULL without readings), duplicates the sensor sent again and broker redeliveries (duplicate_readings, by ts), and dead letters naming the sensor (rejected_messages, by received_at).';

-- 5. Dead letters by sensor and reason; sensor_id is NULL for topics that name no sensor.
CREATE FUNCTION sensor_rejections(from_ts timestamptz, to_ts timestamptz)
    RETURNS TABLE (sensor_id text, reason text, rejected bigint, first_received_at timestamptz,
                   last_received_at timestamptz, latest_detail text)
    LANGUAGE sql STABLE AS $$
SELECT rm.sensor_id,
       rm.reason,
       count(*),
       min(rm.received_at),
       max(rm.received_at),
       (array_agg(rm.detail ORDER BY rm.received_at DESC))[1]
FROM rejected_messages rm
WHERE require_time_window(from_ts, to_ts)
  AND rm.received_at >= from_ts AND rm.received_at < to_ts
GROUP BY rm.sensor_id, rm.reason
ORDER BY rm.sensor_id NULLS LAST, count(*) DESC, rm.reason
$$;

COMMENT ON FUNCTION sensor_rejections(timestamptz, timestamptz) IS 'Rejected messages received in [from_ts, to_ts) (by received_at) per sensor (NULL: the topic names none) and reason: count, first and last time, and the latest detail.';

-- 6. Timing: received_at - ts is the delivery delay. The collector adds milliseconds, so a large delay means
-- the reading was held back (or the sensor's clock lags), and a negative one that the sensor's clock is ahead.
CREATE FUNCTION sensor_timing(from_ts timestamptz, to_ts timestamptz, late_after interval DEFAULT interval '1 minute',
                              skew_tolerance interval DEFAULT interval '2 seconds')
    RETURNS TABLE (sensor_id text, readings bigint, late_arrivals bigint, max_delay interval, ahead_of_receipt bigint,
                   max_ahead interval, median_delay interval)
    LANGUAGE sql STABLE AS $$
SELECT c.sensor_id, t.readings, t.late_arrivals, t.max_delay, t.ahead_of_receipt, t.max_ahead, t.median_delay
FROM quality_candidate_sensors(from_ts, to_ts) c
CROSS JOIN LATERAL (
    SELECT count(*)                                                                    AS readings,
           count(*) FILTER (WHERE m.received_at - m.ts > sensor_timing.late_after)      AS late_arrivals,
           max(m.received_at - m.ts)                                                   AS max_delay,
           count(*) FILTER (WHERE m.ts > m.received_at + skew_tolerance)               AS ahead_of_receipt,
           max(m.ts - m.received_at) FILTER (WHERE m.ts > m.received_at + skew_tolerance) AS max_ahead,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY m.received_at - m.ts)           AS median_delay
    FROM measurements m
    WHERE m.sensor_id = c.sensor_id AND m.ts >= from_ts AND m.ts < to_ts) t
WHERE require_time_window(from_ts, to_ts)
  AND require_argument(sensor_timing.late_after >= interval '0', format('late_after must be zero or a positive interval, was %L', sensor_timing.late_after))
  AND require_argument(skew_tolerance >= interval '0', format('skew_tolerance must be zero or a positive interval, was %L', skew_tolerance))
  AND (c.registered OR t.readings > 0)
ORDER BY c.sensor_id
$$;

COMMENT ON FUNCTION sensor_timing(timestamptz, timestamptz, interval, interval) IS 'Per registered sensor, and per unregistered sensor with readings in [from_ts, to_ts): late_arrivals (received_at - ts > late_after; also what a lagging sensor clock looks like), the largest and the median delay, ahead_of_receipt (ts > received_at + skew_tolerance: the sensor''s clock runs ahead) and the largest lead (NULL when none).';

-- 7. Flatlines: a new run starts at every reading whose value differs from the one before (gaps and
-- islands); runs that last at least the threshold are reported. A stuck sensor repeats its last value.
CREATE FUNCTION sensor_flatlines(from_ts timestamptz, to_ts timestamptz, min_duration interval DEFAULT NULL)
    RETURNS TABLE (sensor_id text, start_ts timestamptz, end_ts timestamptz, duration interval,
                   value double precision, readings bigint)
    LANGUAGE sql STABLE AS $$
SELECT s.id, f.start_ts, f.end_ts, f.end_ts - f.start_ts, f.value, f.readings
FROM sensors s
CROSS JOIN LATERAL (
    SELECT min(runs.ts) AS start_ts, max(runs.ts) AS end_ts, min(runs.value) AS value, count(*) AS readings
    FROM (SELECT changes.ts, changes.value, count(*) FILTER (WHERE changes.changed) OVER (ORDER BY changes.ts) AS run
          FROM (SELECT m.ts, m.value, m.value IS DISTINCT FROM lag(m.value) OVER (ORDER BY m.ts) AS changed
                FROM measurements m
                WHERE m.sensor_id = s.id AND m.ts >= from_ts AND m.ts < to_ts) changes) runs
    GROUP BY runs.run
    HAVING max(runs.ts) - min(runs.ts) >= coalesce(min_duration, s.flatline_after)) f
WHERE require_time_window(from_ts, to_ts)
  AND require_argument(min_duration IS NULL OR min_duration > interval '0', format('min_duration must be a positive interval, was %L', min_duration))
ORDER BY s.id, f.start_ts
$$;

COMMENT ON FUNCTION sensor_flatlines(timestamptz, timestamptz, interval) IS 'Per registered sensor, runs of consecutive readings in [from_ts, to_ts) with exactly the same value whose last ts is at least min_duration (default sensors.flatline_after) after the first. A run is cut at the window''s edges.';

-- 8. Jumps: each reading against the one before it, looking one reading past each edge of the window so that
-- a jump at the window's first reading is seen and one at its last reading can still be told a spike.
CREATE FUNCTION sensor_jumps(from_ts timestamptz, to_ts timestamptz, max_step double precision DEFAULT NULL)
    RETURNS TABLE (sensor_id text, ts timestamptz, previous_ts timestamptz, previous_value double precision,
                   value double precision, step double precision, kind text)
    LANGUAGE sql STABLE AS $$
SELECT s.id, j.ts, j.previous_ts, j.previous_value, j.value, j.value - j.previous_value,
       CASE WHEN abs(j.next_value - j.value) > t.threshold
                 AND sign(j.next_value - j.value) = -sign(j.value - j.previous_value) THEN 'spike'
            -- the way back from the spike reported on the previous row
            WHEN abs(j.previous_value - j.before_previous_value) > t.threshold
                 AND sign(j.previous_value - j.before_previous_value) = -sign(j.value - j.previous_value) THEN 'return'
            ELSE 'step'
       END
FROM sensors s
CROSS JOIN LATERAL (
    SELECT coalesce(sensor_jumps.max_step, s.max_step, 0.1 * (s.max_value - s.min_value)) AS threshold) t
CROSS JOIN LATERAL (
    SELECT r.ts, r.value,
           lag(r.ts) OVER w       AS previous_ts,
           lag(r.value) OVER w    AS previous_value,
           lag(r.value, 2) OVER w AS before_previous_value,
           lead(r.value) OVER w   AS next_value
    FROM ((SELECT m.ts, m.value FROM measurements m
           WHERE m.sensor_id = s.id AND m.ts < from_ts ORDER BY m.ts DESC LIMIT 2)
          UNION ALL
          (SELECT m.ts, m.value FROM measurements m
           WHERE m.sensor_id = s.id AND m.ts >= from_ts AND m.ts < to_ts)
          UNION ALL
          (SELECT m.ts, m.value FROM measurements m
           WHERE m.sensor_id = s.id AND m.ts >= to_ts ORDER BY m.ts LIMIT 1)) r
    WINDOW w AS (ORDER BY r.ts)) j
WHERE require_time_window(from_ts, to_ts)
  AND require_argument(sensor_jumps.max_step IS NULL OR sensor_jumps.max_step > 0, format('max_step must be positive, was %L', sensor_jumps.max_step))
  AND j.ts >= from_ts AND j.ts < to_ts
  AND abs(j.value - j.previous_value) > t.threshold
ORDER BY s.id, j.ts
$$;

COMMENT ON FUNCTION sensor_jumps(timestamptz, timestamptz, double precision) IS 'Per registered sensor, readings in [from_ts, to_ts) that differ from the reading before by more than max_step (default sensors.max_step, else 10 % of max_value - min_value). kind: spike when the next reading jumps back beyond the threshold (the reading stands out from both neighbours); return for that jump back, which is listed too (filter kind <> ''return'' to count events once); step otherwise.';

-- 9. One row per registered sensor and one list of what is wrong with it. Staleness is the sensor's status now
-- (sensor_staleness), whatever the window; silence within the window shows as gaps.
CREATE FUNCTION sensor_quality(from_ts timestamptz, to_ts timestamptz, min_completeness double precision DEFAULT 0.95)
    RETURNS TABLE (sensor_id text, sensor_name text, completeness double precision, gaps bigint, longest_gap interval,
                   staleness_status text, out_of_range_share double precision, duplicates bigint, rejected bigint,
                   late_arrivals bigint, ahead_of_receipt bigint, flatlines bigint, jumps bigint, problems text[])
    LANGUAGE sql STABLE AS $$
SELECT s.id, s.name, c.completeness, coalesce(g.gaps, 0), g.longest_gap, st.status, q.out_of_range_share,
       q.duplicates, q.rejected, t.late_arrivals, t.ahead_of_receipt, coalesce(f.flatlines, 0), coalesce(j.jumps, 0),
       array_remove(ARRAY[
           CASE WHEN c.completeness < min_completeness THEN 'incomplete' END,
           CASE WHEN g.gaps > 0 THEN 'gaps' END,
           CASE WHEN st.status <> 'ok' THEN st.status END,
           CASE WHEN q.out_of_range > 0 THEN 'out_of_range' END,
           CASE WHEN q.duplicates > 0 THEN 'duplicates' END,
           CASE WHEN q.rejected > 0 THEN 'rejected' END,
           CASE WHEN t.late_arrivals > 0 THEN 'late_arrivals' END,
           CASE WHEN t.ahead_of_receipt > 0 THEN 'clock_ahead' END,
           CASE WHEN f.flatlines > 0 THEN 'flatline' END,
           CASE WHEN j.jumps > 0 THEN 'jumps' END], NULL)
FROM sensors s
JOIN sensor_completeness(from_ts, to_ts) c ON c.sensor_id = s.id
JOIN sensor_reading_quality(from_ts, to_ts) q ON q.sensor_id = s.id
JOIN sensor_timing(from_ts, to_ts) t ON t.sensor_id = s.id
JOIN sensor_staleness st ON st.sensor_id = s.id
LEFT JOIN (SELECT gp.sensor_id, count(*) AS gaps, max(gp.gap_length) AS longest_gap
           FROM sensor_gaps(from_ts, to_ts) gp GROUP BY gp.sensor_id) g ON g.sensor_id = s.id
LEFT JOIN (SELECT fl.sensor_id, count(*) AS flatlines
           FROM sensor_flatlines(from_ts, to_ts) fl GROUP BY fl.sensor_id) f ON f.sensor_id = s.id
LEFT JOIN (SELECT jp.sensor_id, count(*) AS jumps
           FROM sensor_jumps(from_ts, to_ts) jp WHERE jp.kind <> 'return' GROUP BY jp.sensor_id) j ON j.sensor_id = s.id
WHERE require_time_window(from_ts, to_ts)
  AND require_argument(min_completeness BETWEEN 0 AND 1, format('min_completeness must be between 0 and 1, was %L', min_completeness))
ORDER BY s.id
$$;

COMMENT ON FUNCTION sensor_quality(timestamptz, timestamptz, double precision) IS 'How far each registered sensor can be trusted over [from_ts, to_ts), with each indicator at its default thresholds: completeness, gaps and the longest one, staleness_status (now, as in sensor_staleness), out_of_range_share, duplicates, rejected, late_arrivals, ahead_of_receipt, flatlines, jumps (spikes and steps, not returns), and problems naming each indicator that fired: incomplete (completeness < min_completeness), gaps, late, silent, out_of_range, duplicates, rejected, late_arrivals, clock_ahead, flatline, jumps. Empty for a healthy sensor.';

-- 10. The minute rollup with how many readings the sensor should have sent in that minute. Minutes without a
-- single reading have no rollup row; sensor_gaps finds those.
CREATE VIEW measurements_1min_quality AS
SELECT m.sensor_id,
       m.bucket,
       m.reading_count,
       m.valid_count,
       m.out_of_range_count,
       m.unknown_sensor_count,
       m.min_value,
       m.max_value,
       m.avg_value,
       m.in_range_avg,
       m.first_value,
       m.last_value,
       e.expected,
       round((m.reading_count / e.expected)::numeric, 4)::double precision AS completeness
FROM measurements_1min m
LEFT JOIN sensors s ON s.id = m.sensor_id
CROSS JOIN LATERAL (SELECT (60 / extract(epoch FROM s.nominal_interval))::double precision AS expected) e;

COMMENT ON VIEW measurements_1min_quality IS 'measurements_1min per sensor and UTC minute with expected (readings a minute holds at the sensor''s nominal_interval; NULL for unregistered sensors) and completeness = reading_count / expected. Minutes without readings have no row.';
COMMENT ON COLUMN measurements_1min_quality.expected IS '1 minute / nominal_interval, fractional when the interval does not divide a minute (45 s: 1.3333).';
