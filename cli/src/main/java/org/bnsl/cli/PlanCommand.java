package org.bnsl.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.bnsl.io.model.ModelFile;
import org.bnsl.io.render.Json;
import org.bnsl.io.render.PlanReport;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bnsl plan}: the compute-optimal N*, D* and L* at a FLOP budget, or the budget that reaches
 * a target loss, from a fitted law in N and D or a published preset.
 */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Plan the compute-optimal run: at budget C, the parameters N*, tokens D* and loss L*",
            "of a law in N and D (a model file from 'bnsl fit --out', or --preset hoffmann2022|besiroglu2024)."})
final class PlanCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL.json", description = "model file of a law in N and D")
    Path model;

    @Option(names = "--preset", paramLabel = "NAME", description = "a published fit instead of a model file: hoffmann2022, besiroglu2024")
    String preset;

    @Option(names = "--group", paramLabel = "NAME", description = "the group of the model file to plan with")
    String group;

    @Option(names = "--budget", paramLabel = "C|LO..HI", description = "FLOP budget, or a range planned at --points log-spaced budgets")
    String budget;

    /** The most budgets in a range (see {@link PlanReport#MAX_POINTS}). */
    static final int MAX_POINTS = PlanReport.MAX_POINTS;

    @Option(names = "--points", paramLabel = "K", defaultValue = "" + PlanReport.DEFAULT_POINTS,
            description = "budgets in a range, 2 to " + MAX_POINTS + " (default: ${DEFAULT-VALUE})")
    int points;

    @Option(names = "--target-loss", paramLabel = "L", description = "the smallest budget that reaches loss L")
    Double targetLoss;

    @Option(names = "--flops-per-param-token", paramLabel = "K", defaultValue = "" + (int) PlanReport.DEFAULT_FLOPS_PER_PARAM_TOKEN, description = "C = K·N·D (default: ${DEFAULT-VALUE})")
    double k;

    @Option(names = "--inference-tokens", paramLabel = "D_INF", defaultValue = "0",
            description = "add 2·N·D_INF inference FLOP to the cost (Sardana et al. 2023) (default: ${DEFAULT-VALUE})")
    double inferenceTokens;

    @Option(names = "--level", paramLabel = "L", description = "interval level when the model file has bootstrap resamples (default: the file's)")
    Double level;

    @Option(names = "--json", description = "write JSON to stdout")
    boolean json;

    @Option(names = "--csv", description = "write CSV to stdout")
    boolean csv;

    @Override
    public Integer call() {
        PlanReport.checkSources(model != null, preset, budget, targetLoss);
        if (json && csv) {
            throw usage("give --json or --csv, not both");
        }
        PlanReport.Planned p = PlanReport.plan(model == null ? null : model.toString(), () -> ModelFile.read(model), preset, group,
                budget, points, targetLoss, k, inferenceTokens, level);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.print(Json.write(PlanReport.json(p.plans(), p.intervals(), p.closed())));
        } else if (csv) {
            out.print(PlanReport.csv(p.plans(), p.intervals()));
        } else {
            out.print(PlanReport.text(preset != null ? "preset " + preset : "model " + model, p.law(), p.plans(), p.intervals(), p.closed(),
                    k, inferenceTokens, targetLoss, p.level()));
        }
        out.flush();
        return Main.OK;
    }

    private CommandLine.ParameterException usage(String m) {
        return new CommandLine.ParameterException(spec.commandLine(), m);
    }
}
