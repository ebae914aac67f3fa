package org.bnsl.cli;

import static org.bnsl.Numbers.format;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.DoubleUnaryOperator;

import org.bnsl.InputException;
import org.bnsl.io.model.ModelFile;
import org.bnsl.io.OutputFile;
import org.bnsl.io.render.DensityReport;
import org.bnsl.io.render.Json;
import org.bnsl.io.report.DensityFigure;
import org.bnsl.io.report.FigureRenderer;
import org.bnsl.data.Table;
import org.bnsl.fit.Direction;
import org.bnsl.law.Law;
import org.bnsl.plan.ComputeOptimal;
import org.bnsl.plan.CostModel;
import org.bnsl.plan.Density;
import org.bnsl.plan.Inverse;
import org.bnsl.plan.Presets;

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
            FigureRenderer.Format.of(plot, "--plot");
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
        String file = reference == null ? null : reference.toString();
        out.print(json ? Json.write(DensityReport.json(r, preset, file)) : DensityReport.text(r, preset, file));
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

    /** The plot of {@code --plot}, as SVG or PNG by its extension. */
    private void writePlot(Density.Result r) {
        if (FigureRenderer.Format.of(plot, "--plot") == FigureRenderer.Format.SVG) {
            OutputFile.write(plot, DensityFigure.svg(r), "--plot");
        } else {
            OutputFile.write(plot, DensityFigure.png(r), "--plot");
        }
    }
}
