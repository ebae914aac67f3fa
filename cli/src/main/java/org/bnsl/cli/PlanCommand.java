package org.bnsl.cli;

import static org.bnsl.Numbers.format;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.bnsl.InputException;
import org.bnsl.law.Law;
import org.bnsl.plan.ClosedForm;
import org.bnsl.plan.ComputeOptimal;
import org.bnsl.plan.CostModel;
import org.bnsl.plan.Plan;
import org.bnsl.plan.PlanIntervals;
import org.bnsl.plan.Presets;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
            ModelFile.Entry e = ResampleOptions.oneSeries(model, group, spec.commandLine());
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
            out.print(Json.write(json(plans, intervals, closed)));
        } else if (csv) {
            out.print(csv(plans, intervals));
        } else {
            out.print(text(law, plans, intervals, closed, lvl));
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

    private static ObjectNode json(List<Plan> plans, List<PlanIntervals> intervals, ClosedForm closed) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode arr = root.putArray("plans");
        for (int i = 0; i < plans.size(); i++) {
            Plan p = plans.get(i);
            ObjectNode o = arr.addObject();
            Json.putNumber(o, "budget", p.budget());
            Json.putNumber(o, "N", p.n());
            Json.putNumber(o, "D", p.d());
            Json.putNumber(o, "loss", p.loss());
            Json.putNumber(o, "tokens_per_param", p.tokensPerParam());
            if (!intervals.isEmpty()) {
                PlanIntervals iv = intervals.get(i);
                Json.putNumber(o, "N_lo", iv.n().lo());
                Json.putNumber(o, "N_hi", iv.n().hi());
                Json.putNumber(o, "D_lo", iv.d().lo());
                Json.putNumber(o, "D_hi", iv.d().hi());
                Json.putNumber(o, "loss_lo", iv.loss().lo());
                Json.putNumber(o, "loss_hi", iv.loss().hi());
            }
        }
        if (closed != null) {
            ObjectNode c = root.putObject("closed_form");
            Json.putNumber(c, "G", closed.g());
            Json.putNumber(c, "a", closed.a());
            Json.putNumber(c, "b", closed.b());
            // the same in C itself: N* = n·C^a, D* = d·C^b, L* = E + l·C^(−γ)
            Json.putNumber(c, "N_coefficient", closed.nCoefficient());
            Json.putNumber(c, "D_coefficient", closed.dCoefficient());
            Json.putNumber(c, "loss_coefficient", closed.lossCoefficient());
            Json.putNumber(c, "loss_exponent", -closed.lossExponent());
            Json.putNumber(c, "E", closed.e());
        }
        return root;
    }

    private static String csv(List<Plan> plans, List<PlanIntervals> intervals) {
        StringBuilder sb = new StringBuilder("budget,N,D,loss,tokens_per_param");
        if (!intervals.isEmpty()) sb.append(",N_lo,N_hi,D_lo,D_hi,loss_lo,loss_hi");
        sb.append('\n');
        for (int i = 0; i < plans.size(); i++) {
            Plan p = plans.get(i);
            sb.append(p.budget()).append(',').append(p.n()).append(',').append(p.d()).append(',').append(p.loss())
                    .append(',').append(p.tokensPerParam());
            if (!intervals.isEmpty()) {
                PlanIntervals iv = intervals.get(i);
                sb.append(',').append(iv.n().lo()).append(',').append(iv.n().hi()).append(',').append(iv.d().lo())
                        .append(',').append(iv.d().hi()).append(',').append(iv.loss().lo()).append(',').append(iv.loss().hi());
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private String text(Law law, List<Plan> plans, List<PlanIntervals> intervals, ClosedForm closed, double lvl) {
        StringBuilder sb = new StringBuilder();
        sb.append(preset != null ? "preset " + preset : "model " + model).append(": ").append(law.formula()).append('\n');
        sb.append("cost C = ").append(format(k)).append("·N·D");
        if (inferenceTokens > 0) sb.append(" + 2·N·").append(format(inferenceTokens)).append(" (inference tokens)");
        sb.append('\n');
        if (closed != null) {
            sb.append(String.format(Locale.ROOT, "closed form: N*(C) = %s·(C/%s)^%s,  D*(C) = %s·(C/%s)^%s,  G = %s%n",
                    format(closed.g(), 4), format(k), format(closed.a(), 4), format(1 / closed.g(), 4), format(k),
                    format(closed.b(), 4), format(closed.g(), 4)));
            // in C itself: N* = G·k^(−a)·C^a, D* = G^(−1)·k^(−b)·C^b, and L* − E ∝ C^(−αβ/(α+β))
            double cn = closed.nCoefficient();
            double cd = closed.dCoefficient();
            double e = -closed.lossExponent();
            double cl = closed.lossCoefficient();
            sb.append(String.format(Locale.ROOT, "           = %s·C^%s,  D*(C) = %s·C^%s,  L*(C) = %s·C^%s + %s%n",
                    format(cn, 3), format(closed.a(), 3), format(cd, 3), format(closed.b(), 3), format(cl, 4), format(e, 3),
                    format(closed.e(), 4)));
        }
        if (targetLoss != null) {
            sb.append("smallest budget that reaches loss ").append(format(targetLoss)).append(":\n");
        }
        sb.append(String.format(Locale.ROOT, "  %-12s %-12s %-12s %-10s %s%n", "budget C", "N*", "D*", "L*", "tokens/param"));
        for (int i = 0; i < plans.size(); i++) {
            Plan p = plans.get(i);
            sb.append(String.format(Locale.ROOT, "  %-12s %-12s %-12s %-10s %s%n", format(p.budget(), 4), format(p.n(), 4),
                    format(p.d(), 4), format(p.loss(), 5), format(p.tokensPerParam(), 3)));
            if (!intervals.isEmpty()) {
                PlanIntervals iv = intervals.get(i);
                sb.append(String.format(Locale.ROOT, "  %-12s %-12s %-12s %-10s%n", format(100 * lvl) + "%:",
                        "[" + format(iv.n().lo(), 3) + ", " + format(iv.n().hi(), 3) + "]",
                        "[" + format(iv.d().lo(), 3) + ", " + format(iv.d().hi(), 3) + "]",
                        "[" + format(iv.loss().lo(), 4) + ", " + format(iv.loss().hi(), 4) + "]"));
            }
        }
        return sb.toString();
    }
}
