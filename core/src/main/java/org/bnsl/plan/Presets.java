package org.bnsl.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bnsl.InputException;
import org.bnsl.law.Law;
import org.bnsl.law.Laws;

/**
 * Published fits of the Chinchilla law L(N, D) = E + A/N^α + B/D^β, by name:
 * <ul>
 *   <li>{@code hoffmann2022}: A = 406.4, B = 410.7, E = 1.69, α = 0.34, β = 0.28 (Hoffmann et al. 2022,
 *       "Training Compute-Optimal Large Language Models", Approach 3, §3.3 and eq. 4's fit);</li>
 *   <li>{@code besiroglu2024}: A = 482.01, B = 2085.43, E = 1.82, α = 0.35, β = 0.37 (Besiroglu et al. 2024,
 *       "Chinchilla Scaling: A replication attempt", Epoch AI, their refit of Hoffmann et al.'s data).</li>
 * </ul>
 */
public final class Presets {

    /**
     * One published fit.
     *
     * @param name     the name {@link #byName} knows it by
     * @param source   where the numbers come from
     */
    public record Preset(String name, String source, double e, double bigA, double bigB, double alpha, double beta) {

        /** The {@code chinchilla} law from {@link Laws}. */
        public Law law() {
            return Laws.byName("chinchilla");
        }

        /** Parameters in the {@code chinchilla} law's order [E, A, B, alpha, beta]; a fresh array. */
        public double[] parameters() {
            return new double[] {e, bigA, bigB, alpha, beta};
        }

        /** The closed-form optimum under C = 6·N·D. */
        public ClosedForm closedForm() {
            return ClosedForm.of(bigA, bigB, e, alpha, beta);
        }

        /** A numeric planner under the given cost. */
        public ComputeOptimal planner(CostModel cost) {
            return new ComputeOptimal(law(), parameters(), cost);
        }
    }

    private static final Map<String, Preset> BY_NAME = new LinkedHashMap<>();

    static {
        for (Preset p : List.of(
                new Preset("hoffmann2022", "Hoffmann et al. 2022, Training Compute-Optimal Large Language Models, Approach 3",
                        1.69, 406.4, 410.7, 0.34, 0.28),
                new Preset("besiroglu2024", "Besiroglu et al. 2024, Chinchilla Scaling: A replication attempt (Epoch AI)",
                        1.82, 482.01, 2085.43, 0.35, 0.37))) {
            BY_NAME.put(p.name(), p);
        }
    }

    private Presets() {
    }

    /** @throws InputException listing the known names when there is no such preset */
    public static Preset byName(String name) {
        Preset p = BY_NAME.get(name);
        if (p == null) {
            throw new InputException("unknown preset '" + name + "'; known presets: " + String.join(", ", BY_NAME.keySet()));
        }
        return p;
    }

    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }
}
