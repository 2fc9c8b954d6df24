-- The two questions every dashboard starts with: what is each sensor saying now, and per hour.
CREATE VIEW latest_readings AS
SELECT DISTINCT ON (m.sensor_id)
       m.sensor_id,
       s.name        AS sensor_name,
       s.type        AS sensor_type,
       s.location,
       m.ts,
       m.value,
       coalesce(m.unit, s.unit) AS unit,
       m.quality,
       m.received_at,
       now() - m.ts  AS age
FROM measurements m
LEFT JOIN sensors s ON s.id = m.sensor_id
ORDER BY m.sensor_id, m.ts DESC;

COMMENT ON VIEW latest_readings IS 'The newest reading of each sensor, whatever its quality, with its age.';

CREATE VIEW hourly_aggregates AS
SELECT m.sensor_id,
       date_trunc('hour', m.ts) AS hour,
       count(*)                                                       AS reading_count,
       count(*) FILTER (WHERE m.quality = 'valid')                    AS valid_count,
       count(*) FILTER (WHERE m.quality = 'out_of_range')             AS out_of_range_count,
       count(*) FILTER (WHERE m.quality = 'unknown_sensor')           AS unknown_sensor_count,
       avg(m.value)         FILTER (WHERE m.quality <> 'out_of_range') AS avg_value,
       min(m.value)         FILTER (WHERE m.quality <> 'out_of_range') AS min_value,
       max(m.value)         FILTER (WHERE m.quality <> 'out_of_range') AS max_value,
       stddev_samp(m.value) FILTER (WHERE m.quality <> 'out_of_range') AS stddev_value
FROM measurements m
GROUP BY m.sensor_id, date_trunc('hour', m.ts);

COMMENT ON VIEW hourly_aggregates IS 'Per sensor and hour (hours in the session''s TimeZone setting): counts by quality, and statistics over the readings that are not out_of_range.';
