package io.github.iotpipeline.collector.analytics;

import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** latest_readings, read from sensor_activity since V18, must list what V5's scan of every reading listed. */
class LatestReadingsTests {

    /** V5's definition, without the age, which moves with the clock. */
    private static final String AS_V5_DEFINED_IT = """
            select distinct on (m.sensor_id) m.sensor_id, s.name, s.type, s.location, m.ts, m.value,
                   coalesce(m.unit, s.unit), m.quality, m.received_at
            from measurements m left join sensors s on s.id = m.sensor_id
            order by m.sensor_id, m.ts desc""";

    private static final String FROM_THE_VIEW = """
            select sensor_id, sensor_name, sensor_type, location, ts, value, unit, quality, received_at
            from latest_readings""";

    @RegisterExtension
    static final MigratedDatabase DATABASE = new MigratedDatabase("latest_readings");

    @Test
    void listsEachSensorsNewestReadingAsTheScanOfEveryReadingDid() throws SQLException {
        // Registered and unregistered sensors, a unit of the reading's own or the sensor's, every quality,
        // readings arriving out of order across statements, a sensor silent for a month, two at one instant.
        DATABASE.execute("""
                insert into measurements (sensor_id, ts, value, unit, quality, received_at) values
                  ('sensor-1', '2026-11-26 10:00:05+00', 10, null, 'valid', '2026-11-26 10:00:06+00'),
                  ('sensor-1', '2026-11-26 10:00:35+00', 99, 'K', 'out_of_range', '2026-11-26 10:00:36+00'),
                  ('sensor-2', '2026-11-26 10:01:00+00', 50, null, 'valid', '2026-11-26 10:01:00+00'),
                  ('stranger', '2026-11-26 10:01:00+00', 7, 'x', 'unknown_sensor', '2026-11-26 10:01:01+00'),
                  ('silent', '2026-10-26 09:00:00+00', 1, null, 'unknown_sensor', '2026-10-26 09:00:00+00')""");
        DATABASE.execute("""
                insert into measurements (sensor_id, ts, value, unit, quality, received_at) values
                  ('sensor-1', '2026-11-26 09:59:00+00', 5, null, 'valid', '2026-11-26 10:02:00+00'),
                  ('sensor-2', '2026-11-26 10:05:00+00', 51, null, 'valid', '2026-11-26 10:05:01+00')""");

        List<String> fromTheView = DATABASE.rows(FROM_THE_VIEW);
        assertThat(fromTheView).hasSize(4).isEqualTo(DATABASE.rows(AS_V5_DEFINED_IT));
        assertThat(fromTheView.get(0)).startsWith("sensor-1 Office temperature temperature")
                .contains(" 99 K out_of_range ");
        assertThat(fromTheView.get(1)).startsWith("sensor-2").contains(" 51 % valid");
    }
}
