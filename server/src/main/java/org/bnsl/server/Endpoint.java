package org.bnsl.server;

/**
 * One operation of the API ({@code fit}, {@code predict}, …): reads the request's fields and
 * answers. Runs on a worker of the server's bounded pool. Bad input is an {@link ApiException} or
 * an {@link org.bnsl.InputException} (both 400); anything else is a bug (500, logged, never shown).
 */
@FunctionalInterface
public interface Endpoint {
    Answer handle(ApiRequest request);
}
