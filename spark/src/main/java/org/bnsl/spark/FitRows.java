package org.bnsl.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The columns of {@link BnslSpark#fit}'s result, one row per group, read off the JSON record
 * {@code bnsl fit --jsonl} prints for that group (so the two never disagree):
 *
 * <ul>
 *   <li>the group column (its type in the input), then {@code name} (the group as the CLI names it);
 *   <li>{@code law}, {@code breaks} (BNSL only), {@code formula}, {@code parameters} (name → value);
 *   <li>{@code interval_level} and {@code parameter_intervals} (name → lo, hi), with a bootstrap;
 *   <li>{@code train_n}, {@code train_rmsle}, {@code holdout_n}, {@code holdout_rmsle}, {@code holdout_r2};
 *   <li>{@code holdout_points}: each held-out point's x (one value per variable), y, prediction, and
 *       with a bootstrap its prediction interval {@code lo}, {@code hi};
 *   <li>{@code warnings};
 *   <li>{@code result}: the CLI's JSON line; {@code model}: the model file the CLI writes with
 *       {@code --out} for this group ({@code bnsl predict} reads it);
 *   <li>{@code error}: for a group that failed, the CLI's one-line reason; then only the name and
 *       {@code result} (the CLI's error line) are set besides.
 * </ul>
 *
 * Numbers that are not finite are null, as in the CLI's JSON.
 */
final class FitRows {
    private FitRows() {
    }

    static final StructType INTERVAL = new StructType()
            .add("lo", DataTypes.DoubleType)
            .add("hi", DataTypes.DoubleType);

    static final StructType POINT = new StructType()
            .add("x", DataTypes.createArrayType(DataTypes.DoubleType))
            .add("y", DataTypes.DoubleType)
            .add("predicted", DataTypes.DoubleType)
            .add("lo", DataTypes.DoubleType)
            .add("hi", DataTypes.DoubleType);

    /** The result columns after the group column. */
    static final StructType RESULT = new StructType()
            .add("name", DataTypes.StringType)
            .add("law", DataTypes.StringType)
            .add("breaks", DataTypes.IntegerType)
            .add("formula", DataTypes.StringType)
            .add("parameters", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType))
            .add("interval_level", DataTypes.DoubleType)
            .add("parameter_intervals", DataTypes.createMapType(DataTypes.StringType, INTERVAL))
            .add("train_n", DataTypes.IntegerType)
            .add("train_rmsle", DataTypes.DoubleType)
            .add("holdout_n", DataTypes.IntegerType)
            .add("holdout_rmsle", DataTypes.DoubleType)
            .add("holdout_r2", DataTypes.DoubleType)
            .add("holdout_points", DataTypes.createArrayType(POINT))
            .add("warnings", DataTypes.createArrayType(DataTypes.StringType))
            .add("result", DataTypes.StringType)
            .add("model", DataTypes.StringType)
            .add("error", DataTypes.StringType);

    /** The schema of the result: the group column first when there is one. */
    static StructType schema(StructField group) {
        if (group == null) {
            return RESULT;
        }
        StructType s = new StructType().add(group.name(), group.dataType(), true);
        for (StructField f : RESULT.fields()) s = s.add(f);
        return s;
    }

    /** A fitted group's row, from its JSON record and its model file. */
    static Row fitted(boolean grouped, Object key, JsonNode s, String result, String model, List<String> variables) {
        Map<String, Double> params = new LinkedHashMap<>();
        s.path("parameters").fields().forEachRemaining(kv -> params.put(kv.getKey(), number(kv.getValue())));
        JsonNode pi = s.get("parameter_intervals");
        Map<String, Row> intervals = null;
        if (pi != null) {
            intervals = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = pi.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> kv = it.next();
                if (kv.getValue().isObject()) {
                    intervals.put(kv.getKey(), RowFactory.create(number(kv.getValue().get("lo")), number(kv.getValue().get("hi"))));
                }
            }
        }
        List<Row> points = new ArrayList<>();
        for (JsonNode p : s.path("holdout").path("points")) {
            List<Double> x = new ArrayList<>(variables.size());
            for (String v : variables) {
                x.add(number(p.get(variables.size() == 1 ? "x" : v)));
            }
            points.add(RowFactory.create(seq(x), number(p.get("y")), number(p.get("predicted")), number(p.get("lo")), number(p.get("hi"))));
        }
        List<String> warnings = new ArrayList<>();
        s.path("warnings").forEach(w -> warnings.add(w.asText()));
        Object[] values = {
            s.path("name").asText(), s.path("law").asText(), s.has("breaks") ? s.get("breaks").asInt() : null,
            s.path("formula").asText(null), map(params), pi == null ? null : number(pi.get("level")), intervals == null ? null : map(intervals),
            s.path("train").path("n").asInt(), number(s.path("train").get("rmsle")),
            s.path("holdout").path("n").asInt(), number(s.path("holdout").get("rmsle")), number(s.path("holdout").get("r2")),
            seq(points), seq(warnings), result, model, null};
        return row(grouped, key, values);
    }

    /** A failed group's row: its name, the one-line reason, and the CLI's JSON line for it. */
    static Row failed(boolean grouped, Object key, String name, String error, String result) {
        Object[] values = new Object[RESULT.size()];
        values[0] = name;
        values[RESULT.fieldIndex("result")] = result;
        values[RESULT.fieldIndex("error")] = error;
        return row(grouped, key, values);
    }

    static Row row(boolean grouped, Object key, Object[] values) {
        if (!grouped) {
            return RowFactory.create(values);
        }
        Object[] all = new Object[values.length + 1];
        all[0] = key;
        System.arraycopy(values, 0, all, 1, values.length);
        return RowFactory.create(all);
    }

    /** Spark's external types for arrays and maps are Scala's. */
    static <T> scala.collection.immutable.Seq<T> seq(List<T> list) {
        return scala.jdk.javaapi.CollectionConverters.asScala(list).toList();
    }

    static <V> scala.collection.Map<String, V> map(Map<String, V> m) {
        return scala.jdk.javaapi.CollectionConverters.asScala(m);
    }

    private static Double number(JsonNode n) {
        return n == null || !n.isNumber() ? null : n.asDouble();
    }
}
