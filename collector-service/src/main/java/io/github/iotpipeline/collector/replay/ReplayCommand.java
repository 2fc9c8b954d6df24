package io.github.iotpipeline.collector.replay;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import io.github.iotpipeline.collector.archive.RawArchive;
import io.github.iotpipeline.collector.command.CommandLine;
import io.github.iotpipeline.collector.command.SchemaWait;
import io.github.iotpipeline.collector.ingest.ArchiveReplay;
import io.github.iotpipeline.collector.objectstore.StoredDays;
import io.github.iotpipeline.collector.retention.RetentionProperties;
import io.github.iotpipeline.model.SensorTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The {@code replay} command: replays the archived days from {@code --from} to {@code --to}, one after the
 * other, and exits 0 when every day found was replayed and reconciled with its manifest, 1 when a file did
 * not match its manifest, could not be read or did not reconcile, 2 on wrong arguments or settings.
 */
@Component
@Profile("replay")
class ReplayCommand implements ApplicationRunner, ExitCodeGenerator {

    /** What the command prints, through the command profile's plain console pattern. */
    static final Logger OUT = LoggerFactory.getLogger("replay");

    private final ArchiveReplay replay;
    private final ObjectProvider<StoredDays> store;
    private final RawArchive archive;
    private final RetentionProperties retention;
    private final SensorTopics topics;
    private final Clock clock;
    private int exitCode;

    ReplayCommand(ArchiveReplay replay, ObjectProvider<StoredDays> store, RawArchive archive,
            RetentionProperties retention, SensorTopics topics, Clock clock) {
        this.replay = replay;
        this.store = store;
        this.archive = archive;
        this.retention = retention;
        this.topics = topics;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            ReplayArguments arguments = ReplayArguments.parse(CommandLine.afterCommand(args.getSourceArgs(), "replay"));
            try (DaySource source = source(arguments)) {
                SchemaWait.until(replay::ready, clock);
                exitCode = replayAll(arguments, source) ? 0 : 1;
            }
        }
        catch (IllegalArgumentException ex) {
            OUT.error("replay: " + ex.getMessage());
            exitCode = 2;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            OUT.error("replay: interrupted");
            exitCode = 1;
        }
        catch (IOException | RuntimeException ex) {
            OUT.error("replay: stopped: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            exitCode = 1;
        }
    }

    private DaySource source(ReplayArguments arguments) throws IOException {
        if (arguments.source() == ReplayArguments.Source.LOCAL) {
            return DaySource.local(archive.directory());
        }
        StoredDays days = store.getIfAvailable();
        if (days == null) {
            throw new IllegalArgumentException("--source s3 needs an object store: set COLLECTOR_RAW_STORE_BUCKET");
        }
        return DaySource.store(days, arguments.instance());
    }

    private boolean replayAll(ReplayArguments arguments, DaySource source) throws IOException, InterruptedException {
        List<LocalDate> days = arguments.from().datesUntil(arguments.to().plusDays(1)).toList();
        Instant keepFrom = retention.enabled() ? clock.instant().minus(retention.keepMeasurements()) : null;
        OUT.info(String.format("replay: %d day%s from %s%s%s", days.size(), days.size() == 1 ? "" : "s",
                source.describe(),
                arguments.sensor() == null ? "" : ", sensor " + arguments.sensor(),
                arguments.dryRun() ? ", dry run: nothing is written" : ""));
        DayReplayer replayer = new DayReplayer(replay, topics, arguments, keepFrom,
                new ReplayProgress(OUT, days.size()));
        int failed = 0;
        int found = 0;
        for (int i = 0; i < days.size(); i++) {
            Optional<ArchivedDay> day = source.fetch(days.get(i));
            if (day.isEmpty()) {
                OUT.info("replay: " + days.get(i) + ": no archive file");
                continue;
            }
            found++;
            failed += replayer.replay(day.get(), i) ? 0 : 1;
            source.done(day.get());
        }
        OUT.info(replayer.totals(found, failed));
        return failed == 0;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
