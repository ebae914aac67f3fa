package org.bnsl.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.bnsl.InputException;
import org.bnsl.data.Table;
import org.bnsl.io.render.IsoflopReport;
import org.bnsl.io.render.Json;
import org.bnsl.law.formula.RowPredicate;
import org.bnsl.plan.IsoFlop;

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
            throw new InputException(file + ": " + IsoflopReport.tooFewBudgets(r, n));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? Json.write(IsoflopReport.json(r)) : IsoflopReport.text(r, n, level));
        out.flush();
        return Main.OK;
    }
}
