package io.github.iotpipeline.collector.objectstore;

import java.time.LocalDate;

/**
 * Keys of a day's objects: {@code <prefix>/<instance-id>/<yyyy>/<mm>/<file name>}. The instance id keeps
 * collectors apart; the day in the path lets a lifecycle rule or a listing pick months and years. A day
 * always gets the same keys, so an upload repeated after a crash replaces the same objects.
 */
record ObjectKeys(String prefix, String instanceId) {

    String of(LocalDate day, String fileName) {
        return "%s/%s/%04d/%02d/%s".formatted(prefix, instanceId, day.getYear(), day.getMonthValue(), fileName);
    }
}
