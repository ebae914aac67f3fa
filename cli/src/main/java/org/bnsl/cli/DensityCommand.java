package org.bnsl.cli;

import static org.bnsl.Numbers.format;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.DoubleUnaryOperator;

import org.bnsl.InputException;
import org.bnsl.io.model.ModelFile;
import org.bnsl.io.OutputFile;
import org.bnsl.io.render.Json;
import org.bnsl.data.Table;
import org.bnsl.fit.Direction;
import org.bnsl.law.Law;
import org.bnsl.plan.ComputeOptimal;
import org.bnsl.plan.CostModel;
import org.bnsl.plan.Density;
import org.bnsl.plan.Inverse;
import org.bnsl.plan.Presets;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bnsl density}: the densing law (Xiao et al. 2024) on a table of models, against a
 * reference law: effective sizes, densities, the envelope's line and its doubling time
 * ({@link Density}).
 */
@Command(name = "density", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The densing law (Xiao et al. 2024): each model's effective size N̂ (the size",
            "at which a reference law reaches its score), its density ρ = N̂/N, the line",
            "ln ρ_max = A·t + B through the densest models, and the doubling time ln 2 / A",
            "with a bootstrap interval. The reference is a model file (a law of one",
            "variable N, or a law in N and D read compute-optimally) or --preset NAME."})
final class DensityCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "REFERENCE.json", description = "model file of the reference law")
    Path reference;

    @Option(names = "--preset", paramLabel = "NAME", description = "a published law in N and D as the reference: hoffmann2022, besiroglu2024")
    String preset;

    @Option(names = "--group", paramLabel = "NAME", description = "the group of the reference model file")
    String group;

    @Option(names = "--models", required = true, paramLabel = "FILE.csv", description = "the table of models")
    Path models;

    @Option(names = "--name", paramLabel = "COL", defaultValue = "name", description = "column of the model's name (default: ${DEFAULT-VALUE})")
    String nameCol;

    @Option(names = "--released", paramLabel = "COL", defaultValue = "released",
            description = "column of the release date, yyyy-mm-dd (default: ${DEFAULT-VALUE})")
    String releasedCol;

    @Option(names = "--params", paramLabel = "COL", defaultValue = "params", description = "column of N (default: ${DEFAULT-VALUE})")
    String paramsCol;

    @Option(names = "--score", paramLabel = "COL", defaultValue = "score",
            description = "column of the score the reference law predicts (default: ${DEFAULT-VALUE})")
    String scoreCol;

    @CommandLine.Mixin
    ResampleOptions boot = new ResampleOptions();

    @Option(names = "--plot", paramLabel = "FILE.svg|png", description = "plot ln ρ against the release date with the fitted line")
    Path plot;

    @Option(names = "--json", description = "write JSON to stdout")
    boolean json;

    @Override
    public Integer call() {
        if ((reference == null) == (preset == null)) {
            throw usage("give a reference model file or --preset NAME (one of them)");
        }
        boot.check(spec.commandLine());
        if (plot != null) {
            imageFormat(plot);
            OutputFile.checkWritable(plot, "--plot");
            OutputFile.checkNotInput(plot, "--plot", reference == null ? models : reference, models);
        }
        DoubleUnaryOperator effective = referenceLaw();
        List<Density.Model> table = readModels();
        Density.Result r = Density.fit(table, effective, boot.resamples, boot.seed, boot.level);
        if (plot != null) {
            writePlot(r);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? Json.write(json(r)) : text(r));
        out.flush();
        return Main.OK;
    }

    private CommandLine.ParameterException usage(String m) {
        return new CommandLine.ParameterException(spec.commandLine(), m);
    }

    /** g: score → N̂ from the reference. */
    private DoubleUnaryOperator referenceLaw() {
        if (preset != null) {
            return Density.effectiveSize(Presets.byName(preset).planner(CostModel.TRAINING));
        }
        ModelFile.Entry e = ResampleOptions.oneSeries(reference, group, spec.commandLine());
        Law law = e.law();
        if (law.variables().equals(List.of("N", "D"))) {
            if (e.xOffset() != 0) {
                throw new InputException(reference + ": a reference law in N and D must be fitted without an x offset");
            }
            return Density.effectiveSize(new ComputeOptimal(law, e.parameters(), CostModel.TRAINING));
        }
        if (law.variables().size() != 1) {
            throw new InputException(reference + ": the reference law must be a law of one variable (N) or a law in N and D;"
                    + " law '" + law.name() + "' takes " + String.join(", ", law.variables()));
        }
        double lo = e.xMin() + e.xOffset() > 0 ? Math.min(1, e.xMin()) : Math.min(1, e.xMax() / 1e3);
        Direction dir = Inverse.direction(law, e.parameters(), new double[1], 0, e.xOffset(), e.xMin() + e.xOffset() > 0
                ? e.xMin() : lo, Math.max(e.xMax(), lo * 10));
        return Density.effectiveSize(law, e.parameters(), e.xOffset(), lo, Inverse.MAX_SCALE, dir);
    }

    private List<Density.Model> readModels() {
        Table t = Table.read(models);
        int cn = t.column(nameCol);
        int cr = t.column(releasedCol);
        int cp = t.column(paramsCol);
        int cs = t.column(scoreCol);
        List<Density.Model> out = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            LocalDate d;
            String raw = t.text(r, cr).strip();
            try {
                d = LocalDate.parse(raw);
            } catch (DateTimeParseException e) {
                throw new InputException(models + ":" + t.line(r) + ": column " + Table.quote(releasedCol) + ": "
                        + Table.quote(raw) + " is not a date, expected yyyy-mm-dd");
            }
            double n = t.number(r, cp);
            if (!(n > 0)) {
                throw new InputException(models + ":" + t.line(r) + ": column " + Table.quote(paramsCol) + ": N must be positive, got "
                        + format(n));
            }
            out.add(new Density.Model(t.text(r, cn), d, n, t.number(r, cs)));
        }
        if (out.size() < 2) {
            throw new InputException(models + ": the densing law needs at least 2 models, got " + out.size());
        }
        return out;
    }

    private String text(Density.Result r) {
        StringBuilder sb = new StringBuilder();
        sb.append("reference: ").append(preset != null ? "preset " + preset + " (compute-optimal N*)" : reference.toString())
                .append('\n');
        sb.append(String.format(Locale.ROOT, "  %-22s %-11s %-11s %-11s %-10s %s%n", "model", "released", "N", "N̂", "ρ = N̂/N",
                "envelope"));
        for (Density.Row row : r.rows()) {
            sb.append(String.format(Locale.ROOT, "  %-22s %-11s %-11s %-11s %-10s %s%n", row.model().name(), row.model().released(),
                    format(row.model().n(), 4), Double.isNaN(row.effectiveN()) ? "not reached" : format(row.effectiveN(), 4),
                    Double.isNaN(row.density()) ? "—" : format(row.density(), 4), row.envelope() ? "*" : ""));
        }
        sb.append(String.format(Locale.ROOT, "ln ρ_max = %s·t %s  (t in days since %s; %d models on the envelope)%n",
                format(r.slope(), 4), plus(r.intercept(), 4), r.origin(), r.rows().stream().filter(Density.Row::envelope).count()));
        sb.append(String.format(Locale.ROOT, "doubling time: %s days = %s months  %s%% interval [%s, %s] months (%d resamples%s)%n",
                format(r.doublingDays(), 4), format(r.doublingMonths(), 3), format(100 * r.level()),
                format(r.lo() / Density.DAYS_PER_MONTH, 3), months(r.hi()), r.resamples(),
                r.neverDoubling() > 0 ? ", " + r.neverDoubling() + " never doubling" : ""));
        if (r.unreached() > 0) {
            sb.append(r.unreached()).append(" model(s) left out: the reference law never reaches their score\n");
        }
        return sb.toString();
    }

    /** "+ b" or "− |b|". */
    private static String plus(double b, int digits) {
        return (b < 0 ? "− " : "+ ") + format(Math.abs(b), digits);
    }

    private static String months(double days) {
        return Double.isInfinite(days) ? "∞" : format(days / Density.DAYS_PER_MONTH, 3);
    }

    private ObjectNode json(Density.Result r) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("reference", preset != null ? "preset:" + preset : reference.toString());
        root.put("origin", r.origin().toString());
        ArrayNode arr = root.putArray("models");
        for (Density.Row row : r.rows()) {
            ObjectNode o = arr.addObject();
            o.put("name", row.model().name());
            o.put("released", row.model().released().toString());
            Json.putNumber(o, "N", row.model().n());
            Json.putNumber(o, "score", row.model().score());
            if (!Double.isNaN(row.effectiveN())) {
                Json.putNumber(o, "effective_N", row.effectiveN());
                Json.putNumber(o, "density", row.density());
            }
            Json.putNumber(o, "days", row.days());
            o.put("envelope", row.envelope());
        }
        Json.putNumber(root, "slope_per_day", r.slope());
        Json.putNumber(root, "intercept", r.intercept());
        Json.putNumber(root, "doubling_days", r.doublingDays());
        Json.putNumber(root, "doubling_months", r.doublingMonths());
        Json.putNumber(root, "doubling_months_lo", r.lo() / Density.DAYS_PER_MONTH);
        if (Double.isInfinite(r.hi())) {
            root.putNull("doubling_months_hi");
        } else {
            Json.putNumber(root, "doubling_months_hi", r.hi() / Density.DAYS_PER_MONTH);
        }
        root.put("level", r.level());
        root.put("resamples", r.resamples());
        root.put("resamples_never_doubling", r.neverDoubling());
        root.put("models_not_reached", r.unreached());
        return root;
    }

    private static boolean svg(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg");
    }

    private static void imageFormat(Path p) {
        String n = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!n.endsWith(".svg") && !n.endsWith(".png")) {
            throw new InputException("--plot " + p + ": unknown image type; use .svg or .png");
        }
    }

    /** ln ρ of every model against its release day, the envelope marked, and the fitted line. */
    private void writePlot(Density.Result r) {
        XYChart c = new XYChart(780, 480);
        c.setTitle("Densing law: ln ρ against release date (doubling every " + format(r.doublingMonths(), 3) + " months)");
        c.setXAxisTitle("days since " + r.origin());
        c.setYAxisTitle("ln ρ = ln(N̂/N)");
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setMarkerSize(7);
        List<Double> tx = new ArrayList<>();
        List<Double> ty = new ArrayList<>();
        List<Double> ex = new ArrayList<>();
        List<Double> ey = new ArrayList<>();
        double tMax = 0;
        for (Density.Row row : r.rows()) {
            if (Double.isNaN(row.density())) continue;
            (row.envelope() ? ex : tx).add(row.days());
            (row.envelope() ? ey : ty).add(Math.log(row.density()));
            tMax = Math.max(tMax, row.days());
        }
        if (!tx.isEmpty()) {
            XYSeries s = c.addSeries("models", tx, ty);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(new Color(0x999999));
        }
        XYSeries env = c.addSeries("envelope (densest so far)", ex, ey);
        env.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        env.setMarker(SeriesMarkers.DIAMOND);
        env.setMarkerColor(new Color(0xD55E00));
        XYSeries line = c.addSeries("ln ρ_max = " + format(r.slope(), 3) + "·t " + plus(r.intercept(), 3),
                new double[] {0, tMax}, new double[] {r.lnDensityAt(0), r.lnDensityAt(tMax)});
        line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(new Color(0x0072B2));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (svg(plot)) {
                VectorGraphicsEncoder.saveVectorGraphic(c, bytes, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
                OutputFile.write(plot, bytes.toString(StandardCharsets.UTF_8), "--plot");
            } else {
                OutputFile.write(plot, BitmapEncoder.getBitmapBytes(c, BitmapEncoder.BitmapFormat.PNG), "--plot");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
