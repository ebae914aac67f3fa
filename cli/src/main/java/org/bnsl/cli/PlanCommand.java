package org.bnsl.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.bnsl.InputException;
import org.bnsl.io.model.ModelFile;
import org.bnsl.io.render.Json;
import org.bnsl.io.render.PlanReport;
import org.bnsl.law.Law;
import org.bnsl.plan.ClosedForm;
import org.bnsl.plan.ComputeOptimal;
import org.bnsl.plan.CostModel;
import org.bnsl.plan.Plan;
import org.bnsl.plan.PlanIntervals;
import org.bnsl.plan.Presets;

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

    /** The most budgets in a range: a table of 10,000 rows is already more than anyone reads. */
    static final int MAX_POINTS = 10_000;

    @Option(names = "--points", paramLabel = "K", defaultValue = "8",
            description = "budgets in a range, 2 to " + MAX_POINTS + " (default: ${DEFAULT-VALUE})")
    int points;

    @Option(names = "--target-loss", paramLabel = "L", description = "the smallest budget that reaches loss L")
    Double targetLoss;

    @Option(names = "--flops-per-param-token", paramLabel = "K", defaultValue = "6", description = "C = K·N·D (default: ${DEFAULT-VALUE})")
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
        if ((model == null) == (preset == null)) {
            throw usage("give a model file or --preset NAME (one of them)");
        }
        if ((budget == null) == (targetLoss == null)) {
            throw usage("give --budget C (or LO..HI) or --target-loss L (one of them)");
        }
        if (json && csv) {
            throw usage("give --json or --csv, not both");
        }
        if (points < 2 || points > MAX_POINTS) {
            throw usage("--points must be between 2 and " + MAX_POINTS + ", got " + points);
        }
        if (level != null && !(level > 0 && level < 1)) {
            throw usage("--level must be between 0 and 1 (exclusive)");
        }
        CostModel cost = new CostModel(k, inferenceTokens);
        Law law;
        double[] params;
        double[][] resamples = null;
        double fileLevel = 0.9;
        if (preset != null) {
            Presets.Preset p = Presets.byName(preset);
            law = p.law();
            params = p.parameters();
        } else {
            List<ModelFile.Entry> entries = ModelFile.read(model);
            ModelFile.Entry e = entries.get(0);
            if (group != null) {
                e = entries.stream().filter(x -> x.name().equals(group)).findFirst().orElseThrow(() -> new InputException(
                        model + ": no group '" + group + "'; the groups are: "
                                + String.join(", ", entries.stream().map(ModelFile.Entry::name).toList())));
            } else if (entries.size() > 1) {
                throw usage(model + " has " + entries.size() + " groups; choose one with --group NAME");
            }
            law = e.law();
            params = e.parameters();
            if (e.bootstrap() != null) {
                resamples = e.bootstrap().parameters();
                fileLevel = e.bootstrap().level();
            }
        }
        ComputeOptimal planner;
        try {
            planner = new ComputeOptimal(law, params, cost);
        } catch (InputException ex) {
            throw new InputException((model != null ? model + ": " : "") + ex.getMessage());
        }
        List<Plan> plans = new ArrayList<>();
        if (targetLoss != null) {
            plans.add(planner.budgetFor(targetLoss));
        } else {
            double[] range = parseBudget(budget);
            if (range.length == 1) {
                plans.add(planner.plan(range[0]));
            } else {
                plans.addAll(planner.planRange(range[0], range[1], points));
            }
        }
        double lvl = level != null ? level : fileLevel;
        List<PlanIntervals> intervals = new ArrayList<>();
        if (resamples != null) {
            for (Plan p : plans) {
                intervals.add(ComputeOptimal.intervals(law, resamples, cost, p.budget(), lvl));
            }
        }
        ClosedForm closed = law.name().equals("chinchilla") && inferenceTokens == 0
                ? ClosedForm.ofChinchilla(params).withK(k) : null;
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.print(Json.write(PlanReport.json(plans, intervals, closed)));
        } else if (csv) {
            out.print(PlanReport.csv(plans, intervals));
        } else {
            out.print(PlanReport.text(preset != null ? "preset " + preset : "model " + model, law, plans, intervals, closed, k,
                    inferenceTokens, targetLoss, lvl));
        }
        out.flush();
        return Main.OK;
    }

    private CommandLine.ParameterException usage(String m) {
        return new CommandLine.ParameterException(spec.commandLine(), m);
    }

    private double[] parseBudget(String s) {
        int dots = s.indexOf("..");
        if (dots < 0) {
            double c = number(s);
            if (!(c > 0)) throw new InputException("--budget must be positive, got " + s);
            return new double[] {c};
        }
        double lo = number(s.substring(0, dots));
        double hi = number(s.substring(dots + 2));
        if (!(lo > 0)) throw new InputException("--budget " + s + ": the budgets must be positive");
        if (!(lo < hi)) throw new InputException("--budget " + s + ": the range needs lo < hi");
        return new double[] {lo, hi};
    }

    private static double number(String s) {
        try {
            double v = Double.parseDouble(s.trim());
            if (!Double.isFinite(v)) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new InputException("--budget: '" + s.trim() + "' is not a number");
        }
    }

}
