-- Resampling for analysts: one sensor (or every sensor) over a time range, on a regular grid of any width,
-- with a chosen way to fill buckets that have no reading. Usable from psql and pgAdmin:
--   SELECT * FROM resample('sensor-1', now() - interval '1 hour', now(), interval '5 minutes', 'linear');
--
-- Buckets are aligned to UTC (as the rollups are): the first is the one that holds from_ts, the last the one
-- that holds the instant just before to_ts. A bucket's value is the average of its readings that are not
-- out_of_range. Steps that are whole minutes read measurements_1min (fast over long ranges, and still
-- answers after raw measurements expired); other steps read measurements.
CREATE FUNCTION resample(sensor text, from_ts timestamptz, to_ts timestamptz, step interval,
                         fill text DEFAULT 'none')
    RETURNS TABLE (sensor_id text, bucket timestamptz, value double precision, reading_count bigint,
                   filled boolean)
    LANGUAGE plpgsql STABLE AS $$
DECLARE
    max_buckets constant integer := 1000000;
    from_minutes boolean;
BEGIN
    IF fill IS NULL OR fill NOT IN ('none', 'locf', 'linear') THEN
        RAISE EXCEPTION 'fill must be none, locf or linear, was %', coalesce(fill, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF from_ts IS NULL OR to_ts IS NULL OR from_ts >= to_ts THEN
        RAISE EXCEPTION 'from_ts must be before to_ts, were % and %', from_ts, to_ts
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF step IS NULL OR step <= interval '0' OR extract(month FROM step) <> 0 OR extract(year FROM step) <> 0 THEN
        RAISE EXCEPTION 'step must be a positive interval of days, hours, minutes or seconds (no months), was %', step
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF extract(epoch FROM to_ts - from_ts) / extract(epoch FROM step) > max_buckets THEN
        RAISE EXCEPTION 'from_ts to to_ts in steps of % is more than % buckets; choose a longer step', step, max_buckets
            USING ERRCODE = 'program_limit_exceeded';
    END IF;
    from_minutes := extract(epoch FROM step) % 60 = 0;

    RETURN QUERY
    WITH chosen AS (
        SELECT s.id FROM sensors s WHERE resample.sensor IS NULL OR s.id = resample.sensor
        UNION
        SELECT a.sensor_id FROM sensor_activity a WHERE resample.sensor IS NULL OR a.sensor_id = resample.sensor
    ),
    grid AS (
        SELECT c.id, g.b
        FROM chosen c
        CROSS JOIN generate_series(rollup_bucket(from_ts, step), to_ts - interval '1 microsecond', step) AS g(b)
    ),
    observed AS (
        SELECT m.sensor_id AS id, rollup_bucket(m.bucket, step) AS b,
               sum(m.in_range_sum) AS total, sum(m.reading_count - m.out_of_range_count) AS n
        FROM measurements_1min m
        WHERE from_minutes
          AND m.sensor_id IN (SELECT id FROM chosen)
          AND m.bucket >= rollup_bucket(from_ts, step) AND m.bucket < to_ts
        GROUP BY 1, 2
        UNION ALL
        SELECT r.sensor_id, rollup_bucket(r.ts, step),
               sum(r.value::numeric) FILTER (WHERE r.quality <> 'out_of_range'),
               count(*) FILTER (WHERE r.quality <> 'out_of_range')
        FROM measurements r
        WHERE NOT from_minutes
          AND r.sensor_id IN (SELECT id FROM chosen)
          AND r.ts >= rollup_bucket(from_ts, step) AND r.ts < to_ts
        GROUP BY 1, 2
    ),
    joined AS (
        SELECT g.id, g.b, (o.total / nullif(o.n, 0))::double precision AS v, coalesce(o.n, 0)::bigint AS n
        FROM grid g
        LEFT JOIN observed o ON o.id = g.id AND o.b = g.b
    ),
    -- Each bucket's group is the last bucket with a value before it (forward) and the next one (backward).
    grouped AS (
        SELECT j.*,
               count(j.v) OVER (PARTITION BY j.id ORDER BY j.b) AS before_group,
               count(j.v) OVER (PARTITION BY j.id ORDER BY j.b DESC) AS after_group
        FROM joined j
    ),
    neighbours AS (
        SELECT gr.*,
               first_value(gr.v) OVER (PARTITION BY gr.id, gr.before_group ORDER BY gr.b) AS prev_v,
               first_value(gr.b) OVER (PARTITION BY gr.id, gr.before_group ORDER BY gr.b) AS prev_b,
               first_value(gr.v) OVER (PARTITION BY gr.id, gr.after_group ORDER BY gr.b DESC) AS next_v,
               first_value(gr.b) OVER (PARTITION BY gr.id, gr.after_group ORDER BY gr.b DESC) AS next_b
        FROM grouped gr
    ),
    resampled AS (
        SELECT nb.id, nb.b, nb.n, nb.v,
               CASE
                   WHEN nb.v IS NOT NULL OR fill = 'none' THEN nb.v
                   WHEN fill = 'locf' THEN nb.prev_v
                   -- linear: only between two buckets with values; no extrapolation at either end
                   ELSE nb.prev_v + (nb.next_v - nb.prev_v)
                        * extract(epoch FROM nb.b - nb.prev_b)::double precision
                        / nullif(extract(epoch FROM nb.next_b - nb.prev_b), 0)::double precision
               END AS filled_v
        FROM neighbours nb
    )
    SELECT rs.id, rs.b, rs.filled_v, rs.n, rs.v IS NULL AND rs.filled_v IS NOT NULL
    FROM resampled rs
    ORDER BY rs.id, rs.b;
END
$$;

COMMENT ON FUNCTION resample(text, timestamptz, timestamptz, interval, text) IS 'Average of the in-range readings of one sensor (NULL: every sensor) per UTC-aligned bucket of width step from from_ts to to_ts; fill is none (empty buckets stay NULL), locf (last value carried forward) or linear (interpolated between the neighbouring values). filled marks values that were filled in.';
