-- Group roles for least-privilege access: iot_collector writes readings, bi_reader only reads them.
-- Login users are members of these groups (docker-compose creates them in postgres/initdb/); see docs/SECURITY.md.
--
-- Roles are cluster-wide, grants per database: the roles are created only where they do not exist yet (by an
-- earlier database on the same server, or as login roles by postgres/initdb/), and the grants are made here in
-- every database. Runs as the database owner; creating the roles needs CREATEROLE unless they exist already.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'iot_collector') THEN
        CREATE ROLE iot_collector NOLOGIN;
        COMMENT ON ROLE iot_collector IS 'Group of the collector-service login: reads sensors, appends measurements and rejected_messages.';
    END IF;
EXCEPTION
    -- Created at the same moment by the migration of another database on this server.
    WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bi_reader') THEN
        CREATE ROLE bi_reader NOLOGIN;
        COMMENT ON ROLE bi_reader IS 'Analysts and BI tools: read-only access to the sensor data and its views.';
    END IF;
EXCEPTION
    WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;

-- Only the owner creates objects in public (the default since PostgreSQL 15; explicit for upgraded clusters).
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO iot_collector, bi_reader;

DO $$
BEGIN
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO iot_collector, bi_reader', current_database());
END
$$;

-- The collector reads the registry and appends readings and dead letters; it never changes or deletes a row.
-- The sequence needs no UPDATE: USAGE allows nextval, UPDATE would also allow setval.
GRANT SELECT ON sensors TO iot_collector;
GRANT SELECT, INSERT ON measurements, rejected_messages TO iot_collector;
GRANT USAGE, SELECT ON SEQUENCE rejected_messages_id_seq TO iot_collector;

-- Analysts read the data and its views; flyway_schema_history is not theirs to see.
GRANT SELECT ON sensors, measurements, rejected_messages, latest_readings, hourly_aggregates TO bi_reader;

-- Tables and views that later migrations create (as the owner who runs this one) are readable by analysts
-- without a grant of their own; a migration that adds something they must not see revokes it there. The
-- collector gets nothing by default: a migration that gives it a new table grants exactly what it needs.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO bi_reader;
