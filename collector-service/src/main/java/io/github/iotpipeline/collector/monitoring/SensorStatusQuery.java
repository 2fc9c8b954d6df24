package io.github.iotpipeline.collector.monitoring;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads every registered sensor's status: staleness from the {@code sensor_staleness} view (the same rule
 * analysts see), completeness from the minute rollup, so that neither scans raw measurements.
 */
@Component
class SensorStatusQuery {

    // Counts from the start of the minute the window begins in (the rollup's granularity) up to now, and
    // expects readings over the same span, or from the sensor's first reading if that came later.
    private static final String STATUS = """
            select st.sensor_id,
                   st.status,
                   extract(epoch from st.staleness) as staleness_seconds,
                   st.last_received_at,
                   coalesce(c.received, 0)
                       / greatest(extract(epoch from now() - greatest(w.window_start, a.first_ts))
                                  / extract(epoch from s.nominal_interval), 1) as completeness
            from sensor_staleness st
            join sensors s on s.id = st.sensor_id
            left join sensor_activity a on a.sensor_id = st.sensor_id
            cross join (select rollup_bucket(now() - make_interval(secs => ?), interval '1 minute') as window_start) w
            left join lateral (select sum(m.reading_count) as received
                               from measurements_1min m
                               where m.sensor_id = st.sensor_id and m.bucket >= w.window_start) c on true
            order by st.sensor_id
            """;

    private final JdbcTemplate jdbc;

    SensorStatusQuery(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<SensorStatus> read(Duration completenessWindow) {
        return jdbc.query(STATUS, SensorStatusQuery::toStatus, completenessWindow.toSeconds());
    }

    private static SensorStatus toStatus(ResultSet row, int index) throws SQLException {
        double stalenessSeconds = row.getDouble("staleness_seconds");
        Duration staleness = row.wasNull() ? null : Duration.ofMillis(Math.round(stalenessSeconds * 1000));
        Timestamp lastReceivedAt = row.getTimestamp("last_received_at");
        return new SensorStatus(row.getString("sensor_id"), row.getString("status"), staleness,
                lastReceivedAt == null ? null : lastReceivedAt.toInstant(), row.getDouble("completeness"));
    }
}
