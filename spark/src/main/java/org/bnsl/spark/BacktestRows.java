package org.bnsl.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.bnsl.io.render.Json;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The columns of {@link BnslSpark#backtest}'s result, one row per curve, read off the curve's entry
 * of {@code bnsl backtest --json}'s {@code per_curve} (so the two never disagree): the curve column
 * (its type in the input), {@code curve} (its name), {@code pick} (auto's choice, null when auto
 * failed), {@code direction}, {@code fit_points}, {@code unusable} (points with y ≤ 0 dropped),
 * {@code rmsle} (method → holdout RMSLE, with {@code auto} and {@code oracle}), {@code best} (the
 * best candidates), {@code coverage} (of auto's intervals, with a bootstrap), {@code failures}
 * (method → why its fit failed), {@code result} (the entry's JSON) and {@code error} (a curve that
 * could not be split: its one-line reason; then only {@code curve} is set besides).
 */
final class BacktestRows {
    private BacktestRows() {
    }

    static final StructType RESULT = new StructType()
            .add("curve", DataTypes.StringType)
            .add("pick", DataTypes.StringType)
            .add("direction", DataTypes.StringType)
            .add("fit_points", DataTypes.IntegerType)
            .add("unusable", DataTypes.IntegerType)
            .add("rmsle", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType))
            .add("best", DataTypes.createArrayType(DataTypes.StringType))
            .add("coverage", DataTypes.DoubleType)
            .add("failures", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
            .add("result", DataTypes.StringType)
            .add("error", DataTypes.StringType);

    static StructType schema(StructField group) {
        if (group == null) return RESULT;
        StructType s = new StructType().add(group.name(), group.dataType(), true);
        for (StructField f : RESULT.fields()) s = s.add(f);
        return s;
    }

    /** The row of one curve, from the report of that curve alone. */
    static Row row(boolean grouped, Object key, JsonNode report) {
        JsonNode c = report.path("per_curve").get(0);
        if (c.hasNonNull("error")) {
            return failed(grouped, key, c.path("curve").asText(), c.get("error").asText());
        }
        Map<String, Double> rmsle = new LinkedHashMap<>();
        c.path("rmsle").fields().forEachRemaining(kv -> rmsle.put(kv.getKey(), kv.getValue().isNumber() ? kv.getValue().asDouble() : null));
        List<String> best = new ArrayList<>();
        c.path("best").forEach(b -> best.add(b.asText()));
        Map<String, String> failures = new LinkedHashMap<>();
        report.path("failed").forEach(f -> failures.put(f.path("candidate").asText(), f.path("reason").asText()));
        Object[] values = {c.path("curve").asText(), c.path("pick").isNull() ? null : c.path("pick").asText(),
            c.path("direction").asText(null), c.path("fit_points").asInt(), c.path("unusable").asInt(), FitRows.map(rmsle),
            FitRows.seq(best), c.path("coverage").isNumber() ? c.get("coverage").asDouble() : null, FitRows.map(failures),
            Json.compact(c), null};
        return FitRows.row(grouped, key, values);
    }

    static Row failed(boolean grouped, Object key, String name, String error) {
        Object[] values = new Object[RESULT.size()];
        values[0] = name;
        values[RESULT.fieldIndex("error")] = error;
        return FitRows.row(grouped, key, values);
    }
}
