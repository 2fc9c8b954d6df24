package io.github.iotpipeline.collector.redrive;

import java.time.Clock;
import java.util.List;

import io.github.iotpipeline.collector.command.CommandLine;
import io.github.iotpipeline.collector.command.SchemaWait;
import io.github.iotpipeline.collector.ingest.DeadLetterRedrive;
import io.github.iotpipeline.collector.ingest.RedriveCounts;
import io.github.iotpipeline.collector.storage.DeadLetters;
import io.github.iotpipeline.collector.storage.StoredDeadLetter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The {@code redrive} command: reads the chosen dead letters that are not redriven yet, in id order and in
 * pages, and redrives each page. Exits 0 when all were looked at (those still refused are an outcome, not a
 * failure), 1 when the database failed, 2 on wrong arguments.
 */
@Component
@Profile("redrive")
class RedriveCommand implements ApplicationRunner, ExitCodeGenerator {

    /** What the command prints, through the command profile's plain console pattern. */
    static final Logger OUT = LoggerFactory.getLogger("redrive");
    private static final int PAGE = 1000;

    private final DeadLetterRedrive redrive;
    private final DeadLetters deadLetters;
    private final Clock clock;
    private int exitCode;

    RedriveCommand(DeadLetterRedrive redrive, DeadLetters deadLetters, Clock clock) {
        this.redrive = redrive;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            RedriveArguments arguments = RedriveArguments.parse(CommandLine.afterCommand(args.getSourceArgs(),
                    "redrive"));
            SchemaWait.until(redrive::ready, clock);
            redriveAll(arguments);
            exitCode = 0;
        }
        catch (IllegalArgumentException ex) {
            OUT.error("redrive: " + ex.getMessage());
            exitCode = 2;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            OUT.error("redrive: interrupted");
            exitCode = 1;
        }
        catch (RuntimeException ex) {
            OUT.error("redrive: stopped: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage())
                    + "; what was committed stays, and a new run goes on from there");
            exitCode = 1;
        }
    }

    private void redriveAll(RedriveArguments arguments) {
        long total = deadLetters.count(arguments.query());
        OUT.info(String.format("redrive: %,d dead letter%s not redriven yet%s%s", total, total == 1 ? "" : "s",
                arguments.describe(), arguments.dryRun() ? "; dry run: nothing is written" : ""));
        RedriveProgress progress = new RedriveProgress(OUT, total);
        RedriveCounts counts = RedriveCounts.NONE;
        long afterId = 0;
        List<StoredDeadLetter> page = deadLetters.after(arguments.query(), afterId, PAGE);
        while (!page.isEmpty()) {
            counts = counts.plus(redrive.redrive(page, arguments.dryRun()));
            progress.advanced(counts.accepted() + counts.refused());
            afterId = page.get(page.size() - 1).id();
            page = deadLetters.after(arguments.query(), afterId, PAGE);
        }
        OUT.info(progress.summary(counts, arguments.dryRun()));
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
