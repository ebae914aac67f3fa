package org.bnsl.cli;

import static org.bnsl.Numbers.format;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.bnsl.InputException;
import org.bnsl.data.Table;
import org.bnsl.io.render.Json;
import org.bnsl.law.formula.RowPredicate;
import org.bnsl.plan.IsoFlop;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bnsl isoflop}: Chinchilla's Approach 2 — the optimal model size per FLOP budget and its scaling exponent. */
@Command(name = "isoflop", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"IsoFLOP analysis (Hoffmann et al. 2022, Approach 2): group runs into FLOP budgets, fit a parabola",
            "of loss against ln N in each, and fit N_opt ∝ C^a across budgets, with a bootstrap interval."})
final class IsoflopCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Option(names = "--params", required = true, paramLabel = "COL", description = "column of the parameter count N")
    String paramsColumn;

    @Option(names = "--flops", required = true, paramLabel = "COL", description = "column of the training FLOP C")
    String flopsColumn;

    @Option(names = "--y", required = true, paramLabel = "COL", description = "column of the loss")
    String yColumn;

    @Option(names = "--budget-col", paramLabel = "COL", description = "column naming each run's budget (overrides grouping by FLOP)")
    String budgetColumn;

    @Option(names = "--tolerance", paramLabel = "T", defaultValue = "0.1", description = {"a gap of more than this relative FLOP difference between consecutive runs starts a new budget",
                "(default: ${DEFAULT-VALUE}); no budget spans more than a factor 1.5 in FLOP (longer chains are cut at wide gaps)"})
    double tolerance;

    @Option(names = "--where", paramLabel = "EXPR", description = "use only the rows where EXPR holds")
    String where;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "bootstrap seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--level", paramLabel = "L", defaultValue = "0.9", description = "interval level (default: ${DEFAULT-VALUE})")
    double level;

    @Option(names = "--json", description = "write JSON to stdout")
    boolean json;

    @Override
    public Integer call() {
        if (!(tolerance > 0) || !(level > 0 && level < 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--tolerance must be > 0 and --level in (0, 1)");
        }
        Table t = Table.read(file);
        int pc = t.column(paramsColumn);
        int fc = t.column(flopsColumn);
        int yc = t.column(yColumn);
        int bc = budgetColumn == null ? -1 : t.column(budgetColumn);
        RowPredicate.Bound filter = where == null ? null : RowPredicate.compile(where, "--where").bind(t.columns());
        int n = 0;
        int[] rows = new int[t.rowCount()];
        for (int r = 0; r < t.rowCount(); r++) {
            int row = r;
            if (filter == null || filter.test(j -> t.number(row, j))) rows[n++] = r;
        }
        double[] p = new double[n];
        double[] c = new double[n];
        double[] y = new double[n];
        double[] budgets = bc < 0 ? null : new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = t.number(rows[i], pc);
            c[i] = t.number(rows[i], fc);
            y[i] = t.number(rows[i], yc);
            if (budgets != null) budgets[i] = t.number(rows[i], bc);
        }
        IsoFlop.Result r = IsoFlop.analyse(p, c, y, IsoFlop.Options.builder().tolerance(tolerance).budgets(budgets)
                .seed(seed).level(level).build());
        if (r.usableBudgets() < 2) {
            throw new InputException(file + ": " + tooFewBudgets(r, n));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = Json.MAPPER.createObjectNode();
            ArrayNode arr = root.putArray("budgets");
            for (IsoFlop.Budget b : r.budgets()) {
                ObjectNode o = arr.addObject();
                Json.putNumber(o, "flops", b.flops());
                o.put("runs", b.runs());
                Json.putNumber(o, "N_opt", b.nOpt());
                Json.putNumber(o, "D_opt", b.dOpt());
                Json.putNumber(o, "loss_min", b.lossMin());
                o.put("usable", b.usable());
                if (b.note() != null && !b.note().isEmpty()) o.put("note", b.note());
            }
            exponent(root.putObject("exponent_a"), r.a());
            exponent(root.putObject("exponent_b"), r.b());
            Json.putNumber(root, "coefficient_a", r.coefficient(r.a().value(), false));
            Json.putNumber(root, "coefficient_b", r.coefficient(r.b().value(), true));
            Json.putNumber(root, "coefficient_a_at_half", r.coefficient(0.5, false));
            Json.putNumber(root, "coefficient_b_at_half", r.coefficient(0.5, true));
            root.put("runs_placed", r.placed());
            root.put("runs_not_placed", r.notPlaced());
            root.put("trustworthy", r.trustworthy());
            root.put("reason", r.reason());
            out.print(Json.write(root));
        } else {
            out.printf(Locale.ROOT, "%d runs; %d budgets found, %d usable; %d runs placed, %d not%n", n, r.budgets().size(),
                    r.usableBudgets(), r.placed(), r.notPlaced());
            out.printf(Locale.ROOT, "  %-12s %-5s %-12s %-12s %-9s %s%n", "budget C", "runs", "N_opt", "D_opt", "loss_min", "");
            for (IsoFlop.Budget b : r.budgets()) {
                out.printf(Locale.ROOT, "  %-12s %-5d %-12s %-12s %-9s %s%n", format(b.flops(), 3), b.runs(),
                        b.usable() ? format(b.nOpt(), 3) : "—", b.usable() ? format(b.dOpt(), 3) : "—",
                        b.usable() ? format(b.lossMin(), 4) : "—", b.usable() ? "" : b.note());
            }
            out.printf(Locale.ROOT, "N_opt ∝ C^a: a = %s  [%s, %s] (%s%%)%n", format(r.a().value(), 4), format(r.a().lo(), 4),
                    format(r.a().hi(), 4), format(100 * level));
            out.printf(Locale.ROOT, "D_opt ∝ C^b: b = %s  [%s, %s]%n", format(r.b().value(), 4), format(r.b().lo(), 4),
                    format(r.b().hi(), 4));
            out.printf(Locale.ROOT, "N_opt = %s·C^%s, D_opt = %s·C^%s; at exponent 0.5: N_opt = %s·C^0.5, D_opt = %s·C^0.5%n",
                    format(r.coefficient(r.a().value(), false), 3), format(r.a().value(), 3),
                    format(r.coefficient(r.b().value(), true), 3), format(r.b().value(), 3),
                    format(r.coefficient(0.5, false), 3), format(r.coefficient(0.5, true), 3));
            out.println((r.trustworthy() ? "trustworthy: " : "NOT trustworthy: ") + r.reason());
        }
        out.flush();
        return Main.OK;
    }

    /**
     * Why there is no exponent: a = slope of ln N_opt on ln C needs two usable budgets. Names the
     * first budget that was not usable and why, so the user knows what to change.
     */
    static String tooFewBudgets(IsoFlop.Result r, int runs) {
        StringBuilder m = new StringBuilder("the exponent a needs at least 2 usable FLOP budgets (3 for a trustworthy fit), found ")
                .append(r.usableBudgets()).append(" of ").append(r.budgets().size()).append(" (")
                .append(r.placed()).append(" of ").append(runs).append(" runs placed)");
        for (IsoFlop.Budget b : r.budgets()) {
            if (!b.usable()) {
                m.append("; budget ").append(format(b.flops(), 3)).append(" (").append(b.runs())
                        .append(b.runs() == 1 ? " run" : " runs").append("): ").append(b.note());
                break;
            }
        }
        return m.toString();
    }

    private static void exponent(ObjectNode o, IsoFlop.Exponent e) {
        Json.putNumber(o, "value", e.value());
        Json.putNumber(o, "lo", e.lo());
        Json.putNumber(o, "hi", e.hi());
    }
}
