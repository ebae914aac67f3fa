/**
 * Formulas typed by users, compiled to fast {@link org.bnsl.law.Law laws} with exact gradients,
 * and row predicates for {@code --where} and {@code --holdout-where}.
 *
 * <h2>Grammar</h2>
 *
 * <pre>
 * formula    = sum ;
 * predicate  = or ;
 * or         = and { ("or" | "||") and } ;
 * and        = not { ("and" | "&amp;&amp;") not } ;
 * not        = ("not" | "!") not | comparison ;
 * comparison = sum [ ("&lt;" | "&lt;=" | "&gt;" | "&gt;=" | "==" | "!=") sum ] ;
 * sum        = product { ("+" | "-") product } ;
 * product    = unary { ("*" | "/") unary } ;
 * unary      = ("-" | "+") unary | power ;
 * power      = primary [ ("^" | "**") unary ] ;          (* right-associative *)
 * primary    = number | identifier | function "(" sum { "," sum } ")" | "(" sum ")" ;
 *                                           (* in a predicate, "(" or ")" instead of "(" sum ")" *)
 * function   = "exp" | "log" | "log1p" | "sqrt" | "abs" | "softplus" | "sigmoid"   (* 1 argument *)
 *            | "sin" | "cos" | "tan" | "atan" | "tanh" | "erf"                 (* 1 argument *)
 *            | "pow"                                    (* 2 arguments: pow(a, b) is a^b *)
 *            | "min" | "max" | "logsumexp" ;                                   (* 2 to 30 arguments *)
 * number     = digits [ "." [ digits ] ] [ exponent ] | "." digits [ exponent ] ;
 * exponent   = ("e" | "E") [ "+" | "-" ] digits ;
 * identifier = letter_or_underscore { letter_or_underscore | digit } ;      (* case-sensitive *)
 * </pre>
 *
 * <p>So {@code -x^2} is {@code -(x^2)}, {@code x^-2} is {@code x^(-2)} and {@code 2^3^2} is
 * {@code 2^(3^2)}. {@code pi} is the constant π; every other identifier is a variable, a parameter
 * or (in a predicate) a column. {@code and}, {@code or} and {@code not} are keywords only in
 * predicates. A predicate's top level, and each operand of {@code and}, {@code or} and {@code not},
 * must be a comparison; comparisons cannot be operands of arithmetic or of other comparisons.
 *
 * <h2>Fitting</h2>
 *
 * <p>A {@link org.bnsl.law.formula.Formula} is a {@link org.bnsl.law.FittableLaw}: each parameter's
 * role (exponent, scale, offset or general) is read off the syntax tree, and with the data's
 * magnitudes gives its bounds and starting range, so {@link org.bnsl.fit.LawFitter} fits it with no
 * grid from the user. The rules are in {@link org.bnsl.law.formula.Formula#roles()} and
 * {@link org.bnsl.law.formula.Formula#parameterSpecs(org.bnsl.data.Series)}.
 *
 * <h2>Errors</h2>
 *
 * <p>Every problem is an {@link org.bnsl.InputException} with a one-line message that names the
 * problem and the 1-based column in the text where it is, with {@code (end of formula)} (or
 * {@code (end of input)} for predicates) when that column is just past the end. Predicate messages
 * start with the option name. Examples:
 *
 * <pre>
 * unknown function 'lg' at column 7
 * unexpected ')' at column 12
 * expected an expression at column 5 (end of formula)
 * unclosed '(' opened at column 3
 * 'log' takes 1 argument, got 2 at column 1
 * unexpected character '$' at column 4
 * variable 'D' does not appear in the formula
 * --where: expected a comparison at column 9
 * --where: unknown column 'foo' at column 1; the columns are: a, b, c
 * </pre>
 */
package org.bnsl.law.formula;
