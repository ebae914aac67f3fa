package org.bnsl.io.render;

import static org.bnsl.Numbers.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.bnsl.InputException;
import org.bnsl.io.OptionException;
import org.bnsl.io.model.ModelFile;
import org.bnsl.law.Law;
import org.bnsl.plan.ClosedForm;
import org.bnsl.plan.ComputeOptimal;
import org.bnsl.plan.CostModel;
import org.bnsl.plan.Plan;
import org.bnsl.plan.PlanIntervals;
import org.bnsl.plan.Presets;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The renderings of compute-optimal plans ({@code bnsl plan}): JSON, CSV and text. */
public final class PlanReport {
    private PlanReport() {
    }

    /** The most budgets in a range: a table of 10,000 rows is already more than anyone reads. */
    public static final int MAX_POINTS = 10_000;
    /** Budgets in a range unless told. */
    public static final int DEFAULT_POINTS = 8;
    /** FLOP per parameter per training token, C = 6·N·D, unless told. */
    public static final double DEFAULT_FLOPS_PER_PARAM_TOKEN = 6;

    /** A plan of {@code bnsl plan}: the law planned with, the plans, their intervals (empty without resamples), Chinchilla's closed form, the level. */
    public record Planned(Law law, List<Plan> plans, List<PlanIntervals> intervals, ClosedForm closed, double level) {
    }

    /** What a plan is made from and asked for: a model or a preset (one), a budget or a target loss (one). */
    public static void checkSources(boolean model, String preset, String budget, Double targetLoss) {
        if (model == (preset != null)) {
            throw new OptionException("--preset", "give a model file or --preset NAME (one of them)");
        }
        if ((budget == null) == (targetLoss == null)) {
            throw new OptionException("--budget", "give --budget C (or LO..HI) or --target-loss L (one of them)");
        }
    }

    /**
     * Plans as {@code bnsl plan} does: the compute-optimal N*, D* and L* at a budget C (or at
     * {@code points} log-spaced budgets of a range LO..HI), or the smallest budget reaching
     * {@code targetLoss}, for the law of a model file's curve ({@code model} names it in messages,
     * {@code entries} reads it) or of a published preset; with intervals at {@code level} (the
     * file's by default) when the model file has bootstrap resamples. C = k·N·D + 2·N·inferenceTokens.
     */
    public static Planned plan(String model, Supplier<List<ModelFile.Entry>> entries, String preset, String group, String budget,
            int points, Double targetLoss, double k, double inferenceTokens, Double level) {
        checkSources(model != null, preset, budget, targetLoss);
        if (points < 2 || points > MAX_POINTS) {
            throw new OptionException("--points", "--points must be between 2 and " + MAX_POINTS + ", got " + points);
        }
        if (level != null && !(level > 0 && level < 1)) {
            throw new OptionException("--level", "--level must be between 0 and 1 (exclusive)");
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
            ModelFile.Entry e = ModelFile.oneSeries(entries.get(), group, model);
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
        return new Planned(law, plans, intervals, closed, lvl);
    }

    private static double[] parseBudget(String s) {
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

    /** The JSON of {@code bnsl plan --json}: the plans, their intervals when the model has resamples, and Chinchilla's closed form. */
    public static ObjectNode json(List<Plan> plans, List<PlanIntervals> intervals, ClosedForm closed) {
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

    /** The CSV of {@code bnsl plan --csv}: one row per plan, with interval columns when there are intervals. */
    public static String csv(List<Plan> plans, List<PlanIntervals> intervals) {
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

    /**
     * The text of {@code bnsl plan}: {@code title} names the law's origin (a model file or a preset),
     * {@code k} and {@code inferenceTokens} the cost model, {@code targetLoss} (or null) the question
     * asked, {@code level} the intervals' level.
     */
    public static String text(String title, Law law, List<Plan> plans, List<PlanIntervals> intervals, ClosedForm closed, double k,
            double inferenceTokens, Double targetLoss, double lvl) {
        StringBuilder sb = new StringBuilder();
        sb.append(title).append(": ").append(law.formula()).append('\n');
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
