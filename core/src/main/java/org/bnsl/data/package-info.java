/**
 * The user's data: {@link org.bnsl.data.Table} reads a CSV or JSON file into text cells that
 * remember their line, {@link org.bnsl.data.SeriesReader} picks the columns and groups and turns
 * the table into {@link org.bnsl.data.Series}, the curves the fitters consume.
 *
 * <p>Every problem with the input is an {@link org.bnsl.InputException} with a one-line message of
 * the form {@code file:line: column 'name': what was expected}.
 */
package org.bnsl.data;
