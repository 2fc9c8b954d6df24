-- The rollup trigger of V9, cheaper for large statements. It aggregated the inserted rows once per rollup table
-- (minute, hour and day, then again for sensor_activity): four sorts and four aggregations of every inserted
-- row, the ordered first/last aggregates the most costly part. It now aggregates the inserted rows once, per
-- sensor and minute, and derives the hour, day and activity rows from those minute rows. A minute bucket lies
-- within one hour bucket and one UTC day (all buckets are binned from one origin), and every statistic merges
-- exactly (counts and numeric sums add, min and max compare, first and last compare timestamps, which are
-- unique per sensor), so every rollup row is what it was; tests compare the rollups with a recomputation from
-- measurements. The rows are upserted as before: each table in key order, the tables in the same order, so
-- concurrent writers still cannot deadlock on each other's buckets.

-- One sensor's readings of one minute bucket, as this statement inserted them.
CREATE TYPE rollup_part AS (
    sensor_id            text,
    bucket               timestamptz,
    reading_count        bigint,
    valid_count          bigint,
    out_of_range_count   bigint,
    unknown_sensor_count bigint,
    min_value            double precision,
    max_value            double precision,
    sum_value            numeric,
    in_range_sum         numeric,
    first_ts             timestamptz,
    first_value          double precision,
    last_ts              timestamptz,
    last_value           double precision,
    last_received_at     timestamptz
);

COMMENT ON TYPE rollup_part IS 'The minute rollup of the rows one insert statement added; the rollup trigger derives hours, days and sensor activity from these.';

-- As in V9, the three rollup upserts differ only in table and source, so the body is built from one template;
-- the function is plain static SQL, whose plans PL/pgSQL caches.
DO $migration$
DECLARE
    upsert constant text := $template$
    INSERT INTO %1$I AS r (sensor_id, bucket, reading_count, valid_count, out_of_range_count,
                           unknown_sensor_count, min_value, max_value, sum_value, in_range_sum, first_ts, first_value,
                           last_ts, last_value, last_received_at)
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
        last_received_at     = greatest(r.last_received_at, excluded.last_received_at);
$template$;
    -- Rows locked in key order: concurrent writers cannot deadlock on each other's buckets.
    from_minutes constant text := $source$
    SELECT sensor_id, bucket, reading_count, valid_count, out_of_range_count, unknown_sensor_count, min_value,
           max_value, sum_value, in_range_sum, first_ts, first_value, last_ts, last_value, last_received_at
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
           max(last_received_at)
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
                 sum(value::numeric) AS sum_value,
                 coalesce(sum(value::numeric) FILTER (WHERE quality <> 'out_of_range'), 0) AS in_range_sum,
                 min(ts) AS first_ts,
                 (array_agg(value ORDER BY ts))[1] AS first_value,
                 max(ts) AS last_ts,
                 (array_agg(value ORDER BY ts DESC))[1] AS last_value,
                 max(received_at) AS last_received_at
          FROM inserted
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
