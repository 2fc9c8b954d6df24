-- Raw measurements may be kept for a limited time while the rollups stay: deleting a measurement fires no
-- trigger, so the rollups and sensor_activity keep what they counted, and the raw archive files are not
-- the database's to touch.
--
-- Deletes at most batch_limit rows per call, oldest first, so that a first run over years of data does not
-- hold one huge transaction; callers repeat until it returns less than the limit.
CREATE FUNCTION expire_measurements(keep interval, batch_limit integer DEFAULT 10000) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    deleted bigint;
BEGIN
    IF keep IS NULL OR keep <= interval '0' THEN
        RAISE EXCEPTION 'keep must be a positive interval, was %', keep USING ERRCODE = 'invalid_parameter_value';
    END IF;
    DELETE FROM measurements
    WHERE ctid = ANY (ARRAY(SELECT ctid FROM measurements
                            WHERE ts < now() - keep
                            ORDER BY ts
                            LIMIT batch_limit));
    GET DIAGNOSTICS deleted = ROW_COUNT;
    RETURN deleted;
END
$$;

COMMENT ON FUNCTION expire_measurements(interval, integer) IS 'Deletes up to batch_limit measurements with ts older than now() - keep and returns how many; rollups, sensor_activity and raw files are left as they are.';

-- Only the collector (its retention job) and the owner may delete readings.
REVOKE EXECUTE ON FUNCTION expire_measurements(interval, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION expire_measurements(interval, integer) TO iot_collector;
