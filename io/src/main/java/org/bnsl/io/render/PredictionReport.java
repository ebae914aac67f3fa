package org.bnsl.io.render;

import static org.bnsl.Numbers.format;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.bnsl.InputException;
import org.bnsl.data.Table;
import org.bnsl.fit.Direction;
import org.bnsl.io.OptionException;
import org.bnsl.io.model.ModelFile;
import org.bnsl.law.Law;
import org.bnsl.plan.ComputeOptimal;
import org.bnsl.plan.CostModel;
import org.bnsl.plan.Inverse;
import org.bnsl.plan.Plan;
import org.bnsl.uncertainty.BootstrapResult;
import org.bnsl.uncertainty.PredictionInterval;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What {@code bnsl predict} prints (and the server's {@code POST predict} answers): a saved model
 * evaluated at new scales ({@code --at}, {@code --points}), or inverted ({@code --target}: the
 * smallest scale at which the metric reaches a value, see {@link Inverse}; for a law in N and D with
 * neither given, the compute-optimal run of {@link ComputeOptimal#budgetFor}). Bad options are
 * {@link OptionException}s, bad values {@link InputException}s, checked before anything is read.
 */
public final class PredictionReport {
    private final String model;
    private final Supplier<List<ModelFile.Entry>> entries;
    private final Supplier<Map<String, String>> columns;
    private final List<String> at;
    private final String points;
    private final Supplier<Table> pointsTable;
    private final Double target;
    private final String group;
    private boolean json;

    /**
     * A prediction from the model file {@code model} (its name in messages; {@code entries} and
     * {@code columns} read its curves and fitted columns), at the scales {@code at} or the points of
     * the table {@code points} (its name; {@code pointsTable} reads it), or for {@code target}, of
     * the curve {@code group} (all when null). Nothing is read until {@link #render}.
     */
    public PredictionReport(String model, Supplier<List<ModelFile.Entry>> entries, Supplier<Map<String, String>> columns,
            List<String> at, String points, Supplier<Table> pointsTable, Double target, String group) {
        this.model = model;
        this.entries = entries;
        this.columns = columns;
        this.at = at;
        this.points = points;
        this.pointsTable = pointsTable;
        this.target = target;
        this.group = group;
    }

    /** A point: one value per law variable, NaN where not given (the variable to solve for). */
    private record Point(double[] x, String label) {
    }

    /** What {@code bnsl predict} prints, as JSON ({@code --json}) or as text. */
    public String render(boolean json) {
        this.json = json;
        StringWriter buffer = new StringWriter();
        PrintWriter out = new PrintWriter(buffer);
        if (at != null && points != null) {
            throw new OptionException("--at", "give --at or --points, not both");
        }
        if (target == null && at == null && points == null) {
            throw new OptionException("--at", "give --at, --points or --target");
        }
        if (target != null && !Double.isFinite(target)) {
            throw new OptionException("--target", "--target must be a finite number, got " + target);
        }
        List<ModelFile.Entry> entries = this.entries.get();
        if (group != null) {
            List<ModelFile.Entry> only = entries.stream().filter(e -> e.name().equals(group)).toList();
            if (only.isEmpty()) {
                throw new InputException(model + ": no group '" + group + "'; the groups are: "
                        + String.join(", ", entries.stream().map(ModelFile.Entry::name).toList()));
            }
            entries = only;
        }
        Law law = entries.get(0).law();
        List<String> vars = law.variables();
        Map<String, String> columns = this.columns.get();
        List<Point> pts = at != null ? parseAt(vars, columns) : points != null ? readPoints(vars, columns) : List.of();
        if (target == null) {
            for (Point p : pts) {
                int missing = missing(p.x());
                if (missing >= 0) {
                    throw new InputException((points != null ? points + ": " : "--at: ") + "no value for variable " + vars.get(missing)
                            + (vars.size() == 1 ? "" : "; give every one of " + String.join(", ", vars)));
                }
            }
            for (ModelFile.Entry e : entries) {
                checkDomain(e, pts);
            }
        } else {
            checkInverse(law, pts);
        }
        if (target == null) {
            forward(entries, pts, columns, out);
        } else {
            inverse(entries, pts, columns, out);
        }
        out.flush();
        return buffer.toString();
    }


    /** The variable a point leaves out (index), -1 when every one is given. */
    private static int missing(double[] x) {
        for (int j = 0; j < x.length; j++) {
            if (Double.isNaN(x[j])) return j;
        }
        return -1;
    }

    private List<Point> parseAt(List<String> vars, Map<String, String> columns) {
        if (vars.size() == 1) {
            if (target != null) {
                throw new OptionException("--target", "--target solves for " + name(vars, columns, 0) + " of a law of one variable: give --target alone");
            }
            List<Point> out = new ArrayList<>();
            for (String s : at) {
                // a number, or VAR=V with the law's variable or its fitted column, as for several variables
                int eq = s.indexOf('=');
                if (eq >= 0 && variable(s.substring(0, eq).trim(), vars, columns) < 0) {
                    throw new OptionException("--at", "--at: unknown variable '" + s.substring(0, eq).trim() + "'; the law's variable is "
                            + name(vars, columns, 0));
                }
                out.add(new Point(new double[] {number(eq >= 0 ? s.substring(eq + 1) : s, "--at")}, s.trim()));
            }
            return out;
        }
        double[] x = new double[vars.size()];
        Arrays.fill(x, Double.NaN);
        for (String s : at) {
            int eq = s.indexOf('=');
            if (eq < 0) {
                throw new OptionException("--at", "--at: '" + s.trim() + "': a law of several variables takes VAR=VALUE pairs, e.g. "
                        + vars.get(0) + "=1e9 (its variables: " + String.join(", ", vars) + ")");
            }
            String v = s.substring(0, eq).trim();
            int j = variable(v, vars, columns);
            if (j < 0) {
                throw new OptionException("--at", "--at: unknown variable '" + v + "'; the law's variables are " + String.join(", ", vars));
            }
            if (!Double.isNaN(x[j])) {
                throw new OptionException("--at", "--at: variable " + vars.get(j) + " is given twice");
            }
            x[j] = number(s.substring(eq + 1), "--at");
        }
        return List.of(new Point(x, String.join(",", at)));
    }

    /** Index of a variable named as the law names it or as its fitted column; -1 if neither. */
    private static int variable(String v, List<String> vars, Map<String, String> columns) {
        int j = vars.indexOf(v);
        if (j >= 0) return j;
        for (int k = 0; k < vars.size(); k++) {
            if (v.equals(columns.get(vars.get(k)))) return k;
        }
        return -1;
    }

    private static String name(List<String> vars, Map<String, String> columns, int j) {
        String c = columns.get(vars.get(j));
        return c == null ? vars.get(j) : c;
    }

    private List<Point> readPoints(List<String> vars, Map<String, String> columns) {
        Table t = pointsTable.get();
        int[] col = new int[vars.size()];
        int found = 0;
        for (int j = 0; j < vars.size(); j++) {
            String byVar = vars.get(j);
            String byCol = columns.get(byVar);
            col[j] = t.hasColumn(byVar) ? t.column(byVar) : byCol != null && t.hasColumn(byCol) ? t.column(byCol) : -1;
            if (col[j] >= 0) found++;
        }
        if (found == 0) {
            List<String> names = new ArrayList<>();
            for (int j = 0; j < vars.size(); j++) names.add(name(vars, columns, j));
            throw new InputException(points + ": no column for any of the law's variables (" + String.join(", ", names)
                    + "); the columns are: " + String.join(", ", t.columns()));
        }
        List<Point> out = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            double[] x = new double[vars.size()];
            for (int j = 0; j < x.length; j++) {
                x[j] = col[j] < 0 ? Double.NaN : t.number(r, col[j]);
            }
            out.add(new Point(x, points + ":" + t.line(r)));
        }
        return out;
    }

    private static double number(String s, String option) {
        double v;
        try {
            v = Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new InputException(option + ": '" + s.trim() + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            throw new InputException(option + ": '" + s.trim() + "' is not a finite number");
        }
        return v;
    }

    private void checkDomain(ModelFile.Entry e, List<Point> pts) {
        boolean zeroOk = e.law() instanceof org.bnsl.law.FittableLaw f && f.allowsZeroX();
        for (Point p : pts) {
            if (e.anySign()) {
                // a formula fitted in linear space: defined wherever its value is finite (domains follow the space)
                boolean unknown = false;
                for (double x : p.x()) unknown |= Double.isNaN(x);
                String why = unknown ? null : e.outsideDomain(p.x());
                if (why != null) {
                    String where = points != null ? p.label() + ": " : "--at: ";
                    String at = p.x().length == 1 ? format(p.x()[0]) : java.util.Arrays.toString(p.x());
                    throw new InputException(where + "'" + at + "': series '" + e.name() + "': " + why);
                }
                continue;
            }
            for (int j = 0; j < p.x().length; j++) {
                double x = p.x()[j];
                if (Double.isNaN(x)) continue;
                double shifted = x + e.xOffset();
                if (!(shifted > 0 || (zeroOk && shifted == 0))) {
                    String var = e.law().variables().get(j);
                    String fitted = e.xOffset() == 0 ? var : var + " + " + format(e.xOffset());
                    String where = points != null ? p.label() + ": " : "--at: ";
                    throw new InputException(where + "'" + format(x) + "' is outside the law's domain: series '"
                            + e.name() + "' was fitted in " + fitted + ", which must be " + (zeroOk ? "≥ 0" : "> 0")
                            + (e.law().variables().size() == 1 ? " (fit with --x-offset S to predict at x = 0)" : ""));
                }
            }
        }
    }

    private void checkInverse(Law law, List<Point> pts) {
        List<String> vars = law.variables();
        boolean nd = vars.equals(List.of("N", "D"));
        if (pts.isEmpty() && vars.size() > 1 && !nd) {
            throw new OptionException("--target", "--target on a law of " + String.join(", ", vars) + ": give --at with every variable but the one to"
                    + " solve for (only a law in N and D has a compute-optimal answer without it)");
        }
        for (Point p : pts) {
            long left = Arrays.stream(p.x()).filter(Double::isNaN).count();
            String where = points != null ? p.label() + ": " : "--at: ";
            if (left == 0) {
                throw new InputException(where + "--target solves for one variable, but every variable is given; leave out"
                        + " the one to solve for");
            }
            if (left > 1) {
                throw new InputException(where + "--target solves for one variable; give every other one ("
                        + vars.size() + " variables: " + String.join(", ", vars) + ")");
            }
        }
    }

    // --- forward -------------------------------------------------------------------------

    private void forward(List<ModelFile.Entry> entries, List<Point> pts, Map<String, String> columns, PrintWriter out) {
        List<String> vars = entries.get(0).law().variables();
        boolean one = vars.size() == 1;
        if (json) {
            ObjectNode root = Json.MAPPER.createObjectNode();
            ArrayNode arr = root.putArray("series");
            for (ModelFile.Entry e : entries) {
                ObjectNode s = arr.addObject();
                s.put("name", e.name());
                s.put("law", e.law().name());
                if (e.bootstrap() != null) s.put("level", e.bootstrap().level());
                ArrayNode ps = s.putArray("predictions");
                for (Point p : pts) {
                    ObjectNode o = ps.addObject();
                    if (one) {
                        Json.putNumber(o, "x", p.x()[0]);
                    } else {
                        for (int j = 0; j < vars.size(); j++) Json.putNumber(o, vars.get(j), p.x()[j]);
                    }
                    Json.putNumber(o, "predicted", value(e, p.x()));
                    if (e.bootstrap() != null) {
                        PredictionInterval iv = e.bootstrap().predict(p.x());
                        Json.putNumber(o, "lo", iv.lo());
                        Json.putNumber(o, "hi", iv.hi());
                    }
                    double ratio = extrapolation(e, p.x());
                    if (!Double.isNaN(ratio)) Json.putNumber(o, "extrapolation", ratio);
                }
            }
            out.print(Json.write(root));
            return;
        }
        boolean far = false;
        for (ModelFile.Entry e : entries) {
            BootstrapResult b = e.bootstrap();
            out.println("series " + e.name() + ": " + e.law().name()
                    + (one ? " (fitted on x " + format(e.xMin()) + ".." + format(e.xMax()) + ")" : ""));
            StringBuilder head = new StringBuilder("  ");
            if (one) {
                head.append(String.format(Locale.ROOT, "%-12s ", "x"));
            } else {
                for (int j = 0; j < vars.size(); j++) head.append(String.format(Locale.ROOT, "%-12s ", name(vars, columns, j)));
            }
            head.append(String.format(Locale.ROOT, "%-12s %-23s %s", "predicted", b == null ? "" : format(100 * b.level()) + "% interval",
                    one || b != null ? "x / largest fitted x" : ""));
            out.println(head.toString().stripTrailing());
            for (Point p : pts) {
                StringBuilder line = new StringBuilder("  ");
                for (double v : p.x()) line.append(String.format(Locale.ROOT, "%-12s ", format(v)));
                String iv = "";
                if (b != null) {
                    PredictionInterval pi = b.predict(p.x());
                    iv = "[" + format(pi.lo(), 4) + ", " + format(pi.hi(), 4) + "]";
                }
                double ratio = extrapolation(e, p.x());
                far |= ratio > 10;
                line.append(String.format(Locale.ROOT, "%-12s %-23s %s%s", format(value(e, p.x())), iv,
                        Double.isNaN(ratio) ? "" : format(ratio, 3), ratio > 10 ? "  !" : ""));
                out.println(line.toString().stripTrailing());
            }
        }
        if (far) {
            out.println("! more than 10× beyond the largest fitted x: treat these predictions with care");
        }
    }

    private static double value(ModelFile.Entry e, double[] x) {
        double[] s = x.clone();
        for (int j = 0; j < s.length; j++) s[j] += e.xOffset();
        return e.law().value(e.parameters(), s);
    }

    /** x over the largest fitted x (the largest such ratio for several variables); NaN when unknown. */
    private static double extrapolation(ModelFile.Entry e, double[] x) {
        if (x.length == 1) return x[0] / e.xMax();
        return e.bootstrap() == null ? Double.NaN : e.bootstrap().extrapolation(x);
    }

    // --- inverse -------------------------------------------------------------------------

    /** One inverse answer: the solved value (or why not), its interval, and for N, D the budget. */
    private record Solved(String solved, double value, String reason, Inverse.Interval interval, Plan plan,
            Inverse.Interval[] planIntervals) {
    }

    private void inverse(List<ModelFile.Entry> entries, List<Point> pts, Map<String, String> columns, PrintWriter out) {
        List<String> vars = entries.get(0).law().variables();
        Map<ModelFile.Entry, List<Solved>> all = new LinkedHashMap<>();
        for (ModelFile.Entry e : entries) {
            List<Solved> list = new ArrayList<>();
            if (pts.isEmpty() && vars.size() > 1) {
                list.add(computeOptimal(e));
            } else if (pts.isEmpty()) {
                list.add(solve(e, new double[] {Double.NaN}, columns));
            } else {
                for (Point p : pts) list.add(solve(e, p.x(), columns));
            }
            all.put(e, list);
        }
        if (json) {
            ObjectNode root = Json.MAPPER.createObjectNode();
            Json.putNumber(root, "target", target);
            ArrayNode arr = root.putArray("series");
            for (Map.Entry<ModelFile.Entry, List<Solved>> kv : all.entrySet()) {
                ModelFile.Entry e = kv.getKey();
                ObjectNode s = arr.addObject();
                s.put("name", e.name());
                s.put("law", e.law().name());
                if (e.bootstrap() != null) s.put("level", e.bootstrap().level());
                ArrayNode ps = s.putArray("inverse");
                for (int i = 0; i < kv.getValue().size(); i++) {
                    Solved r = kv.getValue().get(i);
                    ObjectNode o = ps.addObject();
                    o.put("solved", r.solved());
                    if (!pts.isEmpty() && vars.size() > 1) {
                        ObjectNode fixed = o.putObject("at");
                        double[] x = pts.get(i).x();
                        for (int j = 0; j < x.length; j++) if (!Double.isNaN(x[j])) Json.putNumber(fixed, vars.get(j), x[j]);
                    }
                    o.put("reached", r.reason() == null);
                    if (r.reason() == null) {
                        Json.putNumber(o, "value", r.value());
                    } else {
                        o.put("reason", r.reason());
                    }
                    if (r.plan() != null) {
                        Json.putNumber(o, "budget", r.plan().budget());
                        Json.putNumber(o, "N", r.plan().n());
                        Json.putNumber(o, "D", r.plan().d());
                    }
                    if (r.interval() != null) intervalJson(o, "", r.interval());
                    if (r.planIntervals() != null) {
                        intervalJson(o, "budget_", r.planIntervals()[0]);
                        intervalJson(o, "N_", r.planIntervals()[1]);
                        intervalJson(o, "D_", r.planIntervals()[2]);
                    }
                }
            }
            out.print(Json.write(root));
            return;
        }
        for (Map.Entry<ModelFile.Entry, List<Solved>> kv : all.entrySet()) {
            ModelFile.Entry e = kv.getKey();
            out.println("series " + e.name() + ": " + e.law().name()
                    + (vars.size() == 1 ? " (fitted on x " + format(e.xMin()) + ".." + format(e.xMax()) + ")" : ""));
            for (int i = 0; i < kv.getValue().size(); i++) {
                Solved r = kv.getValue().get(i);
                StringBuilder line = new StringBuilder("  target " + format(target));
                if (!pts.isEmpty() && vars.size() > 1) {
                    double[] x = pts.get(i).x();
                    List<String> fixed = new ArrayList<>();
                    for (int j = 0; j < x.length; j++) if (!Double.isNaN(x[j])) fixed.add(name(vars, columns, j) + " = " + format(x[j]));
                    line.append(" at ").append(String.join(", ", fixed));
                }
                if (r.reason() != null) {
                    line.append(": not reached: ").append(r.reason());
                } else if (r.plan() != null) {
                    line.append(": compute-optimal budget C = ").append(format(r.plan().budget(), 4)).append(" FLOP")
                            .append(range(r.planIntervals() == null ? null : r.planIntervals()[0]))
                            .append(", N* = ").append(format(r.plan().n(), 4))
                            .append(range(r.planIntervals() == null ? null : r.planIntervals()[1]))
                            .append(", D* = ").append(format(r.plan().d(), 4))
                            .append(range(r.planIntervals() == null ? null : r.planIntervals()[2]));
                } else {
                    line.append(": ").append(r.solved()).append(" = ").append(format(r.value(), 5)).append(range(r.interval()));
                }
                out.println(line);
                Inverse.Interval iv = r.interval() != null ? r.interval() : r.planIntervals() != null ? r.planIntervals()[0] : null;
                if (iv != null) {
                    int total = iv.reached() + iv.atLowEnd() + iv.notReached();
                    out.println("    " + format(100 * iv.level()) + "% interval over " + total + " bootstrap resamples: " + iv.reached()
                            + " reach it" + (iv.atLowEnd() > 0 ? ", " + iv.atLowEnd() + " already at the low end" : "")
                            + (iv.notReached() > 0 ? ", " + iv.notReached() + " never (counted as ∞)" : ""));
                }
            }
        }
    }

    private static String range(Inverse.Interval iv) {
        if (iv == null) return "";
        return "  [" + format(iv.lo(), 4) + ", " + (Double.isInfinite(iv.hi()) ? "∞" : format(iv.hi(), 4)) + "]";
    }

    private static void intervalJson(ObjectNode o, String prefix, Inverse.Interval iv) {
        Json.putNumber(o, prefix + "lo", iv.lo());
        if (Double.isInfinite(iv.hi())) {
            o.putNull(prefix + "hi");
        } else {
            Json.putNumber(o, prefix + "hi", iv.hi());
        }
        if (prefix.isEmpty() || prefix.equals("budget_")) {
            o.put("resamples_reaching", iv.reached());
            o.put("resamples_at_low_end", iv.atLowEnd());
            o.put("resamples_never", iv.notReached());
        }
    }

    /** Solves the one variable a point leaves out, searched from its fitted minimum (1 for laws of several variables). */
    private Solved solve(ModelFile.Entry e, double[] x, Map<String, String> columns) {
        Law law = e.law();
        List<String> vars = law.variables();
        int j = missing(x);
        double[] fixed = x.clone();
        fixed[j] = 0;
        double lo;
        double hi = Inverse.MAX_SCALE;
        Direction dir;
        if (vars.size() == 1) {
            lo = e.xMin() + e.xOffset() > 0 ? e.xMin() : Math.min(1, e.xMax() / 1e3);
            dir = Inverse.direction(law, e.parameters(), fixed, j, e.xOffset(), lo, Math.max(e.xMax(), lo * 10));
        } else {
            lo = 1;
            dir = Inverse.direction(law, e.parameters(), fixed, j, e.xOffset(), lo, hi);
        }
        String what = name(vars, columns, j);
        Inverse.Answer ans = Inverse.solve(law, e.parameters(), fixed, j, e.xOffset(), target, lo, hi, dir);
        String reason = null;
        try {
            Inverse.require(ans, target, what, lo, hi, dir);
        } catch (InputException ex) {
            reason = ex.getMessage();
        }
        Inverse.Interval iv = e.bootstrap() == null ? null
                : Inverse.interval(law, e.bootstrap().parameters(), fixed, j, e.xOffset(), target, lo, hi, dir, e.bootstrap().level());
        return new Solved(what, ans.scale(), reason, iv, null, null);
    }

    /** A law in N and D without --at: the compute-optimal run reaching the target (ComputeOptimal.budgetFor). */
    private Solved computeOptimal(ModelFile.Entry e) {
        if (e.xOffset() != 0) {
            throw new InputException(model + ": series '" + e.name() + "' was fitted with an x offset; plan with --at instead");
        }
        ComputeOptimal planner = new ComputeOptimal(e.law(), e.parameters(), CostModel.TRAINING);
        Plan plan = null;
        String reason = null;
        try {
            plan = planner.budgetFor(target);
        } catch (InputException ex) {
            reason = ex.getMessage();
        }
        Inverse.Interval[] iv = e.bootstrap() == null ? null
                : Inverse.budgetIntervals(e.law(), e.bootstrap().parameters(), CostModel.TRAINING, target, e.bootstrap().level());
        return new Solved("N, D", plan == null ? Double.NaN : plan.n(), reason, null, plan, iv);
    }
}
