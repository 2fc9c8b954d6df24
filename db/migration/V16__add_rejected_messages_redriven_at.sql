-- Redrive (docs/REPROCESSING.md): a dead letter that today's contract accepts moves into measurements, and its
-- row here stays as the audit trail of what was refused and why, marked with when it was redriven.
ALTER TABLE rejected_messages ADD COLUMN redriven_at timestamptz;

COMMENT ON COLUMN rejected_messages.redriven_at IS 'When the redrive command found the message acceptable and stored its reading in measurements (or found it stored already); NULL while it is still refused or was never redriven.';

-- The redrive command looks for what is not redriven yet, oldest first.
CREATE INDEX rejected_messages_unredriven_idx ON rejected_messages (id) WHERE redriven_at IS NULL;

-- The collector marks a dead letter redriven, and changes nothing else of it: a column grant, and a trigger so
-- that a mark, once set, is never moved or taken back.
GRANT UPDATE (redriven_at) ON rejected_messages TO iot_collector;

CREATE FUNCTION rejected_messages_redriven_once() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.redriven_at IS NOT NULL THEN
        RAISE EXCEPTION 'dead letter % was redriven at % already', OLD.id, OLD.redriven_at
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$;

COMMENT ON FUNCTION rejected_messages_redriven_once() IS 'Refuses to change a dead letter that is marked redriven: the mark is set once.';

CREATE TRIGGER rejected_messages_redriven_once
    BEFORE UPDATE OF redriven_at ON rejected_messages
    FOR EACH ROW EXECUTE FUNCTION rejected_messages_redriven_once();

-- A redriven dead letter is a reading in measurements now: counting it as rejected too would count one
-- message twice. The quality functions of V14 count only what is still refused (same signatures and columns).
CREATE OR REPLACE FUNCTION sensor_reading_quality(from_ts timestamptz, to_ts timestamptz)
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
    WHERE rm.sensor_id = c.sensor_id AND rm.received_at >= from_ts AND rm.received_at < to_ts
      AND rm.redriven_at IS NULL) x
WHERE require_time_window(from_ts, to_ts)
  AND (c.registered OR r.readings > 0)
ORDER BY c.sensor_id
$$;

COMMENT ON FUNCTION sensor_reading_quality(timestamptz, timestamptz) IS 'Per registered sensor, and per unregistered sensor with readings in [from_ts, to_ts): readings by quality, out_of_range_share (NULL without readings), duplicates the sensor sent again and broker redeliveries (duplicate_readings, by ts), and dead letters naming the sensor that are still refused (rejected_messages not redriven, by received_at).';

CREATE OR REPLACE FUNCTION sensor_rejections(from_ts timestamptz, to_ts timestamptz)
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
  AND rm.redriven_at IS NULL
GROUP BY rm.sensor_id, rm.reason
ORDER BY rm.sensor_id NULLS LAST, count(*) DESC, rm.reason
$$;

COMMENT ON FUNCTION sensor_rejections(timestamptz, timestamptz) IS 'Rejected messages received in [from_ts, to_ts) (by received_at) and still refused (not redriven), per sensor (NULL: the topic names none) and reason: count, first and last time, and the latest detail.';
