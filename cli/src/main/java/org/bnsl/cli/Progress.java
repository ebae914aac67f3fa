package org.bnsl.cli;

import java.io.PrintWriter;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Groups done out of the total, with rate and ETA, on stderr (the progressbar library). Shown only
 * when there is a terminal to see it and more than one group, and never with {@code --quiet}:
 * output a program reads stays clean.
 */
final class Progress implements AutoCloseable {
    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /** @param total the number of groups, or -1 when they are streamed and not known in advance */
    static Progress start(int total, boolean quiet, PrintWriter err) {
        if (quiet || (total >= 0 && total < 2) || System.console() == null) {
            return new Progress(null);
        }
        ProgressBar bar = new ProgressBarBuilder().setTaskName("fitting").setInitialMax(total).setUnit(" groups", 1)
                .setStyle(ProgressBarStyle.ASCII).showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
        return new Progress(bar);
    }

    /**
     * The steps of one long fit (a single curve of many points), on a terminal only and never
     * with {@code --quiet}.
     */
    static Progress steps(String task, boolean quiet, PrintWriter err) {
        if (quiet || System.console() == null) {
            return new Progress(null);
        }
        ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(1).setUnit(" steps", 1)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
        return new Progress(bar);
    }

    /** The fitter's side of the bar: moves it to each step it reports. */
    org.bnsl.fit.FitProgress listener() {
        if (bar == null) {
            return org.bnsl.fit.FitProgress.NONE;
        }
        return (done, total, stage) -> {
            bar.maxHint(total);
            bar.stepTo(done);
            bar.setExtraMessage(" " + stage);
        };
    }

    void step() {
        if (bar != null) bar.step();
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }
}
