-- Per-sensor rollups of measurements per minute, hour and day (UTC buckets), kept current by a trigger as
-- readings are inserted, late or out of order included, so that they always equal a recomputation from
-- measurements. They are never derived from a delete: expiring raw measurements leaves them as they are.
--
-- Every statistic merges exactly: counts add, min/max compare, first/last compare timestamps (unique per
-- sensor), and the sum is numeric, so the average does not depend on the order readings arrived in (a double
-- precision sum would differ in its last digits).

CREATE TABLE measurements_1min (
    sensor_id             text             NOT NULL,
    bucket                timestamptz      NOT NULL,
    reading_count         bigint           NOT NULL,
    valid_count           bigint           NOT NULL,
    out_of_range_count    bigint           NOT NULL,
    unknown_sensor_count  bigint           NOT NULL,
    min_value             double precision NOT NULL,
    max_value             double precision NOT NULL,
    sum_value             numeric          NOT NULL,
    avg_value             double precision GENERATED ALWAYS AS ((sum_value / reading_count)::double precision) STORED,
    in_range_sum          numeric          NOT NULL,
    in_range_avg          double precision GENERATED ALWAYS AS
                              ((in_range_sum / nullif(reading_count - out_of_range_count, 0))::double precision) STORED,
    first_ts              timestamptz      NOT NULL,
    first_value           double precision NOT NULL,
    last_ts               timestamptz      NOT NULL,
    last_value            double precision NOT NULL,
    last_received_at      timestamptz      NOT NULL,
    CONSTRAINT measurements_1min_pkey PRIMARY KEY (sensor_id, bucket)
);

CREATE TABLE measurements_1hour (LIKE measurements_1min INCLUDING GENERATED,
    CONSTRAINT measurements_1hour_pkey PRIMARY KEY (sensor_id, bucket));
CREATE TABLE measurements_1day (LIKE measurements_1min INCLUDING GENERATED,
    CONSTRAINT measurements_1day_pkey PRIMARY KEY (sensor_id, bucket));

-- "Every sensor in this hour" scans by bucket.
CREATE INDEX measurements_1min_bucket_idx ON measurements_1min (bucket);
CREATE INDEX measurements_1hour_bucket_idx ON measurements_1hour (bucket);

COMMENT ON TABLE measurements_1min IS 'Per sensor and UTC minute: counts by quality and statistics over all readings of the minute, whatever their quality. Kept current on every insert into measurements.';
COMMENT ON TABLE measurements_1hour IS 'Like measurements_1min, per UTC hour; equals the roll-up of its minutes.';
COMMENT ON TABLE measurements_1day IS 'Like measurements_1min, per UTC day; equals the roll-up of its hours.';
COMMENT ON COLUMN measurements_1min.bucket IS 'Start of the minute (UTC); the bucket holds readings with bucket <= ts < bucket + 1 minute.';
COMMENT ON COLUMN measurements_1min.sum_value IS 'Exact sum of the values (each as numeric), so avg_value is independent of arrival order.';
COMMENT ON COLUMN measurements_1min.in_range_sum IS 'Exact sum of the values that are not out_of_range; in_range_avg is their average (NULL when every reading was out of range), the value the resample function uses.';
COMMENT ON COLUMN measurements_1min.first_value IS 'Value of the reading with the earliest ts in the bucket (first_ts).';
COMMENT ON COLUMN measurements_1min.last_value IS 'Value of the reading with the latest ts in the bucket (last_ts).';
COMMENT ON COLUMN measurements_1min.last_received_at IS 'When the collector received the most recently received reading of the bucket.';

-- The newest reading of every sensor that ever sent one: answers "when did we last hear from it" without
-- scanning measurements, and survives the expiry of raw rows.
CREATE TABLE sensor_activity (
    sensor_id         text             PRIMARY KEY,
    first_ts          timestamptz      NOT NULL,
    last_ts           timestamptz      NOT NULL,
    last_value        double precision NOT NULL,
    last_received_at  timestamptz      NOT NULL
);

COMMENT ON TABLE sensor_activity IS 'Per sensor: earliest and latest reading timestamp, the latest value, and when a reading was last received. Kept current on every insert into measurements.';

-- Buckets start at a UTC midnight, whatever the session's TimeZone.
CREATE FUNCTION rollup_bucket(ts timestamptz, width interval) RETURNS timestamptz
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN date_bin(width, ts, timestamptz '2000-01-01 00:00:00+00');

COMMENT ON FUNCTION rollup_bucket(timestamptz, interval) IS 'Start of the UTC bucket of the given width (1 minute, 1 hour, 1 day) that ts falls in.';

-- One upsert per rollup table, each merging the rows this statement inserted, then sensor_activity. The three
-- rollup upserts differ only in table and width, so the function body is built from one template here; the
-- function itself is plain static SQL, whose plans PL/pgSQL caches (EXECUTE would plan on every insert).
-- Runs as the owner of the rollups (SECURITY DEFINER): the collector may append readings but not edit rollups.
DO $migration$
DECLARE
    upsert constant text := $template$
    INSERT INTO %1$I AS r (sensor_id, bucket, reading_count, valid_count, out_of_range_count,
                           unknown_sensor_count, min_value, max_value, sum_value, in_range_sum, first_ts, first_value,
                           last_ts, last_value, last_received_at)
    SELECT sensor_id,
           rollup_bucket(ts, interval %2$L),
           count(*),
           count(*) FILTER (WHERE quality = 'valid'),
           count(*) FILTER (WHERE quality = 'out_of_range'),
           count(*) FILTER (WHERE quality = 'unknown_sensor'),
           min(value),
           max(value),
           sum(value::numeric),
           coalesce(sum(value::numeric) FILTER (WHERE quality <> 'out_of_range'), 0),
           min(ts),
           (array_agg(value ORDER BY ts))[1],
           max(ts),
           (array_agg(value ORDER BY ts DESC))[1],
           max(received_at)
    FROM inserted
    GROUP BY 1, 2
    -- Rows locked in key order: concurrent writers cannot deadlock on each other's buckets.
    ORDER BY 1, 2
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
    activity constant text := $activity$
    INSERT INTO sensor_activity AS a (sensor_id, first_ts, last_ts, last_value, last_received_at)
    SELECT sensor_id, min(ts), max(ts), (array_agg(value ORDER BY ts DESC))[1], max(received_at)
    FROM inserted
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
CREATE FUNCTION roll_up_inserted_measurements() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $body$
BEGIN
%s%s%s%s
    RETURN NULL;
END
$body$
$function$, format(upsert, 'measurements_1min', '1 minute'), format(upsert, 'measurements_1hour', '1 hour'),
        format(upsert, 'measurements_1day', '1 day'), activity);
END
$migration$;

-- Statement level with a transition table: one multi-row insert of a batch costs four upserts, not four per
-- row. Rows skipped by ON CONFLICT DO NOTHING (redeliveries) are not in the transition table.
CREATE TRIGGER measurements_roll_up
    AFTER INSERT ON measurements
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION roll_up_inserted_measurements();

-- Readings stored before this migration: minutes from measurements, hours from minutes, days from hours.
INSERT INTO measurements_1min (sensor_id, bucket, reading_count, valid_count, out_of_range_count,
                               unknown_sensor_count, min_value, max_value, sum_value, in_range_sum, first_ts, first_value,
                               last_ts, last_value, last_received_at)
SELECT sensor_id, rollup_bucket(ts, interval '1 minute'), count(*),
       count(*) FILTER (WHERE quality = 'valid'),
       count(*) FILTER (WHERE quality = 'out_of_range'),
       count(*) FILTER (WHERE quality = 'unknown_sensor'),
       min(value), max(value), sum(value::numeric),
       coalesce(sum(value::numeric) FILTER (WHERE quality <> 'out_of_range'), 0),
       min(ts), (array_agg(value ORDER BY ts))[1], max(ts), (array_agg(value ORDER BY ts DESC))[1], max(received_at)
FROM measurements
GROUP BY sensor_id, rollup_bucket(ts, interval '1 minute');

INSERT INTO measurements_1hour (sensor_id, bucket, reading_count, valid_count, out_of_range_count,
                                unknown_sensor_count, min_value, max_value, sum_value, in_range_sum, first_ts, first_value,
                                last_ts, last_value, last_received_at)
SELECT sensor_id, rollup_bucket(bucket, interval '1 hour'), sum(reading_count), sum(valid_count),
       sum(out_of_range_count), sum(unknown_sensor_count), min(min_value), max(max_value), sum(sum_value),
       sum(in_range_sum),
       min(first_ts), (array_agg(first_value ORDER BY first_ts))[1],
       max(last_ts), (array_agg(last_value ORDER BY last_ts DESC))[1], max(last_received_at)
FROM measurements_1min
GROUP BY sensor_id, rollup_bucket(bucket, interval '1 hour');

INSERT INTO measurements_1day (sensor_id, bucket, reading_count, valid_count, out_of_range_count,
                               unknown_sensor_count, min_value, max_value, sum_value, in_range_sum, first_ts, first_value,
                               last_ts, last_value, last_received_at)
SELECT sensor_id, rollup_bucket(bucket, interval '1 day'), sum(reading_count), sum(valid_count),
       sum(out_of_range_count), sum(unknown_sensor_count), min(min_value), max(max_value), sum(sum_value),
       sum(in_range_sum),
       min(first_ts), (array_agg(first_value ORDER BY first_ts))[1],
       max(last_ts), (array_agg(last_value ORDER BY last_ts DESC))[1], max(last_received_at)
FROM measurements_1hour
GROUP BY sensor_id, rollup_bucket(bucket, interval '1 day');

INSERT INTO sensor_activity (sensor_id, first_ts, last_ts, last_value, last_received_at)
SELECT sensor_id, min(ts), max(ts), (array_agg(value ORDER BY ts DESC))[1], max(received_at)
FROM measurements
GROUP BY sensor_id;
