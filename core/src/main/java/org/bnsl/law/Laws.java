package org.bnsl.law;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bnsl.InputException;

/** The built-in laws, by the name used on the command line and in model files. */
public final class Laws {
    private static final Map<String, FittableLaw> BY_NAME = new LinkedHashMap<>();

    static {
        for (FittableLaw l : List.of(new Power(), new OffsetPower(), new M1(), new M2(), new M3(), new M4(),
                new Chinchilla(), new Kaplan(), new DataConstrained(), new Precision(), new Rectified(),
                new Sigmoid(), new Vit(), new Nmt())) {
            BY_NAME.put(l.name(), l);
        }
    }

    private Laws() {
    }

    /**
     * The built-in law called {@code name}.
     *
     * @throws InputException listing the known names when there is no such law
     */
    public static FittableLaw byName(String name) {
        FittableLaw l = BY_NAME.get(name);
        if (l == null) {
            throw new InputException("unknown law " + org.bnsl.data.Table.quote(name) + "; known laws: " + String.join(", ", BY_NAME.keySet()));
        }
        return l;
    }

    /** Every built-in law, in a fixed order. */
    public static List<FittableLaw> all() {
        return List.copyOf(BY_NAME.values());
    }

    /** The names of the built-in laws, in the order of {@link #all()}. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }
}
