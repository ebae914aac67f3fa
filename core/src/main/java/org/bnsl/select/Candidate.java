package org.bnsl.select;

import java.util.function.Function;

import org.bnsl.data.Series;
import org.bnsl.fit.Fit;

/**
 * One law that model choice may pick: its name as the user writes it ({@code m4}, {@code bnsl:2}),
 * how many parameters it has and how to fit it.
 *
 * @param name       the candidate's name
 * @param parameters its number of free parameters (a fit needs at least this many points)
 * @param fitter     fits it to a series; may throw {@link org.bnsl.InputException}
 */
public record Candidate(String name, int parameters, Function<Series, Fit> fitter) {
}
