-- latest_readings of V5 found each sensor's newest reading by sorting the whole of measurements (DISTINCT ON):
-- 11.9 s on a month of the seed fleet (12,960,000 rows), and slower every day. The same rows, in the same order,
-- with the same columns, found from sensor_activity instead: the rollup trigger keeps each sensor's newest
-- reading time there on every insert (V9 filled it for the rows before it), so the newest reading is one probe
-- of the key's index per sensor, whatever the size of the table. Rows only ever leave measurements oldest
-- first (the retention of V10), so the row sensor_activity names is the newest one there is; a sensor all of
-- whose rows have expired is not listed, as before.
CREATE OR REPLACE VIEW latest_readings AS
SELECT m.sensor_id,
       s.name        AS sensor_name,
       s.type        AS sensor_type,
       s.location,
       m.ts,
       m.value,
       coalesce(m.unit, s.unit) AS unit,
       m.quality,
       m.received_at,
       now() - m.ts  AS age
FROM sensor_activity a
JOIN measurements m ON m.sensor_id = a.sensor_id AND m.ts = a.last_ts
LEFT JOIN sensors s ON s.id = m.sensor_id
ORDER BY m.sensor_id;

COMMENT ON VIEW latest_readings IS 'The newest reading of each sensor, whatever its quality, with its age.';
