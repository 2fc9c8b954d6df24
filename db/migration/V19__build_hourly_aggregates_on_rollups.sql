-- hourly_aggregates of V5 grouped every row of measurements by hour whatever window a query asked for: over a
-- second even for a day of a month of the seed fleet, and slower every day. It is now read from the hourly
-- rollups, one row per sensor and hour. Its statistics leave out out_of_range readings, as before; the rollups
-- had their in-range count and sum (so the mean) but not their in-range minimum, maximum or spread. Three
-- columns give them, on each rollup table, kept by the rollup trigger like the others and merged as exactly:
-- minimum and maximum compare, and the sum of squares is numeric, so the standard deviation does not depend
-- on the order readings arrived in.

ALTER TABLE measurements_1min
    ADD COLUMN in_range_min double precision,
    ADD COLUMN in_range_max double precision,
    ADD COLUMN in_range_sum_squares numeric;
ALTER TABLE measurements_1hour
    ADD COLUMN in_range_min double precision,
    ADD COLUMN in_range_max double precision,
    ADD COLUMN in_range_sum_squares numeric;
ALTER TABLE measurements_1day
    ADD COLUMN in_range_min double precision,
    ADD COLUMN in_range_max double precision,
    ADD COLUMN in_range_sum_squares numeric;

COMMENT ON COLUMN measurements_1min.in_range_min IS 'Smallest value that is not out_of_range; NULL when every reading was out of range, or when in_range_sum_squares is NULL.';
COMMENT ON COLUMN measurements_1min.in_range_max IS 'Largest value that is not out_of_range; NULL as in_range_min.';
COMMENT ON COLUMN measurements_1min.in_range_sum_squares IS 'Exact sum of the squares of the values that are not out_of_range (0 when there are none), for their standard deviation; NULL for a bucket whose raw readings had expired before the column was added, which cannot be recomputed.';
COMMENT ON COLUMN measurements_1hour.in_range_min IS 'As measurements_1min.in_range_min, per UTC hour.';
COMMENT ON COLUMN measurements_1hour.in_range_max IS 'As measurements_1min.in_range_max, per UTC hour.';
COMMENT ON COLUMN measurements_1hour.in_range_sum_squares IS 'As measurements_1min.in_range_sum_squares, per UTC hour.';
COMMENT ON COLUMN measurements_1day.in_range_min IS 'As measurements_1min.in_range_min, per UTC day.';
COMMENT ON COLUMN measurements_1day.in_range_max IS 'As measurements_1min.in_range_max, per UTC day.';
COMMENT ON COLUMN measurements_1day.in_range_sum_squares IS 'As measurements_1min.in_range_sum_squares, per UTC day.';

-- The rows already rolled up, from the readings still in measurements: one pass over the table (26 s for 10
-- million rows on two cores; the collector writes nothing until the migration is done, and the
-- broker keeps what arrives meanwhile). A bucket whose readings are no longer all there (the retention of V10
-- expired some) keeps NULL, which says "not known", and so does every coarser bucket it lies in.
UPDATE measurements_1min r
SET in_range_min = s.in_range_min, in_range_max = s.in_range_max, in_range_sum_squares = s.in_range_sum_squares
FROM (SELECT sensor_id,
             rollup_bucket(ts, interval '1 minute') AS bucket,
             count(*) AS reading_count,
             min(value) FILTER (WHERE quality <> 'out_of_range') AS in_range_min,
             max(value) FILTER (WHERE quality <> 'out_of_range') AS in_range_max,
             coalesce(sum(value::numeric * value::numeric) FILTER (WHERE quality <> 'out_of_range'), 0)
                 AS in_range_sum_squares
      FROM measurements
      GROUP BY 1, 2) AS s
WHERE r.sensor_id = s.sensor_id AND r.bucket = s.bucket AND r.reading_count = s.reading_count;

UPDATE measurements_1hour r
SET in_range_min = s.in_range_min, in_range_max = s.in_range_max, in_range_sum_squares = s.in_range_sum_squares
FROM (SELECT sensor_id,
             rollup_bucket(bucket, interval '1 hour') AS bucket,
             sum(reading_count) AS reading_count,
             min(in_range_min) AS in_range_min,
             max(in_range_max) AS in_range_max,
             sum(in_range_sum_squares) AS in_range_sum_squares,
             count(*) FILTER (WHERE in_range_sum_squares IS NULL) AS unknown
      FROM measurements_1min
      GROUP BY 1, 2) AS s
WHERE r.sensor_id = s.sensor_id AND r.bucket = s.bucket AND r.reading_count = s.reading_count AND s.unknown = 0;

UPDATE measurements_1day r
SET in_range_min = s.in_range_min, in_range_max = s.in_range_max, in_range_sum_squares = s.in_range_sum_squares
FROM (SELECT sensor_id,
             rollup_bucket(bucket, interval '1 day') AS bucket,
             sum(reading_count) AS reading_count,
             min(in_range_min) AS in_range_min,
             max(in_range_max) AS in_range_max,
             sum(in_range_sum_squares) AS in_range_sum_squares,
             count(*) FILTER (WHERE in_range_sum_squares IS NULL) AS unknown
      FROM measurements_1hour
      GROUP BY 1, 2) AS s
WHERE r.sensor_id = s.sensor_id AND r.bucket = s.bucket AND r.reading_count = s.reading_count AND s.unknown = 0;

ALTER TYPE rollup_part
    ADD ATTRIBUTE in_range_min double precision,
    ADD ATTRIBUTE in_range_max double precision,
    ADD ATTRIBUTE in_range_sum_squares numeric;

-- The trigger of V17 with the three columns. Each value is also converted to numeric once now, not twice (for
-- the sum and the in-range sum): the conversion formats the double as text and is the costly part of the sums.
-- A bucket whose sum of squares is not known stays unknown (NULL) however many readings join it.
DO $migration$
DECLARE
    upsert constant text := $template$
    INSERT INTO %1$I AS r (sensor_id, bucket, reading_count, valid_count, out_of_range_count,
                           unknown_sensor_count, min_value, max_value, sum_value, in_range_sum, first_ts, first_value,
                           last_ts, last_value, last_received_at, in_range_min, in_range_max, in_range_sum_squares)
    %2$s
    ON CONFLICT (sensor_id, bucket) DO UPDATE SET
        reading_count        = r.reading_count + excluded.reading_count,
        valid_count          = r.valid_count + excluded.valid_count,
        out_of_range_count   = r.out_of_range_count + excluded.out_of_range_count,
        unknown_sensor_count = r.unknown_sensor_count + excluded.unknown_sensor_count,
        min_value            = least(r.min_value, excluded.min_value),
        max_value            = greatest(r.max_value, excluded.max_value),
        sum_value            = r.sum_value + excluded.sum_value,
        in_range_sum         = r.in_range_sum + excluded.in_range_sum,
        first_value          = CASE WHEN excluded.first_ts < r.first_ts THEN excluded.first_value ELSE r.first_value END,
        first_ts             = least(r.first_ts, excluded.first_ts),
        last_value           = CASE WHEN excluded.last_ts > r.last_ts THEN excluded.last_value ELSE r.last_value END,
        last_ts              = greatest(r.last_ts, excluded.last_ts),
        last_received_at     = greatest(r.last_received_at, excluded.last_received_at),
        in_range_min         = CASE WHEN r.in_range_sum_squares IS NOT NULL
                                    THEN least(r.in_range_min, excluded.in_range_min) END,
        in_range_max         = CASE WHEN r.in_range_sum_squares IS NOT NULL
                                    THEN greatest(r.in_range_max, excluded.in_range_max) END,
        in_range_sum_squares = r.in_range_sum_squares + excluded.in_range_sum_squares;
$template$;
    -- Rows locked in key order: concurrent writers cannot deadlock on each other's buckets.
    from_minutes constant text := $source$
    SELECT sensor_id, bucket, reading_count, valid_count, out_of_range_count, unknown_sensor_count, min_value,
           max_value, sum_value, in_range_sum, first_ts, first_value, last_ts, last_value, last_received_at,
           in_range_min, in_range_max, in_range_sum_squares
    FROM unnest(minutes)
    ORDER BY sensor_id, bucket$source$;
    merged_minutes constant text := $source$
    SELECT sensor_id,
           rollup_bucket(bucket, interval %1$L),
           sum(reading_count),
           sum(valid_count),
           sum(out_of_range_count),
           sum(unknown_sensor_count),
           min(min_value),
           max(max_value),
           sum(sum_value),
           sum(in_range_sum),
           min(first_ts),
           (array_agg(first_value ORDER BY first_ts))[1],
           max(last_ts),
           (array_agg(last_value ORDER BY last_ts DESC))[1],
           max(last_received_at),
           min(in_range_min),
           max(in_range_max),
           sum(in_range_sum_squares)
    FROM unnest(minutes)
    GROUP BY 1, 2
    ORDER BY 1, 2$source$;
    by_minute constant text := $minutes$
    SELECT array_agg(m ORDER BY m.sensor_id, m.bucket) INTO minutes
    FROM (SELECT sensor_id,
                 rollup_bucket(ts, interval '1 minute') AS bucket,
                 count(*) AS reading_count,
                 count(*) FILTER (WHERE quality = 'valid') AS valid_count,
                 count(*) FILTER (WHERE quality = 'out_of_range') AS out_of_range_count,
                 count(*) FILTER (WHERE quality = 'unknown_sensor') AS unknown_sensor_count,
                 min(value) AS min_value,
                 max(value) AS max_value,
                 sum(exact) AS sum_value,
                 coalesce(sum(exact) FILTER (WHERE quality <> 'out_of_range'), 0) AS in_range_sum,
                 min(ts) AS first_ts,
                 (array_agg(value ORDER BY ts))[1] AS first_value,
                 max(ts) AS last_ts,
                 (array_agg(value ORDER BY ts DESC))[1] AS last_value,
                 max(received_at) AS last_received_at,
                 min(value) FILTER (WHERE quality <> 'out_of_range') AS in_range_min,
                 max(value) FILTER (WHERE quality <> 'out_of_range') AS in_range_max,
                 coalesce(sum(exact * exact) FILTER (WHERE quality <> 'out_of_range'), 0) AS in_range_sum_squares
          FROM (SELECT sensor_id, ts, value, quality, received_at, value::numeric AS exact FROM inserted) AS i
          GROUP BY 1, 2) AS m;
$minutes$;
    activity constant text := $activity$
    INSERT INTO sensor_activity AS a (sensor_id, first_ts, last_ts, last_value, last_received_at)
    SELECT sensor_id, min(first_ts), max(last_ts), (array_agg(last_value ORDER BY last_ts DESC))[1],
           max(last_received_at)
    FROM unnest(minutes)
    GROUP BY sensor_id
    ORDER BY sensor_id
    ON CONFLICT (sensor_id) DO UPDATE SET
        first_ts         = least(a.first_ts, excluded.first_ts),
        last_value       = CASE WHEN excluded.last_ts > a.last_ts THEN excluded.last_value ELSE a.last_value END,
        last_ts          = greatest(a.last_ts, excluded.last_ts),
        last_received_at = greatest(a.last_received_at, excluded.last_received_at);
$activity$;
BEGIN
    EXECUTE format($function$
CREATE OR REPLACE FUNCTION roll_up_inserted_measurements() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $body$
DECLARE
    minutes rollup_part[];
BEGIN
%s
    IF minutes IS NULL THEN
        RETURN NULL;
    END IF;
%s%s%s%s
    RETURN NULL;
END
$body$
$function$, by_minute, format(upsert, 'measurements_1min', from_minutes),
        format(upsert, 'measurements_1hour', format(merged_minutes, '1 hour')),
        format(upsert, 'measurements_1day', format(merged_minutes, '1 day')), activity);
END
$migration$;

-- The standard deviation of a bucket's in-range values from its count, sum and sum of squares, as
-- stddev_samp computes it: NULL for fewer than two values (or an unknown sum of squares).
CREATE FUNCTION in_range_stddev(n bigint, total numeric, squares numeric) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN n > 1 AND squares IS NOT NULL
                THEN sqrt(greatest((squares - total * total / n) / (n - 1), 0))::double precision END
$$;

COMMENT ON FUNCTION in_range_stddev(bigint, numeric, numeric) IS 'Sample standard deviation of n values from their exact sum and sum of squares; NULL for n < 2.';

-- Hours in the session's TimeZone, as in V5. Where that zone's hour starts on a UTC hour (UTC, Europe, the
-- Americas ...), a local hour is one UTC hour: its row of measurements_1hour. Where it does not (India's
-- +05:30, Nepal's +05:45 ...), the local hour is gathered from the minutes of the two UTC hours it overlaps.
-- A window on hour reaches the index of measurements_1hour in the first case (a few milliseconds on a month of
-- the seed fleet), and the second branch only reads the hourly rows (of the sensor asked for) to find none.
-- In a zone of part hours the window cannot reach the second branch's lookup, which gathers every minute
-- of the sensors asked for: one row per 60 readings at 1 Hz, about 200 ms for a month of five sensors.
-- Hours whose raw readings have expired (V10) are listed too, from the rollups that outlive them.
CREATE OR REPLACE VIEW hourly_aggregates AS
SELECT h.sensor_id,
       h.bucket                                                       AS hour,
       h.reading_count,
       h.valid_count,
       h.out_of_range_count,
       h.unknown_sensor_count,
       h.in_range_avg                                                 AS avg_value,
       h.in_range_min                                                 AS min_value,
       h.in_range_max                                                 AS max_value,
       in_range_stddev(h.reading_count - h.out_of_range_count, h.in_range_sum, h.in_range_sum_squares)
                                                                      AS stddev_value
FROM measurements_1hour h
-- How long after the start of its local hour the UTC hour starts: 0 where the zone's hours start on UTC hours.
-- Tested by its sign, compared with a constant, so that the planner expects few rows in the second branch and
-- many in the first (it has no statistics for either test; it would take "<>" for most rows, and cost the
-- second branch so high as to compile the query before running it, which takes longer than running it).
WHERE sign(extract(epoch FROM h.bucket - date_trunc('hour', h.bucket))) <> 1
UNION ALL
SELECT h.sensor_id,
       m.hour,
       sum(m.reading_count)::bigint,
       sum(m.valid_count)::bigint,
       sum(m.out_of_range_count)::bigint,
       sum(m.unknown_sensor_count)::bigint,
       (sum(m.in_range_sum) / nullif(sum(m.reading_count - m.out_of_range_count), 0))::double precision,
       CASE WHEN count(*) = count(m.in_range_sum_squares) THEN min(m.in_range_min) END,
       CASE WHEN count(*) = count(m.in_range_sum_squares) THEN max(m.in_range_max) END,
       in_range_stddev(sum(m.reading_count - m.out_of_range_count)::bigint, sum(m.in_range_sum),
                       CASE WHEN count(*) = count(m.in_range_sum_squares) THEN sum(m.in_range_sum_squares) END)
FROM measurements_1hour h
-- A lateral subquery that OFFSET 0 keeps from being merged into a join: the minutes are looked up for each
-- hourly row that does not start a local hour, and for no other. As a join, the planner, which cannot know
-- how few such rows there are, may read every minute to hash them.
CROSS JOIN LATERAL (
    SELECT date_trunc('hour', mm.bucket) AS hour, mm.reading_count, mm.valid_count, mm.out_of_range_count,
           mm.unknown_sensor_count, mm.in_range_sum, mm.in_range_min, mm.in_range_max, mm.in_range_sum_squares
    FROM measurements_1min mm
    WHERE mm.sensor_id = h.sensor_id AND mm.bucket >= h.bucket AND mm.bucket < h.bucket + interval '1 hour'
    OFFSET 0) AS m
WHERE sign(extract(epoch FROM h.bucket - date_trunc('hour', h.bucket))) = 1
GROUP BY h.sensor_id, m.hour;

COMMENT ON VIEW hourly_aggregates IS 'Per sensor and hour (hours in the session''s TimeZone setting): counts by quality, and statistics over the readings that are not out_of_range; from the rollups.';
