package org.bnsl.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.bnsl.InputException;
import org.bnsl.Numbers;
import org.bnsl.select.Metrics;
import org.bnsl.io.model.ModelFile;
import org.bnsl.io.render.Json;
import org.bnsl.law.FittableLaw;
import org.bnsl.law.Law;
import org.bnsl.select.Extrapolation;
import org.bnsl.uncertainty.BootstrapResult;
import org.bnsl.uncertainty.PredictionInterval;

/**
 * One fitted curve: its law and parameters, the range it was fitted on, and (when asked for) its
 * bootstrap. Made by {@link Bnsl#fit} or {@link Bnsl#fitFile}, or read back from a model file with
 * {@link #load}; {@link #save} writes the model file {@code bnsl fit --out} writes.
 *
 * <p>{@link #predict} and {@link #interval} take one value per variable of the law, in the law's
 * order; a wrong count, a value that is not finite, or one outside the law's domain (x + the fit's
 * shift must be positive, or non-negative for a law that allows x = 0) is an
 * {@link IllegalArgumentException} naming the value.
 */
public final class Model {
    /** A break of a BNSL fit: where the slope changes (in the data's x), and the log-log slopes on each side. */
    public record Break(int index, double x, double slopeBefore, double slopeAfter) {
    }

    /** The extrapolation scores on the held-out points: their count, RMSLE and R² (NaN without held-out points). */
    public record HoldoutMetrics(int n, double rmsle, double r2) {
    }

    private final String name;
    private final Law law;
    private final double[] parameters;
    private final double xOffset;
    /** A formula fitted in linear space: defined wherever its value is finite (see {@link ModelFile#outsideDomain}). */
    private final boolean anySign;
    private final BootstrapResult bootstrap;
    /** The fit and its split; null for a model read from a file. */
    private final Extrapolation extrapolation;
    /** The run that made it; null for a model read from a file. */
    private final FitRun run;
    /** The model file this was read from, with only this series; null for a fitted model. */
    private final ObjectNode file;

    Model(Extrapolation e, FitRun run) {
        this.name = e.train().name();
        this.law = e.fit().law();
        this.parameters = e.fit().parameters();
        this.xOffset = e.fit().xOffset();
        this.anySign = law instanceof org.bnsl.law.formula.Formula && e.fit().objective() == org.bnsl.fit.Objective.LINEAR;
        this.bootstrap = e.uncertainty();
        this.extrapolation = e;
        this.run = run;
        this.file = null;
    }

    private Model(ModelFile.Entry entry, ObjectNode file) {
        this.name = entry.name();
        this.law = entry.law();
        this.parameters = entry.parameters();
        this.xOffset = entry.xOffset();
        this.anySign = entry.anySign();
        this.bootstrap = entry.bootstrap();
        this.extrapolation = null;
        this.run = null;
        this.file = file;
    }

    /** The curve's name (its group, or the file's name for a single curve). */
    public String name() { return name; }

    /** The law fitted (a {@link org.bnsl.law.Committee} for {@code --law auto}'s committee). */
    public Law law() { return law; }

    /** The fitted parameters by name, in the law's order. */
    public Map<String, Double> parameters() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < parameters.length; i++) m.put(law.parameters().get(i), parameters[i]);
        return Collections.unmodifiableMap(m);
    }

    /** The shift S the law was fitted in (x + S), 0 without one. */
    public double xOffset() { return xOffset; }

    /** The bootstrap of this fit, or null when none was asked for. */
    public BootstrapResult bootstrap() { return bootstrap; }

    /** The fit and its split into fitted and held-out points; null for a model read from a file. */
    public Extrapolation extrapolation() { return extrapolation; }

    /** The run that fitted this model (spec, source, columns); null for a model read from a file. */
    public FitRun run() { return run; }

    /** The fitted law at one point: one value per variable, in the law's order. */
    public double predict(double... x) {
        double[] at = shifted(x);
        return law.value(parameters, at);
    }

    /**
     * The prediction at one point with its bootstrap interval. The level must be the one the
     * bootstrap was made with ({@code --level}, 0.9 by default): its resamples are kept, its
     * quantiles are not recomputed here.
     */
    public PredictionInterval interval(double level, double... x) {
        if (bootstrap == null) {
            throw new IllegalArgumentException("model '" + name + "' has no bootstrap: fit with a bootstrap (--bootstrap B) for intervals");
        }
        if (level != bootstrap.level()) {
            throw new IllegalArgumentException("model '" + name + "' has intervals at level " + Numbers.format(bootstrap.level())
                    + ", not " + Numbers.format(level) + ": refit with that level (--level " + Numbers.format(level) + ")");
        }
        shifted(x);
        return bootstrap.predict(x);
    }

    /** The breaks of a BNSL fit, in order; empty for any other law. */
    public List<Break> breaks() {
        List<Break> out = new ArrayList<>();
        if (law instanceof org.bnsl.law.Bnsl b) {
            double[] slopes = b.segmentSlopes(parameters);
            for (int i = 1; i <= b.breaks(); i++) {
                out.add(new Break(i, parameters[org.bnsl.law.Bnsl.breakIndex(i) + 1] - xOffset, slopes[i - 1], slopes[i]));
            }
        }
        return out;
    }

    /** The scores on the held-out points; null for a model read from a file. */
    public HoldoutMetrics holdoutMetrics() {
        if (extrapolation == null) {
            return null;
        }
        Extrapolation e = extrapolation;
        return new HoldoutMetrics(e.holdout().size(), e.holdoutRmsle(), Metrics.r2(e.holdoutPredicted(), e.holdout().y()));
    }

    /**
     * Writes this model as a model file ({@code bnsl fit --out}'s format), checked and atomically
     * (see {@link OutputFile}); {@code bnsl predict}, {@code plot} and {@code plan} read it.
     */
    public void save(Path target) {
        OutputFile.checkWritable(target, "model file");
        if (run != null && run.file() != null) {
            OutputFile.checkNotInput(target, "model file", run.file());
        }
        ObjectNode json = file != null ? file : ModelFile.toJson(List.of(extrapolation), run);
        OutputFile.write(target, Json.write(json), "model file");
    }

    /**
     * Reads a model file of one curve; a file of several curves is an error here (see
     * {@link #loadAll}). Throws {@link InputException} for a file that is not a valid model file.
     */
    public static Model load(Path file) {
        List<Model> all = loadAll(file);
        if (all.size() != 1) {
            throw new InputException(file + ": the model file holds " + all.size() + " series; read them with Model.loadAll");
        }
        return all.get(0);
    }

    /** Reads every curve of a model file, in its order. */
    public static List<Model> loadAll(Path file) {
        List<ModelFile.Entry> entries = ModelFile.read(file);
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage());
        }
        List<Model> out = new ArrayList<>();
        for (ModelFile.Entry entry : entries) {
            ObjectNode one = ((ObjectNode) root).deepCopy();
            ArrayNode series = one.putArray("series");
            for (JsonNode s : root.path("series")) {
                if (entry.name().equals(s.path("name").asText())) series.add(s.deepCopy());
            }
            out.add(new Model(entry, one));
        }
        return out;
    }

    /** Checks a point (arity, finite, in the law's domain) and returns it shifted by the fit's offset. */
    private double[] shifted(double[] x) {
        List<String> vars = law.variables();
        if (x == null || x.length != vars.size()) {
            throw new IllegalArgumentException("law '" + law.name() + "' takes " + vars.size() + " value(s) (" + String.join(", ", vars)
                    + "), got " + (x == null ? 0 : x.length));
        }
        double[] at = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            if (!Double.isFinite(x[j])) {
                throw new IllegalArgumentException(vars.get(j) + " = " + x[j] + " is outside the law's domain: not a finite number (model '"
                        + name + "')");
            }
            at[j] = x[j] + xOffset;
        }
        String why = ModelFile.outsideDomain(law, parameters, xOffset, anySign, x);
        if (why != null) {
            throw new IllegalArgumentException(why + " (model '" + name + "')");
        }
        return at;
    }
}
